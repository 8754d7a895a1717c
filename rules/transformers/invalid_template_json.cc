#include <fmt/core.h>

#include "check/rule.h"

namespace pipec::rules {

namespace invalid_template_json {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& t : context.workspace.transformers) {
    if (!t.input_template || !t.input_template->filled) continue;
    for (const auto& issue : t.input_template->filled->issues) {
      if (issue.kind != syntax::IssueKind::syntax) continue;
      auto& f = out.report(issue.span, fmt::format("the input template is not valid JSON: {}", issue.message))
                    .with_label(issue.label);
      f.related = issue.related;
      f.help = issue.help;
      f.with_note("pipec fills each placeholder with a stand-in value (null outside quotes, text inside) and reads "
                  "the result as JSON, as the target will");
    }
  }
}

}  // namespace
}  // namespace invalid_template_json

extern const check::Rule kInvalidTemplateJson{
    {
        .id = "CP4003",
        .name = "invalid-template-json",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "an input template is not valid JSON once its placeholders are filled",
        .rationale = R"md(## What it checks
The `InputTemplate` of each transformer, with every placeholder replaced by a stand-in value (a bare
`<name>` becomes a JSON value, a `<name>` inside quotes becomes text), must read as JSON. Trailing commas,
missing commas, unquoted text and unbalanced brackets are reported at their place in the template.

## Why it matters
EventBridge sends the filled text to the target; CodePipeline's StartPipelineExecution reads it as JSON and
fails, so the rule fires and the pipeline never starts. CloudFormation rejects some of these at deploy time
("Input for target … is not a valid JSON text"), others pass.

## How to fix
Follow the message. Text meant as a string must be in quotes: `"revisionValue": "<digest>"`.

## References
- Amazon EventBridge User Guide: Amazon EventBridge input transformation
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html",
    },
    invalid_template_json::check};

}  // namespace pipec::rules
