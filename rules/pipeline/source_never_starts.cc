#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace {

// A .pipe file declares its pipelines and the rules that start them
// together, so a pipeline with an ECR source and no rule of the file (or of
// another file of the run) that starts it never runs when an image is pushed.
// Templates and API JSON are left alone: their rules often live elsewhere.
void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& pipeline : ws.pipelines) {
    if (pipeline.dialect != model::Dialect::dsl) continue;
    const auto sources = model::ecr_sources(pipeline);
    if (sources.empty()) continue;
    bool started = false;
    for (const auto& set : ws.target_sets) {
      for (const auto& target : set.targets) {
        const auto targeted = ws.targeted_pipeline(set, target);
        // By name too: where files of a run declare two pipelines of one
        // name (a .pipe file and its JSON), a rule starts whichever is deployed.
        if (targeted && (targeted->pipeline == &pipeline || targeted->pipeline->display_name() == pipeline.display_name())) {
          started = true;
        }
      }
    }
    if (started) continue;
    for (const auto& source : sources) {
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
  }
}

}  // namespace

extern const check::Rule kSourceNeverStarts{
    {
        .id = "CP1011",
        .name = "source-never-starts",
        .category = "pipeline",
        .default_severity = diag::Severity::warning,
        .summary = "a .pipe pipeline has an ECR source and no rule starts it, so a push never runs it",
        .rationale = R"md(## What it checks
Each pipeline of a `.pipe` file that has an Amazon ECR source action, against the rules of the run: at
least one rule must start it (`start PIPELINE`), whatever its pattern (CP3009 checks that the pattern lets
the source's pushes through).

## Why it matters
An ECR source action does not poll. CodePipeline starts a pipeline on a push only through an EventBridge
rule whose target is the pipeline; the console creates that rule when it creates the pipeline, but
CloudFormation and the API do not. A pipeline written as code without its rule deploys the first time
someone starts it by hand, and never again on a push: the mistake looks like a quiet week.

Only `.pipe` files are checked, because they declare the pipeline and its rules together; a template or
API JSON often has its rule in another stack or repository.

## How to fix
Add a rule that starts the pipeline, with the repository and tag of its source:

```
rule web-pushed {
  on ecr push { repository "web"  tag "latest" }
  start web
}
```
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/create-cwe-ecr-source-cfn.html",
    },
    check};

}  // namespace pipec::rules
