#include "diag/report.h"

#include <algorithm>
#include <tuple>

#include "util/utf8.h"

namespace pipec::diag {

namespace {

std::string mask(std::string_view secret, std::size_t keep) {
  keep = std::min(keep, secret.size());
  std::string out(secret.substr(0, keep));
  out.append(util::count_code_points(secret.substr(keep)), '*');
  return out;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

void finalize(Report& report) {
  const auto& sources = *report.sources;
  struct Keyed {
    source::Span root;
    const std::string* path;
    Diagnostic diagnostic;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(report.diagnostics.size());
  static const std::string kNoPath;
  for (auto& d : report.diagnostics) {
    const source::Span root = sources.to_root(d.span);
    keyed.push_back({root, root.valid() ? &sources.file(root.file).path() : &kNoPath, std::move(d)});
  }
  const auto key = [](const Keyed& k) {
    return std::tie(*k.path, k.root.begin, k.diagnostic.rule_id, k.diagnostic.message,
                    k.root.end);
  };
  std::stable_sort(keyed.begin(), keyed.end(),
                   [&](const Keyed& a, const Keyed& b) { return key(a) < key(b); });
  keyed.erase(std::unique(keyed.begin(), keyed.end(),
                          [&](const Keyed& a, const Keyed& b) { return key(a) == key(b); }),
              keyed.end());

  std::vector<std::pair<std::string, std::string>> secrets;
  for (const auto& r : report.redactions) {
    const source::Span root = sources.to_root(r.span);
    if (!root.valid()) continue;
    const std::string_view text =
        sources.file(root.file).text().substr(root.begin, root.end - root.begin);
    secrets.emplace_back(std::string(text), mask(text, r.keep));
  }

  report.diagnostics.clear();
  for (auto& k : keyed) {
    auto& d = k.diagnostic;
    for (const auto& [secret, masked] : secrets) {
      replace_all(d.message, secret, masked);
      replace_all(d.label, secret, masked);
      for (auto& label : d.related) replace_all(label.text, secret, masked);
      for (auto& note : d.notes) replace_all(note, secret, masked);
      for (auto& help : d.help) replace_all(help, secret, masked);
    }
    report.diagnostics.push_back(std::move(d));
  }
}

std::string masked_text(const Report& report, source::Span span) {
  const auto& sources = *report.sources;
  const source::Span root = sources.to_root(span);
  std::string text(sources.file(root.file).text().substr(root.begin, root.end - root.begin));
  for (const auto& r : report.redactions) {
    const source::Span secret = sources.to_root(r.span);
    if (secret.file != root.file || secret.end <= root.begin || secret.begin >= root.end) continue;
    // Mask byte by byte within the overlap, keeping code point boundaries:
    // secrets are ASCII, so one byte is one column.
    const std::uint32_t from = std::max(secret.begin + static_cast<std::uint32_t>(r.keep), root.begin);
    const std::uint32_t to = std::min(secret.end, root.end);
    for (std::uint32_t i = from; i < to; ++i) text[i - root.begin] = '*';
  }
  return text;
}

Counts count(const Report& report) {
  Counts counts;
  for (const auto& d : report.diagnostics) {
    switch (d.severity) {
      case Severity::error: ++counts.errors; break;
      case Severity::warning: ++counts.warnings; break;
      case Severity::info: ++counts.infos; break;
    }
  }
  return counts;
}

}  // namespace pipec::diag
