#include <algorithm>
#include <fmt/core.h>

#include "model/pipeline_payload.h"
#include "model/revision_types.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_revision_type {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  const auto types = model::revision_type_names();
  const std::vector<std::string> names(types.begin(), types.end());
  for (const auto& t : context.workspace.transformers) {
    if (!t.input_template) continue;
    for (const auto& o : model::source_revisions(context.workspace.sources, *t.input_template)) {
      if (!o.revision_type || o.revision_type->templated) continue;
      const auto& value = o.revision_type->text;
      if (std::find(types.begin(), types.end(), value.value) != types.end()) continue;
      auto& f = out.report(value.span, fmt::format("revisionType {} is not a source revision type", util::quote(value.value)))
                    .with_label("StartPipelineExecution rejects it");
      if (const auto guess = util::closest_match(value.value, names)) {
        f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
      }
      f.with_note(fmt::format("revision types: {} (IMAGE_DIGEST for an ECR source)", util::quote_list(names)));
    }
  }
}

}  // namespace
}  // namespace invalid_revision_type

extern const check::Rule kInvalidRevisionType{
    {
        .id = "CP4004",
        .name = "invalid-revision-type",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "a sourceRevisions override in an input template has a revisionType CodePipeline does not know",
        .rationale = R"md(## What it checks
`sourceRevisions[].revisionType` in input templates: StartPipelineExecution takes `COMMIT_ID`, `IMAGE_DIGEST`,
`S3_OBJECT_VERSION_ID` or `S3_OBJECT_KEY`, spelled exactly so.

## Why it matters
EventBridge delivers the event and CodePipeline rejects the call; the pipeline does not start and nothing
reports it except the rule's failed-invocation metric.

## How to fix
Use `IMAGE_DIGEST` for an ECR source, `COMMIT_ID` for CodeCommit and connection sources, `S3_OBJECT_VERSION_ID`
or `S3_OBJECT_KEY` for an S3 source.

## References
- CodePipeline API Reference: SourceRevisionOverride
- CodePipeline User Guide: Start a pipeline with a source revision override
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_SourceRevisionOverride.html",
    },
    invalid_revision_type::check};

}  // namespace pipec::rules
