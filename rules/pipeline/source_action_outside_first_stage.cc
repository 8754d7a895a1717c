#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace source_action_outside_first_stage {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    // From the second stage read on: in a template, stages given by an
    // intrinsic function (!If) are not read and may not exist, so only a
    // stage after one that was read is certainly not the first. Its place in
    // the declaration counts them all.
    for (std::size_t k = 1; k < pipeline.stages.size(); ++k) {
      const auto& stage = pipeline.stages[k];
      const std::size_t i = pipeline.stages_unresolved ? stage.position : k;
      for (const auto& action : stage.actions) {
        if (action.category() != "Source") continue;
        auto& f = out.report(action.type.category->span,
                             fmt::format("source action {} is in stage {}, the {} stage; source actions belong in the first stage",
                                         util::quote(action.display_name()), util::quote(stage.display_name()),
                                         util::ordinal(i)))
                      .with_label("source action here")
                      .with_help("move the action into the first stage; actions of the first stage run in parallel");
        if (!pipeline.stages_unresolved || pipeline.stages.front().position == 0) {
          f.with_related(pipeline.stages.front().anchor(), "the first stage");
        }
      }
    }
  }
}

}  // namespace
}  // namespace source_action_outside_first_stage

extern const check::Rule kSourceActionOutsideFirstStage{
    {
        .id = "CP1002",
        .name = "source-action-outside-first-stage",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a source action sits in a stage other than the first",
        .rationale = R"md(## What it checks
Actions of category `Source` in the second stage or later.

## Why it matters
CodePipeline accepts source actions only in the first stage and rejects the pipeline otherwise. A second ECR
source to pick up a sidecar image, added as its own stage, is the usual way this happens.

## How to fix
Move the source action into the first stage, beside the other sources.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    source_action_outside_first_stage::check};

}  // namespace pipec::rules
