#include <fmt/core.h>

#include <algorithm>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace source_never_starts {
namespace {

// A .pipe file declares its pipelines and the rules that start them
// together, so a source that does not poll, in a pipeline no rule of the
// file (or of another file of the run) starts and no trigger starts from,
// never runs the pipeline when it changes. Templates and API JSON are left
// alone: their rules often live elsewhere.
bool started_by_rule(const model::Workspace& ws, const model::Pipeline& pipeline) {
  for (const auto& set : ws.target_sets) {
    for (const auto& target : set.targets) {
      const auto targeted = ws.targeted_pipeline(set, target);
      // By name too: where files of a run declare two pipelines of one
      // name (a .pipe file and its JSON), a rule starts whichever is deployed.
      if (targeted && (targeted->pipeline == &pipeline || targeted->pipeline->display_name() == pipeline.display_name())) return true;
    }
  }
  return false;
}

bool configured_false(const model::Action& a, std::string_view key) {
  const auto* entry = a.config(key);
  return entry != nullptr && entry->value.value == "false";
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& pipeline : ws.pipelines) {
    if (pipeline.dialect != model::Dialect::dsl || started_by_rule(ws, pipeline)) continue;
    for (const auto& source : model::ecr_sources(pipeline)) {
      const std::string& repository = source.repository->value.value;
      out.report(source.action->anchor(),
                 fmt::format("nothing starts pipeline {} when an image is pushed to {}: no rule starts it",
                             util::quote(pipeline.display_name()), util::quote(repository)))
          .with_label("an ECR source does not poll")
          .with_note("CodePipeline runs a pipeline with an ECR source when an EventBridge rule starts it; the console makes "
                     "that rule, CloudFormation and the API do not")
          .with_help(fmt::format("add a rule that starts it:\n  rule {}-pushed {{\n    on ecr push {{ repository \"{}\"  tag \"{}\" }}\n"
                                 "    start {}\n  }}",
                                 pipeline.display_name(), repository, source.tag_value(), pipeline.display_name()));
    }
    for (const auto& stage : pipeline.stages) {
      for (const auto& a : stage.actions) {
        if (a.category() != "Source" || a.configuration_unresolved) continue;
        const bool polling_off = (a.provider() == "S3" || a.provider() == "CodeCommit") && configured_false(a, "PollForSourceChanges");
        const bool detection_off = a.provider() == "CodeStarSourceConnection" && configured_false(a, "DetectChanges") &&
                                   std::none_of(pipeline.triggers.begin(), pipeline.triggers.end(), [&](const model::Trigger& t) {
                                     return t.source_action_name && t.source_action_name->value == a.display_name();
                                   });
        if (!polling_off && !detection_off) continue;
        const std::string_view setting = polling_off ? "poll false" : "detect-changes false";
        out.report(a.config(polling_off ? "PollForSourceChanges" : "DetectChanges")->value.span,
                   fmt::format("nothing starts pipeline {} when source {} changes: {}, and no rule{} starts it",
                               util::quote(pipeline.display_name()), util::quote(a.display_name()), setting,
                               polling_off ? "" : " or trigger"))
            .with_label(polling_off ? "polling is off" : "change detection is off")
            .with_related(a.anchor(), "the source")
            .with_help(polling_off ? fmt::format("add a rule on the source's change events that starts {}, or leave polling on",
                                                 pipeline.display_name())
                                   : fmt::format("add a trigger (trigger {} push {{ branches \"main\" }}) or a rule that starts {}",
                                                 a.display_name(), pipeline.display_name()));
      }
    }
  }
}

}  // namespace
}  // namespace source_never_starts

extern const check::Rule kSourceNeverStarts{
    {
        .id = "CP1011",
        .name = "source-never-starts",
        .category = "pipeline",
        .default_severity = diag::Severity::warning,
        .summary = "a .pipe pipeline has a source that does not poll (ECR, or polling or change detection turned off) and nothing starts it",
        .rationale = R"md(## What it checks
Each pipeline of a `.pipe` file, against the rules of the run, for each source that does not start it by
itself: an Amazon ECR source; an S3 or CodeCommit source with `poll false`; a connection source (GitHub,
Bitbucket, GitLab) with `detect-changes false` and no `trigger`. At least one rule must start the pipeline
(`start PIPELINE`), whatever its pattern (CP3009 checks that the pattern lets the source's pushes through),
or, for a connection source, a trigger must name it.

## Why it matters
An ECR source action does not poll. CodePipeline starts a pipeline on a push only through an EventBridge
rule whose target is the pipeline; the console creates that rule when it creates the pipeline, but
CloudFormation and the API do not. A pipeline written as code without its rule deploys the first time
someone starts it by hand, and never again on a push: the mistake looks like a quiet week.

Only `.pipe` files are checked, because they declare the pipeline and its rules together; a template or
API JSON often has its rule in another stack or repository.

A source with polling or change detection turned off is the same mistake made on purpose halfway: the
setting is right when a rule or a trigger starts the pipeline instead, and leaves it idle when none does.

## How to fix
Add a rule that starts the pipeline, with the repository and tag of its source (for S3 and CodeCommit, a rule
on the object's or the branch's change events; for a connection, a `trigger`):

```
rule web-pushed {
  on ecr push { repository "web"  tag "latest" }
  start web
}
```
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/create-cwe-ecr-source-cfn.html",
    },
    source_never_starts::check};

}  // namespace pipec::rules
