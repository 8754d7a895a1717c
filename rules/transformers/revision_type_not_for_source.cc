#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/rule.h"
#include "model/sent_overrides.h"
#include "model/revision_types.h"
#include "util/text.h"

namespace pipec::rules {

namespace revision_type_not_for_source {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& sent : model::sent_overrides(context.workspace)) {
    const auto* pipeline = sent.targeted.pipeline;
    if (pipeline->stages.empty() || !pipeline->first_stage_resolved()) continue;
    const auto& first = pipeline->stages.front();
    for (const auto& o : sent.overrides) {
      if (!o.action_name || o.action_name->templated || !o.revision_type || o.revision_type->templated) continue;
      const auto* type = model::find_revision_type(o.revision_type->text.value);
      if (type == nullptr) continue;  // CP4004 reports it
      const auto action = std::find_if(first.actions.begin(), first.actions.end(), [&](const model::Action& a) {
        return a.name && a.name->value == o.action_name->text.value && a.category() == "Source";
      });
      if (action == first.actions.end() || action->provider().empty()) continue;  // CP4005 reports it
      if (std::find(type->providers.begin(), type->providers.end(), action->provider()) != type->providers.end()) continue;
      std::vector<std::string> fitting;
      for (const auto& t : model::revision_types()) {
        if (std::find(t.providers.begin(), t.providers.end(), action->provider()) != t.providers.end()) fitting.emplace_back(t.type);
      }
      auto& f = out.report(o.revision_type->text.span,
                           fmt::format("revisionType {} overrides source action {} ({}), which has no such revision",
                                       util::quote(type->type), util::quote(action->display_name()), action->provider()))
                    .with_label(fmt::format("for {} sources", util::quote_list(std::vector<std::string>(type->providers.begin(), type->providers.end()), "and")))
                    .with_related(action->anchor(), "the source action")
                    .with_related(sent.targeted.at, "the target pipeline");
      if (!fitting.empty()) {
        f.with_help(fmt::format("{} sources take {}", action->provider(), util::quote_list(fitting, "or")));
      }
    }
  }
}

}  // namespace
}  // namespace revision_type_not_for_source

extern const check::Rule kRevisionTypeNotForSource{
    {
        .id = "CP4008",
        .name = "revision-type-not-for-source",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "a source revision override's revisionType does not fit the provider of the source action it names",
        .rationale = R"md(## What it checks
Across files, like CP4005: for each `sourceRevisions` entry an input transformer sends a pipeline pipec also
read, the `revisionType` must be one the named source action's provider has: `IMAGE_DIGEST` for an ECR source,
`COMMIT_ID` for CodeCommit, GitHub and CodeStar connections (GitHub, GitLab, Bitbucket), `S3_OBJECT_VERSION_ID`
or `S3_OBJECT_KEY` for an S3 source.

## Why it matters
`StartPipelineExecution` refuses the override, so the rule fires, the target fails, and the pipeline never
starts; the failure shows only in the rule's `FailedInvocations` metric. A rule copied from a git-triggered
pipeline to an image-triggered one (or the other way) is the usual cause.

## How to fix
Use the revision type of the source action's provider, and take its value from the event field that carries
it (`$.detail.image-digest` for ECR).

## References
- CodePipeline API Reference: SourceRevisionOverride (revisionType)
- CodePipeline User Guide: Start a pipeline with a source revision override
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_SourceRevisionOverride.html",
    },
    revision_type_not_for_source::check};

}  // namespace pipec::rules
