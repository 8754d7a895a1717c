#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace dsl_invalid_value {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::dsl_value);
}

}  // namespace
}  // namespace dsl_invalid_value

extern const check::Rule kDslInvalidValue{
    {
        .id = "CP0009",
        .name = "dsl-invalid-value",
        .category = "dsl",
        .default_severity = diag::Severity::error,
        .summary = "a .pipe setting holds a value of the wrong form: an unknown choice, a number that is not one, a setting given twice",
        .rationale = R"md(## What it checks
Values in `.pipe` files that cannot mean what their setting needs: a pipeline `type` other than V1 or V2, a
`mode` other than queued, superseded or parallel, `true`/`false` settings, whole numbers, revision kinds
(`image-digest`, `commit-id`, `s3-object-version-id`, `s3-object-key`), more than four images for a blue/green
deploy, a conversion step without its container, a rule with no pattern or no pipeline to start, and a setting
given twice.

What CodePipeline itself checks (names, ARNs, repository names, timeouts) is checked by the schema rules
(CP0101, CP0102), in the DSL's words, on the pipeline the file declares.
)md",
        .help_uri = "",
    },
    dsl_invalid_value::check};

}  // namespace pipec::rules
