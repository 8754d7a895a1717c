#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace pipeline_target_without_role {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& set : context.workspace.target_sets) {
    const auto& doc = *set.document;
    for (const auto& t : set.targets) {
      if (!t.starts_pipeline() || doc.get(t.node, "RoleArn") != syntax::kNoNode) {
        continue;
      }
      out.report(t.id ? t.id->span : t.span, fmt::format("target {} starts a pipeline and has no RoleArn", t.id ? util::quote(t.id->value) : std::string("(no Id)")))
          .with_label("needs RoleArn")
          .with_help("give it the ARN of a role that events.amazonaws.com may assume and that allows codepipeline:StartPipelineExecution on this pipeline");
    }
  }
}

}  // namespace
}  // namespace pipeline_target_without_role

extern const check::Rule kPipelineTargetWithoutRole{
    {
        .id = "CP3008",
        .name = "pipeline-target-without-role",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an EventBridge target that starts a CodePipeline pipeline has no RoleArn",
        .rationale = R"md(## What it checks
Every EventBridge target whose ARN is a CodePipeline pipeline (in PutTargets input, an `AWS::Events::Rule`, or a
`.pipe` rule's `start`): it has a `RoleArn`.

## Why it matters
EventBridge starts a pipeline with a role it assumes; it has no resource-based permission to fall back on. Without
`RoleArn` PutTargets fails for that target (`FailedEntryCount`, often unread by scripts) and the pipeline never
starts on the event.

## How to fix
Give the target a role that `events.amazonaws.com` may assume and that allows `codepipeline:StartPipelineExecution`
on the pipeline.

## References
- CodePipeline User Guide: Create an EventBridge rule for an Amazon ECR source; Amazon EventBridge User Guide:
  Permissions for targets
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html",
    },
    pipeline_target_without_role::check};

}  // namespace pipec::rules
