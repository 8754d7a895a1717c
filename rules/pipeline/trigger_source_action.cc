#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace trigger_source_action {
namespace {

// A trigger names the source action whose repository events start the
// pipeline. CodePipeline takes only a CodeStarSourceConnection source action
// of the same pipeline, and one trigger per action (GitConfiguration's
// sourceActionName, in the API reference).
void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    std::map<std::string, source::Span> seen;
    for (const auto& t : p.triggers) {
      if (!t.source_action_name) continue;
      const std::string& name = t.source_action_name->value;
      const model::Action* action = p.action(name);
      if (action == nullptr) {
        if (!p.fully_resolved()) continue;
        std::vector<std::string> sources;
        for (const auto& stage : p.stages) {
          for (const auto& a : stage.actions) {
            if (a.is("AWS", "Source", "CodeStarSourceConnection") && a.name) sources.push_back(a.name->value);
          }
        }
        auto& f = out.report(t.source_action_name->span,
                             fmt::format("trigger names source action {}, which pipeline {} does not have", util::quote(name),
                                         util::quote(p.display_name())))
                      .with_label("no such action");
        if (const auto guess = util::closest_match(name, sources)) {
          f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
        } else if (!sources.empty()) {
          f.with_help(fmt::format("its connection source actions are {}", util::quote_list(sources, "and")));
        }
        continue;
      }
      if (!action->is("AWS", "Source", "CodeStarSourceConnection")) {
        out.report(t.source_action_name->span,
                   fmt::format("trigger names {}, a {} {} action; triggers start only from CodeStarSourceConnection source actions",
                               util::quote(name), action->category().empty() ? "(unknown)" : action->category(),
                               action->provider().empty() ? "(unknown)" : action->provider()))
            .with_label("not a connection source")
            .with_related(action->anchor(), "the action")
            .with_note("Git push and pull-request triggers come from a GitHub, GitHub Enterprise, Bitbucket or GitLab "
                       "connection; other sources are started by their own events or by polling")
            .with_help("name the pipeline's connection source action, or remove the trigger");
        continue;
      }
      const auto [it, first] = seen.emplace(name, t.source_action_name->span);
      if (!first) {
        out.report(t.source_action_name->span,
                   fmt::format("source action {} has a second trigger; CodePipeline takes one per source action", util::quote(name)))
            .with_label("second trigger")
            .with_related(it->second, "first trigger here")
            .with_help("put both sets of filters in one trigger: its push and pullRequest lists take several filters");
      }
    }
  }
}

}  // namespace
}  // namespace trigger_source_action

extern const check::Rule kTriggerSourceAction{
    {
        .id = "CP1012",
        .name = "trigger-source-action",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a trigger names no connection source action of its pipeline, or a source action has two triggers",
        .rationale = R"md(## What it checks
Each pipeline-level trigger (V2) names a source action in `gitConfiguration.sourceActionName`
(`GitConfiguration.SourceActionName` in CloudFormation, `trigger ACTION …` in a `.pipe` file). The action must be
in the same pipeline and be a `CodeStarSourceConnection` source action (GitHub, GitHub Enterprise Server,
Bitbucket, GitLab), and no two triggers may name the same action.

## Why it matters
CodePipeline starts a pipeline from Git push and pull-request events only through a connection. It rejects
the declaration when the action is missing or of another kind (`InvalidStructureException`), and takes one
trigger configuration per source action: the API reference of `GitConfiguration` says so for
`sourceActionName`. The mistake shows when the pipeline is created or updated, not when the file is written.

## How to fix
Name the connection source action (the did-you-mean points at the nearest), or put the filters of two triggers
into one: a trigger's `push` and `pullRequest` lists each take several filters. In a `.pipe` file every
`trigger ACTION push|pull-request` line of one action already makes one trigger.

## References
- CodePipeline API Reference: GitConfiguration, PipelineTriggerDeclaration
- CodePipeline User Guide: Add trigger with code push or pull request event types
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GitConfiguration.html",
    },
    trigger_source_action::check};

}  // namespace pipec::rules
