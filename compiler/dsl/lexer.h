#pragma once
// The DSL's lexer: the whole file into tokens at once, with a span on each.
// Lexical errors (an unterminated string, a stray character) are reported
// and lexing goes on, so the parser sees the rest of the file.

#include <vector>

#include "dsl/token.h"
#include "source/source_file.h"
#include "syntax/issue.h"

namespace pipec::dsl {

struct Lexed {
  std::vector<Token> tokens;  ///< always ends with TokenKind::end
  std::vector<syntax::Issue> issues;
};

[[nodiscard]] Lexed lex(const source::SourceSet& sources, source::FileId file);

}  // namespace pipec::dsl
