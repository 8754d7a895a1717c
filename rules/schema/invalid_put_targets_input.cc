#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_put_targets_input {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::put_targets, "eventbridge/put-targets.json");
  // What a .pipe file lowers to, in the same shape, every value at its place in the .pipe file.
  std::vector<SchemaJob> jobs;
  for (const auto& set : context.workspace.target_sets) {
    if (set.dialect == model::Dialect::dsl && set.document != nullptr) jobs.push_back({"eventbridge/put-targets.json", set.document, set.node});
  }
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_put_targets_input

extern const check::Rule kInvalidPutTargetsInput{
    {
        .id = "CP0105",
        .name = "invalid-put-targets-input",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an EventBridge PutTargets input breaks the API's rules",
        .rationale = R"md(## What it checks
The input of `aws events put-targets --cli-input-json` against `schemas/eventbridge/put-targets.json`: `Rule`
and `Targets` are required; each target needs an `Id` (1 to 64 letters, digits, `.`, `-`, `_`) and an `Arn`;
`RoleArn` must be an IAM role ARN; `Input` and `InputPath` lengths and the retry policy are bounded. Input
transformers are checked by CP0106 and the 4xxx rules.

## Why it matters
PutTargets reports failures per target in its response and still exits 0 in many scripts: a target that
failed to attach is easy to miss.

## References
- Amazon EventBridge API Reference: PutTargets, Target
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html",
    },
    invalid_put_targets_input::check};

}  // namespace pipec::rules
