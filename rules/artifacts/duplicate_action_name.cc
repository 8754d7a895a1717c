#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace duplicate_action_name {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    for (const auto& stage : pipeline.stages) {
      std::map<std::string, const model::Action*> seen;
      for (const auto& action : stage.actions) {
        if (!action.name) continue;
        const auto [it, inserted] = seen.emplace(action.name->value, &action);
        if (inserted) continue;
        out.report(action.name->span, fmt::format("duplicate action name {} in stage {}", util::quote(action.name->value),
                                                  util::quote(stage.display_name())))
            .with_label("used again here")
            .with_related(it->second->name->span, "first used here")
            .with_help("action names must be unique within a stage; rename one of them");
      }
    }
  }
}

}  // namespace
}  // namespace duplicate_action_name

extern const check::Rule kDuplicateActionName{
    {
        .id = "CP2003",
        .name = "duplicate-action-name",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "two actions in one stage have the same name",
        .rationale = R"md(## What it checks
Action names that repeat within a stage. The same name in different stages is allowed.

## Why it matters
CodePipeline rejects the pipeline. Action names also identify source actions in source revision overrides
(`sourceRevisions[].actionName`), so they must be unambiguous.

## How to fix
Rename one of the actions.

## References
- CodePipeline User Guide: Quotas in AWS CodePipeline (uniqueness of names)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html",
    },
    duplicate_action_name::check};

}  // namespace pipec::rules
