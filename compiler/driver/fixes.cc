#include "driver/fixes.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace pipec::driver {

namespace {

struct RootEdit {
  std::uint32_t begin = 0, end = 0;
  std::string text;
};

bool plain(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
}

// The edit in the coordinates of the file it was read from, or nothing when
// that cannot be done byte for byte.
std::optional<std::pair<source::FileId, RootEdit>> to_root(const source::SourceSet& sources, const diag::Edit& edit) {
  source::Span span = edit.span;
  const std::string_view own = sources.file(span.file).text();
  if (span.end > own.size() || span.begin > span.end) return std::nullopt;
  if (edit.string_content) {
    const std::string_view written = own.substr(span.begin, span.size());
    if (written.size() >= 2 && (written.front() == '"' || written.front() == '\'') && written.back() == written.front()) {
      if (edit.text.find(written.front()) != std::string::npos || !plain(edit.text)) return std::nullopt;
      ++span.begin;
      --span.end;
    }
  }
  const source::Span root = sources.to_root(span);
  // Text inside an escaped string (a pattern in a PutRule's JSON string) maps
  // one byte to one only where nothing is escaped; the new text must need no
  // escaping either.
  if (root.size() != span.size()) return std::nullopt;
  if (root.file != span.file && !plain(edit.text)) return std::nullopt;
  if (sources.file(root.file).path().ends_with(".pipe")) return std::nullopt;
  return std::pair{root.file, RootEdit{root.begin, root.end, edit.text}};
}

bool overlaps(const RootEdit& a, const RootEdit& b) {
  if (a.begin == b.begin) return true;  // two edits at one place: which goes first is not certain
  return a.begin < b.end && b.begin < a.end;
}

}  // namespace

FixPass apply_fixes(const diag::Report& report) {
  FixPass pass;
  if (report.sources == nullptr) return pass;
  const source::SourceSet& sources = *report.sources;
  std::map<source::FileId, std::vector<RootEdit>> taken;
  for (const auto& d : report.diagnostics) {
    if (d.fix.empty()) continue;
    std::vector<std::pair<source::FileId, RootEdit>> edits;
    bool usable = true;
    for (const auto& e : d.fix) {
      auto mapped = to_root(sources, e);
      if (!mapped) {
        usable = false;
        break;
      }
      edits.push_back(std::move(*mapped));
    }
    if (!usable) continue;
    const bool clash = std::any_of(edits.begin(), edits.end(), [&](const auto& e) {
      const auto& others = taken[e.first];
      return std::any_of(others.begin(), others.end(), [&](const RootEdit& o) { return overlaps(o, e.second); });
    });
    if (clash) continue;
    for (auto& [file, edit] : edits) taken[file].push_back(std::move(edit));
    ++pass.applied;
  }
  for (auto& [file, edits] : taken) {
    if (edits.empty()) continue;
    std::sort(edits.begin(), edits.end(), [](const RootEdit& a, const RootEdit& b) { return a.begin > b.begin; });
    std::string text(sources.file(file).text());
    for (const auto& e : edits) text.replace(e.begin, e.end - e.begin, e.text);
    pass.texts[sources.file(file).path()] = std::move(text);
  }
  return pass;
}

}  // namespace pipec::driver
