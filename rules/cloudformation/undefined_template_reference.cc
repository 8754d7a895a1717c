#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace undefined_template_reference {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::cfn_reference);
}

}  // namespace
}  // namespace undefined_template_reference

extern const check::Rule kUndefinedTemplateReference{
    {
        .id = "CP0114",
        .name = "undefined-template-reference",
        .category = "cloudformation",
        .default_severity = diag::Severity::error,
        .summary = "a CloudFormation template refers to a parameter, resource, attribute, mapping or condition it does not have",
        .rationale = R"md(## What it checks
Every name a template's intrinsic functions use: `Ref` (a parameter, a resource, or a pseudo-parameter such as
`AWS::Region`, spelled exactly so), `Fn::GetAtt` (a resource, and an attribute its type has, from AWS's resource
model), `Fn::Sub` (each `${Name}` and `${Resource.Attribute}`), `Fn::FindInMap` (a mapping and its keys, when they
are known), `Fn::If` and `Condition` (a condition under `Conditions`), and `DependsOn` (a resource).

pipec reads a template as CloudFormation does: parameters take their `Default`, mappings and conditions are
evaluated, and what is known is checked by every other rule at the token that carries it (a parameter's
default, a mapping's entry). What only a deployment knows (a resource's ARN, an import) is left unchecked.

## Why it matters
CloudFormation refuses the template (`Template format error: Unresolved resource dependencies`, `Template error:
instance of Fn::GetAtt references undefined resource`) or fails the stack, after the change is merged. `!Ref
AWS::REGION` reads like the right thing and is not.

## How to fix
Correct the name (the help names the nearest one), or declare the parameter, resource, mapping or condition.

## References
- AWS CloudFormation User Guide: Intrinsic function reference; Pseudo parameters reference
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html",
    },
    undefined_template_reference::check};

}  // namespace pipec::rules
