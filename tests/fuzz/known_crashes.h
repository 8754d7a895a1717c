#pragma once
// Inputs of crash classes that are known and being fixed, which the harnesses
// skip so that fuzzing can find anything else. Each entry names its
// reproducer under tests/fuzz/regressions-pending/; when the crash is fixed,
// delete the entry here and move the reproducer to tests/fuzz/regressions/.

#include <string>
#include <string_view>

#include "dsl/parser.h"
#include "source/source_file.h"

namespace pipec::fuzz {

/// A .pipe file whose syntax tree has a pipeline, stage, action or rule
/// without a name or without a span (the parser gave up on its block, as in
/// `stage Deploy` with no `{`), or a rule with no `on`, `pattern` or
/// `pattern file` (`rule x {}`, `rule x { start p }`), or a start whose
/// variable or revision path is a name no `let` defines
/// (`start p { variable Tag = type }`, `revision Image = image-digest from x`):
/// its lowered documents hold values at no span, lint reports a CP0101
/// finding there, and diag::finalize reads past the SourceSet
/// (regressions-pending/dsl/unnamed-action.pipe, empty-rule.pipe,
/// stage-without-block.pipe, rule-without-pattern.pipe,
/// start-path-unknown-name.pipe).
inline bool known_pipe_crash(std::string_view text) {
  source::SourceSet sources;
  const auto file = sources.add("known.pipe", std::string(text));
  const auto parsed = dsl::parse(sources, file);
  for (const auto& p : parsed.file.pipelines) {
    if (p.name.text.empty() || !p.span.valid()) return true;
    for (const auto& s : p.stages) {
      if (s.name.text.empty() || !s.span.valid()) return true;
      for (const auto& a : s.actions) {
        if (a.name.text.empty() || a.provider.text.empty() || !a.span.valid()) return true;
      }
    }
  }
  const auto constant = [&](const std::string& name) {
    for (const auto& l : parsed.file.lets) {
      if (l.name.text == name) return true;
    }
    return false;
  };
  for (const auto& r : parsed.file.rules) {
    if (r.name.text.empty() || !r.span.valid()) return true;
    if (!r.trigger && !r.pattern && !r.pattern_file) return true;
    for (const auto& start : r.starts) {
      for (const auto& setting : start.settings) {
        // The path of `variable NAME = PATH` or `revision ACTION = KIND from PATH`.
        const std::size_t path = setting.key.text == "variable" ? 1 : setting.key.text == "revision" ? 2 : 0;
        if (path == 0 || setting.values.size() <= path) continue;
        const auto& v = setting.values[path];
        if (v.kind == dsl::Value::Kind::reference && !constant(v.text)) return true;
      }
    }
  }
  return false;
}

/// YAML ending in an escape inside a double-quoted string (`a: "\`, or a
/// backslash and one more byte):
/// explaining yaml-cpp's "unknown escape" error, the reader looks for the
/// backslash from the error's position, the end of the text, and reads
/// text_[text_.size()] (yaml_reader.cc:484; a libstdc++ assertion in the fuzz
/// build, a read of the string's terminator otherwise)
/// (regressions-pending/yaml_reader/escape-at-end-of-file.yaml,
/// regressions-pending/lint/escape-at-end-of-file). And:
/// YAML whose node properties are split across lines, an anchor or tag with
/// the next property on a later line (`a: &x` then `  !Foo [1]`): the
/// reader's scan of the properties stops at the line break, so the tag's span
/// is never set, and an issue at it (unknown tag, `!!float` of a non-number)
/// has no file; lint then crashes in diag::finalize
/// (regressions-pending/yaml_reader/anchor-then-tag-next-line.yaml,
/// regressions-pending/lint/anchor-then-tag-next-line).
inline bool known_yaml_crash(std::string_view text) {
  if (text.find('\\', text.size() < 2 ? 0 : text.size() - 2) != std::string_view::npos) return true;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  const auto space = [&](char c) { return blank(c) || c == '\n' || c == '\r'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&' && text[i] != '!') continue;
    if (i > 0 && !space(text[i - 1]) && std::string_view("[{,:-?").find(text[i - 1]) == std::string_view::npos) continue;
    std::size_t j = i;
    while (j < text.size() && !space(text[j])) ++j;  // the property
    while (j < text.size() && blank(text[j])) ++j;
    if (j < text.size() && text[j] == '#') {
      while (j < text.size() && text[j] != '\n') ++j;
    }
    if (j >= text.size() || (text[j] != '\n' && text[j] != '\r')) continue;
    while (j < text.size() && space(text[j])) ++j;
    if (j < text.size() && (text[j] == '!' || text[j] == '&')) return true;
  }
  return false;
}

/// Text with six or more UTF-8 continuation bytes in a row (0x80-0xBF), which
/// no valid UTF-8 has: a string holding them reaches valijson's maxLength,
/// whose u8_strlen reads offsetsFromUTF8[] past its 6 entries (UBSan,
/// valijson/utils/utf8_utils.hpp:38)
/// (regressions-pending/dsl/invalid-utf8-valijson-maxlength.pipe,
/// regressions-pending/lint/invalid-utf8-valijson-maxlength). Other invalid
/// UTF-8 is still fuzzed.
inline bool known_valijson_crash(std::string_view text) {
  std::size_t run = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    run = byte >= 0x80 && byte <= 0xBF ? run + 1 : 0;
    if (run >= 6) return true;
  }
  return false;
}

}  // namespace pipec::fuzz
