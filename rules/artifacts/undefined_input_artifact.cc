#include <fmt/core.h>

#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace undefined_input_artifact {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    std::vector<std::string> outputs;
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        for (const auto& o : action.outputs) outputs.push_back(o.value);
      }
    }
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        for (const auto& input : action.inputs) {
          const model::Action* producer = pipeline.producer(input.value);
          // In a template, an action or artifact given by an intrinsic
          // function may be the producer.
          if (producer == nullptr && !pipeline.fully_resolved()) continue;
          if (producer == nullptr) {
            auto& f = out.report(input.span, fmt::format("input artifact {} of action {} is not produced by any action",
                                                         util::quote(input.value), util::quote(action.display_name())))
                          .with_label("no action outputs this artifact");
            if (const auto guess = util::closest_match(input.value, outputs)) {
              f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
            }
            continue;
          }
          // The producer must run strictly before: an earlier stage, or the
          // same stage with a lower runOrder (unless a template gives one by
          // an intrinsic function).
          if (producer->stage_index == action.stage_index && (producer->order_unresolved || action.order_unresolved)) continue;
          const bool earlier = producer->stage_index < action.stage_index ||
                               (producer->stage_index == action.stage_index && producer->order() < action.order());
          if (earlier) continue;
          const model::Text* produced = nullptr;
          for (const auto& o : producer->outputs) {
            if (o.value == input.value) produced = &o;
          }
          const bool same_time = producer->stage_index == action.stage_index && producer->order() == action.order();
          out.report(input.span, fmt::format("input artifact {} of action {} is produced by {}, which runs {}",
                                             util::quote(input.value), util::quote(action.display_name()),
                                             util::quote(producer->display_name()), same_time ? "at the same time" : "after it"))
              .with_label("not yet produced when this action runs")
              .with_related(produced ? produced->span : producer->anchor(), "produced here")
              .with_help(producer->stage_index == action.stage_index
                             ? "give the producing action a lower runOrder than this one"
                             : "move the producing action to an earlier stage");
        }
      }
    }
  }
}

}  // namespace
}  // namespace undefined_input_artifact

extern const check::Rule kUndefinedInputArtifact{
    {
        .id = "CP2002",
        .name = "undefined-input-artifact",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "an action reads an artifact that no earlier action produces",
        .rationale = R"md(## What it checks
Each input artifact must be the output of an action that runs before it: in an earlier stage, or in the same
stage with a lower `runOrder`. pipec reports inputs nobody produces (with a suggestion when the name is close
to an existing output) and inputs produced by an action that runs later or in parallel.

## Why it matters
CodePipeline rejects the pipeline. The CDK misses the case of a producer in a later stage, and cfn-lint checks
only document order.

## How to fix
Use the name of an artifact an earlier action outputs, or reorder the actions.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference (input and output artifacts)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    undefined_input_artifact::check};

}  // namespace pipec::rules
