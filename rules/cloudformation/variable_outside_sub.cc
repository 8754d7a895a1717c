#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace variable_outside_sub {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::cfn_unsubstituted);
}

}  // namespace
}  // namespace variable_outside_sub

extern const check::Rule kVariableOutsideSub{
    {
        .id = "CP0120",
        .name = "variable-outside-sub",
        .category = "cloudformation",
        .default_severity = diag::Severity::error,
        .summary = "a CloudFormation template writes ${Parameter} or ${AWS::Region} in a value that is not an Fn::Sub, where nothing substitutes it",
        .rationale = R"md(## What it checks
Every text of a template's resources and outputs that holds `${Name}` or `${Name.Attribute}`, where `Name` is a
parameter, a resource or a pseudo-parameter (`AWS::AccountId`, `AWS::Region`, …) of the template, and that is not
the text of an `Fn::Sub`: a plain value, an `Fn::Join` part, a parameter's value, a `Sub 'arn:…'` written
without its `!`. IAM's policy variables (`${aws:username}`) and shell variables that name nothing of the
template are left alone, as are `Metadata`, a Step Functions definition with `DefinitionSubstitutions`, and a
CodeBuild project's `BuildSpec`, where `${NAME}` is a shell variable (often set from the parameter of that name).

## Why it matters
CloudFormation substitutes only inside `Fn::Sub`: anywhere else the characters `${AWS::AccountId}` stay as
they are, so a role is granted `arn:aws:s3:::artifacts-${AWS::AccountId}/*`, which is no bucket, or a
repository named `${Repository}` is looked for, and the deploy fails later or the permission is never there.

## How to fix
Write the value with `!Sub` (`{"Fn::Sub": "…"}` in JSON).

## References
- AWS CloudFormation User Guide: Fn::Sub
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html",
    },
    variable_outside_sub::check};

}  // namespace pipec::rules
