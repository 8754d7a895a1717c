#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace duplicate_stage_name {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    std::map<std::string, const model::Stage*> seen;
    for (const auto& stage : pipeline.stages) {
      if (!stage.name) continue;
      const auto [it, inserted] = seen.emplace(stage.name->value, &stage);
      if (inserted) continue;
      out.report(stage.name->span, fmt::format("duplicate stage name {}", util::quote(stage.name->value)))
          .with_label("used again here")
          .with_related(it->second->name->span, "first used here")
          .with_help("stage names must be unique in a pipeline; rename one of them");
    }
  }
}

}  // namespace
}  // namespace duplicate_stage_name

extern const check::Rule kDuplicateStageName{
    {
        .id = "CP1004",
        .name = "duplicate-stage-name",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "two stages of a pipeline have the same name",
        .rationale = R"md(## What it checks
Stage names that repeat within a pipeline.

## Why it matters
CodePipeline rejects the pipeline: stage names identify stages in transitions, approvals and the console.

## How to fix
Rename one of the stages (for example `DeployQA` and `DeployProd`).

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html",
    },
    duplicate_stage_name::check};

}  // namespace pipec::rules
