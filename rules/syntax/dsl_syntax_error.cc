#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace dsl_syntax_error {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::dsl_syntax);
}

}  // namespace
}  // namespace dsl_syntax_error

extern const check::Rule kDslSyntaxError{
    {
        .id = "CP0007",
        .name = "dsl-syntax-error",
        .category = "dsl",
        .default_severity = diag::Severity::error,
        .summary = "a .pipe file does not parse: a misspelled keyword, action kind or setting, a missing brace, an unterminated string",
        .rationale = R"md(## What it checks
The syntax of `.pipe` files (docs/dsl.md): declarations (`let`, `pipeline`, `rule`), pipeline settings and
stages, action kinds and their settings, rule triggers, patterns and starts. A misspelled keyword, action kind
or setting is reported with the nearest word; one run reports every error in the file, recovering at the next
statement.

## How to fix
Follow the suggestion; `docs/dsl.md` lists every statement and setting.
)md",
        .help_uri = "",
    },
    dsl_syntax_error::check};

}  // namespace pipec::rules
