#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_put_rule_input {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::put_rule, "eventbridge/put-rule.json");
}

}  // namespace
}  // namespace invalid_put_rule_input

extern const check::Rule kInvalidPutRuleInput{
    {
        .id = "CP0104",
        .name = "invalid-put-rule-input",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an EventBridge PutRule input breaks the API's rules",
        .rationale = R"md(## What it checks
The input of `aws events put-rule --cli-input-json` against `schemas/eventbridge/put-rule.json`: the rule name
(1 to 64 letters, digits, `.`, `-`, `_`), `EventPattern` as a string of at most 4096 characters, `State`,
`Description`, `EventBusName` and tags. The pattern inside `EventPattern` is checked by CP0103 and the rules
of the 3xxx range.

## Why it matters
PutRule rejects these at deploy time. `EventPattern` in particular must be a string holding JSON, not an object
as in CloudFormation.

## References
- Amazon EventBridge API Reference: PutRule
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
    },
    invalid_put_rule_input::check};

}  // namespace pipec::rules
