#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace v2_feature_on_v1_pipeline {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    // CodePipeline's default when pipelineType is not given is V1.
    if (p.pipeline_type && p.pipeline_type->value != "V1") continue;
    const auto& doc = *p.document;
    const auto report = [&](source::Span at, std::string what) {
      auto& f = out.report(at, fmt::format("{} only in V2 pipelines, and pipeline {} is V1", what, util::quote(p.display_name())))
                    .with_label("V2 only");
      if (p.pipeline_type) {
        f.with_related(p.pipeline_type->span, "V1 here");
        f.with_help("make it a V2 pipeline (pipelineType V2; PipelineType in CloudFormation), or remove it");
      } else {
        f.with_note("a pipeline with no pipelineType is V1");
        f.with_help("make it a V2 pipeline (pipelineType V2; PipelineType in CloudFormation), or remove it");
      }
    };
    if (!doc.items(p.variables_node).empty()) report(doc.name_span(p.variables_node), "pipeline variables work");
    if (!doc.items(p.triggers_node).empty()) report(doc.name_span(p.triggers_node), "triggers work");
    if (p.execution_mode && (p.execution_mode->value == "QUEUED" || p.execution_mode->value == "PARALLEL")) {
      report(p.execution_mode->span, fmt::format("execution mode {} works", p.execution_mode->value));
    }
  }
}

}  // namespace
}  // namespace v2_feature_on_v1_pipeline

extern const check::Rule kV2FeatureOnV1Pipeline{
    {
        .id = "CP1007",
        .name = "v2-feature-on-v1-pipeline",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a V1 pipeline uses what only V2 pipelines have: variables, triggers, QUEUED or PARALLEL execution",
        .rationale = R"md(## What it checks
Pipelines whose type is V1, or not given (CreatePipeline and CloudFormation then make a V1 pipeline), that
declare pipeline-level `variables`, `triggers`, or an `executionMode` of `QUEUED` or `PARALLEL`.

## Why it matters
These are V2 features. CodePipeline refuses them on a V1 pipeline (`InvalidStructureException`), when the stack
or the pipeline is created, not when the file is written.

## How to fix
Set `pipelineType` to `V2` (`PipelineType` in CloudFormation, `type V2` in a `.pipe` file), or remove the
feature. V2 pipelines are priced per action execution minute rather than per pipeline.

## References
- CodePipeline User Guide: Pipeline types; Set or change the pipeline execution mode; Variables reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/pipeline-types.html",
    },
    v2_feature_on_v1_pipeline::check};

}  // namespace pipec::rules
