#pragma once
// From the syntax tree to what it means (ir::Program): constants and
// ${…} substituted, keywords checked, run orders numbered, rules turned
// into event patterns and pipeline targets. Problems become issues with
// spans and suggestions; resolution goes on past them.

#include <vector>

#include "dsl/ast.h"
#include "dsl/ir.h"
#include "syntax/issue.h"

namespace pipec::dsl {

struct Resolved {
  ir::Program program;
  std::vector<syntax::Issue> issues;
};

[[nodiscard]] Resolved resolve(const File& file);

}  // namespace pipec::dsl
