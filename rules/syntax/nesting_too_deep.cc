#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace nesting_too_deep {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::too_deep);
}

}  // namespace
}  // namespace nesting_too_deep

extern const check::Rule kNestingTooDeep{
    {
        .id = "CP0005",
        .name = "nesting-too-deep",
        .category = "syntax",
        .default_severity = diag::Severity::error,
        .summary = "a value is nested more than 256 levels deep",
        .rationale = R"md(## What it checks
JSON or YAML values nested more than 256 levels deep. pipec stops reading into such a value and checks the rest
of the file. In YAML, nesting is found by a scan of the text (indentation and brackets) before it is parsed.

## Why it matters
No CodePipeline declaration, EventBridge pattern or ECS file comes close to this depth: a file that does was
generated wrongly, or is built to exhaust parsers. Reading on would only hide the real problem.

## How to fix
Find what generated the file and fix it there.
)md",
        .help_uri = "",
    },
    nesting_too_deep::check};

}  // namespace pipec::rules
