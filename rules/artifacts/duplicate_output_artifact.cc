#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace duplicate_output_artifact {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    std::map<std::string, std::pair<const model::Text*, const model::Action*>> seen;
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        for (const auto& output : action.outputs) {
          const auto [it, inserted] = seen.emplace(output.value, std::make_pair(&output, &action));
          if (inserted) continue;
          out.report(output.span, fmt::format("output artifact {} of action {} is already produced by {}",
                                              util::quote(output.value), util::quote(action.display_name()),
                                              util::quote(it->second.second->display_name())))
              .with_label("produced again here")
              .with_related(it->second.first->span, "first produced here")
              .with_help("output artifact names must be unique in the whole pipeline; rename one of them");
        }
      }
    }
  }
}

}  // namespace
}  // namespace duplicate_output_artifact

extern const check::Rule kDuplicateOutputArtifact{
    {
        .id = "CP2004",
        .name = "duplicate-output-artifact",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "two actions output an artifact of the same name",
        .rationale = R"md(## What it checks
Output artifact names that repeat anywhere in a pipeline.

## Why it matters
Every artifact can be produced only once; CodePipeline rejects the pipeline. Two source actions both left at
the console's default `SourceArtifact` is the common case.

## How to fix
Rename one output and the inputs that read it.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    duplicate_output_artifact::check};

}  // namespace pipec::rules
