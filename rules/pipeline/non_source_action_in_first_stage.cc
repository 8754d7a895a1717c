#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace non_source_action_in_first_stage {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    // In a template, the first stage may be given by an intrinsic function.
    if (pipeline.stages.empty() || (pipeline.stages_unresolved && pipeline.stages.front().position != 0)) continue;
    const auto& stage = pipeline.stages.front();
    for (const auto& action : stage.actions) {
      if (!action.type.category || action.category() == "Source") continue;
      out.report(action.type.category->span,
                 fmt::format("action {} in the first stage {} is a {} action; the first stage holds only source actions",
                             util::quote(action.display_name()), util::quote(stage.display_name()), action.category()))
          .with_label("not a source action")
          .with_help("move the action to a later stage");
    }
  }
}

}  // namespace
}  // namespace non_source_action_in_first_stage

extern const check::Rule kNonSourceActionInFirstStage{
    {
        .id = "CP1003",
        .name = "non-source-action-in-first-stage",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "the first stage holds an action that is not a source action",
        .rationale = R"md(## What it checks
Actions in the first stage whose category is not `Source`.

## Why it matters
CodePipeline requires the first stage to contain only source actions and rejects the pipeline otherwise.

## How to fix
Move the action into a later stage.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    non_source_action_in_first_stage::check};

}  // namespace pipec::rules
