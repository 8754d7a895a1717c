#include "model/cloudformation.h"
#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_cloudformation_event_rule {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_resources_against(context, out, model::kEventRuleResource, "cloudformation/event-rule.json");
}

}  // namespace
}  // namespace invalid_cloudformation_event_rule

extern const check::Rule kInvalidCloudFormationEventRule{
    {
        .id = "CP0112",
        .name = "invalid-cloudformation-event-rule",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an AWS::Events::Rule resource breaks CloudFormation's rules for its properties: a missing or "
                   "unknown key, a malformed name, a value not allowed",
        .rationale = R"md(## What it checks
Each `AWS::Events::Rule` resource of a CloudFormation template, YAML or JSON, against
`schemas/cloudformation/event-rule.json`, built from the resource's CloudFormation provider schema and the
EventBridge API: the resource attributes; `EventPattern` or `ScheduleExpression` (a rule needs one);
`EventPattern` as an object, or a string of at most 4096 characters; the rule `Name` (1 to 64 letters, digits,
`.`, `-`, `_`); `State` (`ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`);
`EventBusName`; role ARNs; 1 to 100 `Targets`, each with an `Id` and an `Arn`, and its retry policy.

Wherever a value is expected, an intrinsic function may stand instead (`!Ref`, `!Sub`, `!GetAtt`, `!If`): its
value is known only at deployment and is not judged. The pattern itself is checked by CP0103 and the 3xxx
rules, input transformers by CP0106 and the 4xxx rules, and a target that starts a pipeline of the same
template is checked against it (CP4005).

## Why it matters
CloudFormation rejects these when the stack is created or updated and rolls the stack back. `State: enabled`
in lower case, or `EventPattern` written as a YAML block scalar where an object was meant, fail only there.

## How to fix
Follow the message: it names the key, what it holds and what is allowed.

## References
- AWS CloudFormation User Guide: AWS::Events::Rule
- Amazon EventBridge API Reference: PutRule, PutTargets
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html",
    },
    invalid_cloudformation_event_rule::check};

}  // namespace pipec::rules
