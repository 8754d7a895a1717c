#include "config/inline_suppressions.h"

#include <string_view>

namespace pipec::config {

namespace {

constexpr std::string_view kMarker = "pipec:";

bool blank(char c) { return c == ' ' || c == '\t'; }

// Where the comment of `line` starts, or npos: a '#' at the start or after
// a blank, outside single- and double-quoted text.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote == '"') {
      if (c == '\\') ++i;
      else if (c == '"') quote = 0;
    } else if (quote == '\'') {
      if (c == '\'') quote = 0;
    } else if ((c == '"' || c == '\'') && (i == 0 || blank(line[i - 1]) || line[i - 1] == ':' || line[i - 1] == '[' ||
                                          line[i - 1] == '{' || line[i - 1] == ',' || line[i - 1] == '=')) {
      quote = c;
    } else if (c == '#' && (i == 0 || blank(line[i - 1]))) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<InlineSuppression> scan_inline_suppressions(const source::SourceSet& sources, source::FileId id) {
  const source::SourceFile& file = sources.file(id);
  std::vector<InlineSuppression> out;
  std::vector<std::size_t> waiting;  // whole-line suppressions waiting for their line of content
  for (std::uint32_t line = 1; line <= file.last_line(); ++line) {
    const std::string_view text = file.line_text(line);
    const std::size_t hash = comment_start(text);
    const bool content = !trim(hash == std::string_view::npos ? text : text.substr(0, hash)).empty();
    if (content) {
      for (const std::size_t w : waiting) out[w].line = line;
      waiting.clear();
    }
    if (hash == std::string_view::npos) continue;
    std::string_view comment = trim(text.substr(hash + 1));
    if (!comment.starts_with(kMarker)) continue;
    const std::uint32_t start = file.line_start(line);
    const auto offset_of = [&](std::string_view part) {
      return static_cast<std::uint32_t>(start + (part.data() - text.data()));
    };
    InlineSuppression s;
    s.span = {id, static_cast<std::uint32_t>(start + hash), static_cast<std::uint32_t>(start + text.size())};
    s.line = line;
    comment = trim(comment.substr(kMarker.size()));
    if (comment.starts_with("ignore-file")) {
      s.file_level = true;
      comment.remove_prefix(std::string_view("ignore-file").size());
    } else if (comment.starts_with("ignore")) {
      comment.remove_prefix(std::string_view("ignore").size());
    } else {
      s.problem = "unknown suppression directive; expected `pipec: ignore[RULE] reason` or `pipec: ignore-file[RULE] reason`";
      out.push_back(std::move(s));
      continue;
    }
    comment = trim(comment);
    const std::size_t close = comment.find(']');
    if (!comment.starts_with('[') || close == std::string_view::npos) {
      s.problem = "suppression without brackets; expected the rules in them, such as `ignore[CP2001] reason`";
      out.push_back(std::move(s));
      continue;
    }
    std::string_view list = comment.substr(1, close - 1);
    while (!list.empty()) {
      const std::size_t comma = list.find(',');
      const std::string_view item = trim(list.substr(0, comma));
      if (!item.empty()) {
        s.rules.push_back({std::string(item), {id, offset_of(item), static_cast<std::uint32_t>(offset_of(item) + item.size())}, false});
      }
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    std::string_view reason = trim(comment.substr(close + 1));
    while (!reason.empty() && (reason.front() == ':' || reason.front() == '-' || blank(reason.front()))) reason.remove_prefix(1);
    s.reason = std::string(reason);
    if (s.rules.empty()) {
      s.problem = "suppression names no rule; name it in the brackets, such as `ignore[CP2001]`";
    } else if (s.reason.empty()) {
      s.problem = "suppression without a reason; say why after the brackets, such as `ignore[CP2001] the build renames the file`";
    }
    // On its own line, a suppression covers the next line of content; after
    // content, its own line.
    if (!content && !s.file_level) waiting.push_back(out.size());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace pipec::config
