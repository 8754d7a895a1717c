#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace dsl_unresolved_name {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::dsl_reference);
}

}  // namespace
}  // namespace dsl_unresolved_name

extern const check::Rule kDslUnresolvedName{
    {
        .id = "CP0008",
        .name = "dsl-unresolved-name",
        .category = "dsl",
        .default_severity = diag::Severity::error,
        .summary = "a .pipe file refers to a constant, pipeline, event or pattern file that does not exist",
        .rationale = R"md(## What it checks
Names in `.pipe` files that refer to something: `${name}` and bare constant names (defined by `let`, or the
pseudo-parameters `account`, `region` and `partition`), the pipeline a rule starts, the `on` event shortcut,
its filters, and a pattern file. Constants defined twice and constants that refer to themselves are reported too.

## How to fix
Define the constant with `let`, or correct the name; the suggestion names the nearest one.
)md",
        .help_uri = "",
    },
    dsl_unresolved_name::check};

}  // namespace pipec::rules
