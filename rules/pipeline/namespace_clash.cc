#include <fmt/core.h>

#include <map>
#include <string>

#include "check/rule.h"
#include "model/action_variables.h"
#include "util/text.h"

namespace pipec::rules {

namespace namespace_clash {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    std::map<std::string, const model::Text*, std::less<>> artifacts;
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        for (const auto& o : a.outputs) artifacts.emplace(o.value, &o);
      }
    }
    std::map<std::string, const model::Action*, std::less<>> seen;
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (!a.namespace_) continue;
        const auto& ns = *a.namespace_;
        if (ns.value == model::kExecutionNamespace) {
          out.report(ns.span, "namespace \"codepipeline\" is reserved for the pipeline's execution variables")
              .with_label("reserved")
              .with_help(fmt::format("name it after the action, for example {}", util::quote(std::string(a.display_name()) + "Variables")));
          continue;
        }
        if (ns.value == model::kPipelineVariablesNamespace && (!p.variables.empty() || p.variables_unresolved)) {
          out.report(ns.span, "namespace \"variables\" clashes with the pipeline-level variables this pipeline declares")
              .with_label("taken by #{variables.…}")
              .with_help("rename the action's namespace");
          continue;
        }
        const auto [it, inserted] = seen.emplace(ns.value, &a);
        if (!inserted) {
          out.report(ns.span, fmt::format("namespace {} is declared by actions {} and {}", util::quote(ns.value),
                                          util::quote(it->second->display_name()), util::quote(a.display_name())))
              .with_label("declared again here")
              .with_related(it->second->namespace_->span, "first declared here")
              .with_help("namespaces must be unique across the pipeline; rename one of them");
          continue;
        }
        if (const auto artifact = artifacts.find(ns.value); artifact != artifacts.end()) {
          out.report(ns.span, fmt::format("namespace {} has the name of an artifact", util::quote(ns.value)))
              .with_label("also an artifact name")
              .with_related(artifact->second->span, "the artifact")
              .with_help("a namespace must differ from every artifact name in the pipeline; rename one of them");
        }
      }
    }
  }
}

}  // namespace
}  // namespace namespace_clash

extern const check::Rule kNamespaceClash{
    {
        .id = "CP1010",
        .name = "namespace-clash",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "an action's variable namespace is used twice, is reserved, or is an artifact's name",
        .rationale = R"md(## What it checks
The `namespace` of each action: it must be unique across the pipeline, differ from every artifact name, not
be `codepipeline` (the execution variables' namespace), and not be `variables` when the pipeline declares
pipeline-level variables.

## Why it matters
CodePipeline refuses the pipeline: "Namespaces must be unique across the pipeline definition"
(`InvalidActionDeclarationException`). With a namespace that shadows a reserved one, references meant for one
resolve to the other.

## How to fix
Rename the namespace; a common convention is the action's name followed by `Variables` (`SourceVariables`).

## References
- CodePipeline User Guide: Variables reference (Namespaces; Rules for variables)
- CodePipeline API Reference: ActionDeclaration
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html",
    },
    namespace_clash::check};

}  // namespace pipec::rules
