#pragma once
// The lexical side of JSON shared by both readers: decoding string
// literals, checking numbers, and reporting duplicate keys.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::syntax::json {

/// A problem inside a string literal (an invalid escape, a raw control character).
struct DecodeProblem {
  std::uint32_t begin, end;
  std::string message;
  std::string help;
};

/// Decodes source[begin, end) (the bytes between the quotes) into `out`.
/// With `offsets`, records the source offset of each decoded byte (and one
/// past the end). With `problems`, reports what JSON does not allow; such
/// bytes are kept as written.
void decode(std::string_view source, std::uint32_t begin, std::uint32_t end, std::string& out,
            std::vector<std::uint32_t>* offsets, std::vector<DecodeProblem>* problems);

/// Where the contents of a string literal starting at `begin` end, and
/// whether a closing quote is there (tree-sitter ends an unterminated string
/// at the end of the line).
struct LiteralBounds {
  std::uint32_t content_begin, content_end;
  bool closed;
};
[[nodiscard]] LiteralBounds literal_bounds(std::string_view source, std::uint32_t begin, std::uint32_t end);

/// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
[[nodiscard]] bool strict_json_number(std::string_view text);

/// One warning per key that repeats among `members` (at the later key).
[[nodiscard]] std::vector<Issue> duplicate_key_issues(std::span<const Member> members);

}  // namespace pipec::syntax::json
