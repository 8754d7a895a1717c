#include <algorithm>
#include <fmt/core.h>

#include "model/sent_overrides.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_override_action {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& sent : model::sent_overrides(context.workspace)) {
    const model::Pipeline* pipeline = sent.targeted.pipeline;
    const source::Span target_span = sent.targeted.at;
    // In a template, the first stage or its actions may be given by an intrinsic function.
    if (pipeline->stages.empty() || !pipeline->first_stage_resolved()) continue;
    const std::string name(pipeline->display_name());
    const auto& first = pipeline->stages.front();
    std::vector<std::string> sources;
    for (const auto& a : first.actions) {
      if (a.name && a.category() == "Source") sources.push_back(a.name->value);
    }
    for (const auto& o : sent.overrides) {
      if (!o.action_name || o.action_name->templated) continue;
      const auto& action = o.action_name->text;
      if (std::find(sources.begin(), sources.end(), action.value) != sources.end()) continue;
      auto& f = out.report(action.span, fmt::format("actionName {} is not a source action of pipeline {}",
                                                    util::quote(action.value), util::quote(name)))
                    .with_label("no such source action")
                    .with_related(target_span, "the target pipeline");
      for (const auto& a : first.actions) {
        if (a.name && a.category() == "Source") f.with_related(a.name->span, "source action");
      }
      if (const auto guess = util::closest_match(action.value, sources)) {
        f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
      } else if (sources.size() == 1) {
        f.with_help(fmt::format("the pipeline's source action is {}", util::quote(sources.front())));
      }
      if (first.name && first.name->value == action.value) {
        f.with_note("that is the name of the source stage; sourceRevisions names the action inside it");
      }
    }
  }
}

}  // namespace
}  // namespace unknown_override_action

extern const check::Rule kUnknownOverrideAction{
    {
        .id = "CP4005",
        .name = "unknown-override-action",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "a source revision override names an action that is not a source action of the target pipeline",
        .rationale = R"md(## What it checks
Across files: for each PutTargets target whose `Arn` is a CodePipeline pipeline that pipec also read, each
`sourceRevisions[].actionName` in the target's input template must be the name of a source action in that
pipeline's first stage. Not the stage's name, not the artifact's.

In a CloudFormation template, the target of an `AWS::Events::Rule` is checked against the
`AWS::CodePipeline::Pipeline` of the same template that its `Arn` refers to
(`!Sub arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}`, the same with
`Fn::Join` and `!Ref Pipeline`), whatever the pipeline's `Name`; a literal ARN is matched by name, as above.

## Why it matters
The console names the source action for you and the EventBridge console's sample template hard-codes
`"actionName": "Source"`. When the names differ, StartPipelineExecution fails on every event and the pipeline
never deploys the replicated or pushed image; nothing in the console points at the template.

## How to fix
Copy the action's name from the pipeline's first stage. Lint the rule's targets and the pipeline together
(`pipec lint targets.json pipeline.json`, or the folder holding both) so pipec can check it.

## References
- CodePipeline User Guide: Start a pipeline with a source revision override
- CodePipeline User Guide: Create an EventBridge rule for an Amazon ECR source (console)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-trigger-source-overrides.html",
    },
    unknown_override_action::check};

}  // namespace pipec::rules
