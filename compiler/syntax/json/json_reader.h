#pragma once
// JSON through tree-sitter-json: a Document with a span on every key and
// value, and every syntax error in the file, each explained in words
// (trailing comma, missing comma, unterminated string, comment, stray text…)
// rather than tree-sitter's bare ERROR nodes.

#include <cstdint>
#include <string>
#include <vector>

#include "source/source_file.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::syntax {

struct JsonOptions {
  std::uint32_t max_depth = 256;  ///< deeper values become invalid nodes
  std::size_t max_issues = 100;   ///< per file; one more issue says the rest were dropped
  /// Try the strict single-pass reader first (json_strict_reader.h), and use
  /// tree-sitter only for text that is not strictly valid JSON. Off only to
  /// compare the two readers.
  bool strict_first = true;
};

struct JsonResult {
  Document document;
  std::vector<Issue> issues;
};

[[nodiscard]] JsonResult read_json(const source::SourceSet& sources, source::FileId file,
                                   const JsonOptions& options = {});

/// The decoded contents of a JSON string literal at `literal` (quotes
/// included), with the source offset of each decoded byte (size + 1 entries),
/// so a JSON document embedded in a string maps back to the outer file.
struct DecodedString {
  std::string text;
  std::vector<std::uint32_t> offsets;
  bool mapped = true;  ///< false when the offsets only run along the span (see decode_string)
};
[[nodiscard]] DecodedString decode_string_literal(std::string_view source, source::Span literal);

}  // namespace pipec::syntax
