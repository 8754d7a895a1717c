#include "model/cloudformation.h"
#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_cloudformation_pipeline {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_resources_against(context, out, model::kPipelineResource, "cloudformation/pipeline.json");
}

}  // namespace
}  // namespace invalid_cloudformation_pipeline

extern const check::Rule kInvalidCloudFormationPipeline{
    {
        .id = "CP0111",
        .name = "invalid-cloudformation-pipeline",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an AWS::CodePipeline::Pipeline resource breaks CloudFormation's rules for its properties: a "
                   "missing or unknown key, a malformed name, a value not allowed",
        .rationale = R"md(## What it checks
Each `AWS::CodePipeline::Pipeline` resource of a CloudFormation template, YAML or JSON, against
`schemas/cloudformation/pipeline.json`, built from the resource's CloudFormation provider schema and the
CodePipeline API: the resource attributes (`Type`, `Properties`, `Condition`, `DependsOn`, `Metadata`,
`DeletionPolicy`, `UpdateReplacePolicy`); the required properties (`RoleArn`, `Stages`, and `ArtifactStore` or
`ArtifactStores`, not both); each stage's `Name` and `Actions`, each action's `Name` and `ActionTypeId`; keys
in PascalCase (`ActionTypeId`, `InputArtifacts`, `RunOrder`: the API's camelCase keys are unknown here, with
a suggestion); name patterns and lengths (artifact names allow no `.` or `@`); the enums (`Category`,
`Owner`, `PipelineType`, `ExecutionMode`, `OnFailure.Result`); `RunOrder` from 1 to 999; the role ARN format.

Wherever a value is expected, an intrinsic function may stand instead (`!Ref`, `!Sub`, `!GetAtt`, `!If`, or
their long form): its value is known only at deployment and is not judged. Numbers and booleans pass where
text is expected (`Version: 1`), since CloudFormation converts them. Each action's `Configuration` is checked
by CP0102, per provider; stage counts, artifacts and the source stage by the 1xxx and 2xxx rules, as for the
API's JSON.

## Why it matters
CloudFormation checks properties only when the stack is created or updated, and a failed update rolls the
whole stack back. `stages` for `Stages`, an `Owner` of `aws`, or both artifact store forms fail there, one at
a time.

## How to fix
Follow the message: it names the key, what it holds and what is allowed.

## References
- AWS CloudFormation User Guide: AWS::CodePipeline::Pipeline
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri =
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codepipeline-pipeline.html",
    },
    invalid_cloudformation_pipeline::check,
    check::Cost::heavy};

}  // namespace pipec::rules
