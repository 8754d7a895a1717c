#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace too_few_stages {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    // A template's stage given by an intrinsic function (!If) may or may not exist.
    if (pipeline.stages_node == syntax::kNoNode || pipeline.stages.size() >= 2 || pipeline.stages_unresolved) continue;
    const auto& doc = *pipeline.document;
    out.report(doc.name_span(pipeline.stages_node),
               fmt::format("pipeline {} has {}, expected at least 2", util::quote(pipeline.display_name()),
                           util::plural(pipeline.stages.size(), "stage")))
        .with_label("too few stages")
        .with_help("a pipeline needs a source stage and at least one more stage that builds, tests or deploys");
  }
}

}  // namespace
}  // namespace too_few_stages

extern const check::Rule kTooFewStages{
    {
        .id = "CP1001",
        .name = "too-few-stages",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a pipeline has fewer than two stages",
        .rationale = R"md(## What it checks
That each pipeline has at least two stages.

## Why it matters
CodePipeline rejects a pipeline with a single stage: the first stage holds only source actions, so a second
stage is needed to do anything with what they fetch.

## How to fix
Add a stage after the source stage: a build, a deploy or an approval.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    too_few_stages::check};

}  // namespace pipec::rules
