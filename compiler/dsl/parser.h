#pragma once
// The DSL's recursive-descent parser. It knows the grammar of each block
// (docs/dsl.md), so a misspelled keyword, action kind or setting gets a
// suggestion, and it recovers at the next statement: one run reports every
// syntax error of a file.

#include <string>
#include <vector>

#include "dsl/ast.h"
#include "source/source_file.h"
#include "syntax/issue.h"

namespace pipec::dsl {

struct Parsed {
  File file;
  std::vector<syntax::Issue> issues;
};

[[nodiscard]] Parsed parse(const source::SourceSet& sources, source::FileId file);

/// The tree as an S-expression, for the parser corpus (tests/syntax/).
[[nodiscard]] std::string dump(const File& file);

}  // namespace pipec::dsl
