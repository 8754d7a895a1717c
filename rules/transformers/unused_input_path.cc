#include <algorithm>
#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace unused_input_path {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& t : context.workspace.transformers) {
    if (!t.input_template || t.paths_unresolved) continue;
    for (const auto& path : t.paths) {
      const auto& placeholders = t.input_template->placeholders;
      const bool used = std::any_of(placeholders.begin(), placeholders.end(),
                                    [&](const model::Placeholder& p) { return p.name == path.key.value; });
      if (used) continue;
      out.report(path.key.span, fmt::format("input path {} is not used by the template", util::quote(path.key.value)))
          .with_label("never used")
          .with_help(fmt::format("use it as <{}> in \"InputTemplate\", or remove it", path.key.value));
    }
  }
}

}  // namespace
}  // namespace unused_input_path

extern const check::Rule kUnusedInputPath{
    {
        .id = "CP4002",
        .name = "unused-input-path",
        .category = "transformers",
        .default_severity = diag::Severity::warning,
        .summary = "an InputPathsMap entry is never used by the template",
        .rationale = R"md(## What it checks
Keys of `InputPathsMap` that no `<placeholder>` of the `InputTemplate` uses.

## Why it matters
An unused path is often the sign of a typo on the other side: the template says `<digest>` and the map
defines `imageDigest`. When the template is fine, the entry is dead weight that readers must puzzle over.

## How to fix
Use the path in the template, or remove it.

## References
- Amazon EventBridge User Guide: Amazon EventBridge input transformation
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html",
    },
    unused_input_path::check};

}  // namespace pipec::rules
