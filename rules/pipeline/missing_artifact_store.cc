#include <fmt/core.h>

#include <iterator>
#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace missing_artifact_store {
namespace {

// artifactStores must hold a store for the pipeline's own Region, whatever its actions do. Only a .pipe file
// knows that Region (its --var region or `let region`).
void report_no_home_store(const model::Pipeline& p, const std::string& home, check::Reporter& out) {
  out.report(p.artifact_stores.empty() ? p.anchor() : p.artifact_stores.front().span,
             fmt::format("pipeline {} runs in {}, where it has no artifact store", util::quote(p.display_name()),
                         util::quote(home)))
      .with_label("stores for other Regions only")
      .with_help(fmt::format("add a store for the pipeline's Region: store auto, or store s3 \"<bucket in {}>\" region {}",
                             home, util::quote(home)));
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    const bool single = p.artifact_store_node != syntax::kNoNode;
    const bool per_region = p.artifact_stores_node != syntax::kNoNode;
    if (!single && !per_region) {
      out.report(p.anchor(), fmt::format("pipeline {} has no artifact store", util::quote(p.display_name())))
          .with_label("needs artifactStore or artifactStores")
          .with_help("add an artifactStore: {\"type\": \"S3\", \"location\": \"<bucket>\"} (ArtifactStore in CloudFormation)");
      continue;
    }
    // The Regions actions run in, and the first action in each.
    std::map<std::string, const model::Action*> regions;
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (a.region && !a.region->value.empty()) regions.emplace(a.region->value, &a);
      }
    }
    if (single && !per_region) {
      // An action in the pipeline's own Region is no cross-Region action. One Region named is usually the
      // pipeline's own (get-pipeline writes every action's Region); two cannot both be. A .pipe file names an
      // action's Region only to run it elsewhere.
      if (p.home_region) regions.erase(*p.home_region);
      const bool dsl = p.dialect == model::Dialect::dsl;
      if (regions.size() < (dsl ? 1U : 2U)) continue;
      const model::Action& a = dsl ? *regions.begin()->second : *std::next(regions.begin())->second;
      auto& f = out.report(a.region->span, fmt::format("action {} runs in {}, and pipeline {} has a single artifactStore",
                                                       util::quote(a.display_name()), util::quote(a.region->value),
                                                       util::quote(p.display_name())))
                    .with_label("a cross-Region action");
      if (dsl) {
        f.with_help(fmt::format("add a store for that Region: store s3 \"<bucket in {}>\" region {}", a.region->value,
                                util::quote(a.region->value)));
        continue;
      }
      f.with_note(fmt::format("actions run in {}: they cannot all be in the pipeline's Region",
                                 util::quote_list(std::vector<std::string>{regions.begin()->first, a.region->value}, "and")))
          .with_help("use artifactStores, a store for the pipeline's Region and one for each Region an action runs in, "
                     "instead of artifactStore");
      continue;
    }
    // artifactStores: every Region an action names needs a store, the pipeline's own included. An action in the
    // Region lint assumes for a .pipe file is reported too, since the stack may be deployed anywhere.
    if (p.artifact_stores_unresolved) continue;
    if (p.home_region && !p.home_region_assumed && p.store_in(*p.home_region) == nullptr) {
      report_no_home_store(p, *p.home_region, out);
      regions.erase(*p.home_region);  // that Region's finding is the one above
    }
    for (const auto& [region, action] : regions) {
      if (p.store_in(region) != nullptr) continue;
      out.report(action->region->span, fmt::format("action {} runs in {}, where pipeline {} has no artifact store",
                                                   util::quote(action->display_name()), util::quote(region), util::quote(p.display_name())))
          .with_label("no store in this Region")
          .with_help(fmt::format("add a store for {} to artifactStores", util::quote(region)));
    }
  }
}

}  // namespace
}  // namespace missing_artifact_store

extern const check::Rule kMissingArtifactStore{
    {
        .id = "CP1006",
        .name = "missing-artifact-store",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a pipeline has no artifact store, or none in a Region one of its actions runs in",
        .rationale = R"md(## What it checks
That each pipeline has `artifactStore` or `artifactStores`, and that a pipeline whose actions name a `region`
keeps artifacts where they run: with `artifactStores`, a store in each such Region, the pipeline's own
included (CodePipeline wants one there in any case); with a single
`artifactStore`, actions in two Regions are an error (they cannot both be in the pipeline's). Actions that
all name one Region are not reported: `get-pipeline` writes each action's Region, the pipeline's own. In a
`.pipe` file whose Region is known (`--var region=…` or `let region`), `artifactStores` must also hold a store
for that Region, even when every action runs elsewhere.

## Why it matters
CodePipeline refuses a pipeline without a store, and one with a cross-Region action that has no store in that
Region (`InvalidStructureException: … artifactStores …`): "There must be an artifact store for the pipeline
Region and for each cross-region action in the pipeline. You must include either artifactStore or
artifactStores in your pipeline, but you cannot use both. If you create a cross-region action in your pipeline,
you must use artifactStores." (CodePipeline API Reference, PipelineDeclaration.)

## How to fix
Use `artifactStores` with a bucket in each Region (and the pipeline's own).

## References
- CodePipeline API Reference: PipelineDeclaration (artifactStore, artifactStores)
- CodePipeline User Guide: Add a cross-Region action in CodePipeline
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html",
    },
    missing_artifact_store::check};

}  // namespace pipec::rules
