#pragma once
// Tokens of the pipeline DSL (.pipe). See docs/dsl.md for the language.

#include <string>
#include <string_view>

#include "source/span.h"

namespace pipec::dsl {

enum class TokenKind {
  end,         ///< end of file
  newline,     ///< ends a statement (several in a row are one)
  identifier,  ///< letters, digits, '-', '_', '.' (qa-web, repository-name, V2)
  string,      ///< "…", with \" \\ \n \t \$ escapes and ${name} interpolation
  number,      ///< 15, 0.5, -3
  left_brace, right_brace, left_bracket, right_bracket,
  equals, comma, semicolon, arrow,  ///< = , ; ->
  less, less_equal, greater, greater_equal,  ///< for numeric matches in patterns
  invalid,     ///< a character the language does not use
};

[[nodiscard]] std::string_view describe(TokenKind kind);  ///< "a string", "\"{\"", …

struct Token {
  TokenKind kind = TokenKind::end;
  source::Span span;
  std::string_view text;  ///< as written (for strings, with the quotes)
};

}  // namespace pipec::dsl
