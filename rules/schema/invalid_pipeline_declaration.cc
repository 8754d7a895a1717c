#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_pipeline_declaration {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  // Declarations in files, and those a .pipe file lowers to (in the same
  // shape, every value at its place in the .pipe file).
  std::vector<SchemaJob> jobs;
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::pipeline || file.document == nullptr || file.document->empty()) continue;
    jobs.push_back({"codepipeline/pipeline.json", file.document, file.document->root()});
  }
  for (const auto& p : context.workspace.pipelines) {
    if (p.dialect == model::Dialect::dsl) jobs.push_back({"codepipeline/pipeline.json", p.document, p.document->root()});
  }
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_pipeline_declaration

extern const check::Rule kInvalidPipelineDeclaration{
    {
        .id = "CP0101",
        .name = "invalid-pipeline-declaration",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "a CodePipeline declaration breaks the API's rules for names, lengths, types or allowed values",
        .rationale = R"md(## What it checks
A CodePipeline declaration (`create-pipeline` input, `get-pipeline` output with its `metadata`, or the
declaration alone) against the bundled schema `schemas/codepipeline/pipeline.json`, built from the CodePipeline
API: required members (`name`, `roleArn`, `stages`; each stage's `name` and `actions`; each action's `name`
and `actionTypeId`), name patterns and lengths (pipeline, stage and action names allow `.` and `@`, artifact names
do not), the action categories and owners, provider and version formats, `runOrder` from 1 to 999, the role ARN
format, the artifact store, `pipelineType`, `executionMode` and variables. Unknown keys are errors, with a
suggestion when they look like a typo.

Each action's `configuration` is checked by CP0102, per provider.

## Why it matters
CreatePipeline rejects all of these, one at a time, at deploy time. A role ARN with an 11-digit account or an
owner spelled `aws` fails there, not in review.

## How to fix
Each message names the key, what it holds and what is allowed.

## References
- CodePipeline API Reference: PipelineDeclaration
- CodePipeline User Guide: Quotas in AWS CodePipeline
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html",
    },
    invalid_pipeline_declaration::check,
    check::Cost::heavy};

}  // namespace pipec::rules
