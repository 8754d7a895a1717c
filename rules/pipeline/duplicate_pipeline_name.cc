#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace duplicate_pipeline_name {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  // Pipelines of one file (a template, a .pipe file) deploy together;
  // separate files may be variants of one pipeline (a mistake beside its
  // fix, one per environment, alternatives).
  std::map<std::pair<source::FileId, std::string>, const model::Pipeline*> first;
  for (const auto& p : ws.pipelines) {
    if (!p.name || p.name->value.empty() || p.document == nullptr) continue;
    const source::FileId file = ws.sources.to_root(p.name->span).file;
    const auto [it, added] = first.emplace(std::make_pair(file, p.name->value), &p);
    if (added) continue;
    out.report(p.name->span, fmt::format("pipeline name {} is taken by another pipeline", util::quote(p.name->value)))
        .with_label("second pipeline of this name")
        .with_related(it->second->name->span, "first here")
        .with_note("pipeline names are unique in an account and Region: creating the second fails, or a stack replaces "
                   "one pipeline with the other");
  }
}

}  // namespace
}  // namespace duplicate_pipeline_name

extern const check::Rule kDuplicatePipelineName{
    {
        .id = "CP1008",
        .name = "duplicate-pipeline-name",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "two pipelines of one template or .pipe file have the same name",
        .rationale = R"md(## What it checks
Pipeline names within one file that declares several (a CloudFormation template, a `.pipe` file): each name once.
Separate files are not compared: they are often variants of one pipeline (a mistake beside its fix, one per
environment, alternatives).

## Why it matters
A pipeline's name is unique in its account and Region: CodePipeline refuses to create the second
(`PipelineNameInUseException`), and in CloudFormation the stack fails when it reaches the second resource.

## How to fix
Rename one of them.

## References
- CodePipeline API Reference: CreatePipeline (PipelineNameInUseException)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_CreatePipeline.html",
    },
    duplicate_pipeline_name::check};

}  // namespace pipec::rules
