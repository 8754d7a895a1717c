#include <algorithm>
#include <fmt/core.h>

#include "model/input_template.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace undefined_template_placeholder {
namespace {

// Variables EventBridge defines itself (eb-transform-target-input,
// "Predefined variables").
constexpr std::string_view kPredefined[] = {"aws.events.rule-arn", "aws.events.rule-name",
                                            "aws.events.event.ingestion-time", "aws.events.event",
                                            "aws.events.event.json"};

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& t : context.workspace.transformers) {
    if (!t.input_template || t.paths_unresolved) continue;
    std::vector<std::string> keys;
    for (const auto& p : t.paths) keys.push_back(p.key.value);
    for (const auto& placeholder : t.input_template->placeholders) {
      const auto& name = placeholder.name;
      if (std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
      if (std::find(std::begin(kPredefined), std::end(kPredefined), name) != std::end(kPredefined)) continue;
      auto& f = out.report(placeholder.span, fmt::format("placeholder <{}> is not defined in \"InputPathsMap\"", name))
                    .with_label("undefined");
      std::vector<std::string> candidates = keys;
      candidates.insert(candidates.end(), std::begin(kPredefined), std::end(kPredefined));
      if (const auto guess = util::closest_match(name, candidates)) {
        f.with_help(fmt::format("did you mean <{}>?", *guess));
      } else {
        f.with_help(fmt::format("add \"{}\": \"$.detail.…\" to \"InputPathsMap\"", name));
      }
      if (t.paths_node != syntax::kNoNode) f.with_related(t.document->name_span(t.paths_node), "paths are defined here");
    }
  }
}

}  // namespace
}  // namespace undefined_template_placeholder

extern const check::Rule kUndefinedTemplatePlaceholder{
    {
        .id = "CP4001",
        .name = "undefined-template-placeholder",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "an input template uses a <placeholder> that InputPathsMap does not define",
        .rationale = R"md(## What it checks
Each `<name>` in an `InputTemplate` must be a key of the transformer's `InputPathsMap` or one of EventBridge's
predefined variables (`aws.events.rule-arn`, `aws.events.rule-name`, `aws.events.event.ingestion-time`,
`aws.events.event`, `aws.events.event.json`).

## Why it matters
EventBridge rejects the target ("InputTemplate for target … contains invalid placeholder") or, depending on
where the template was written, sends the text unfilled: the pipeline starts with a source revision of
`<imageDigest>`.

## How to fix
Use the key as written in `InputPathsMap` (names are case-sensitive), or add the path.

## References
- Amazon EventBridge User Guide: Amazon EventBridge input transformation
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html",
    },
    undefined_template_placeholder::check};

}  // namespace pipec::rules
