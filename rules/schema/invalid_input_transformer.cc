#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_input_transformer {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& t : context.workspace.transformers) {
    const bool paths_only = t.node == t.paths_node;
    jobs.push_back({paths_only ? "eventbridge/input-paths.json" : "eventbridge/input-transformer.json", t.document, t.node,
                    t.cloudformation});
  }
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_input_transformer

extern const check::Rule kInvalidInputTransformer{
    {
        .id = "CP0106",
        .name = "invalid-input-transformer",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an input transformer breaks EventBridge's limits: too many paths, a malformed path name, or a template too long",
        .rationale = R"md(## What it checks
Input transformers (standalone, in a PutTargets input or a CloudFormation template's rule targets, or an input
paths map on its own) against
`schemas/eventbridge/input-transformer.json`: `InputTemplate` is required and 1 to 8192 characters;
`InputPathsMap` has at most 100 entries, each named with letters, digits, `_` and `-` (names with `.` such as
`aws.events.rule-name` are EventBridge's own predefined variables) and holding a JSON path that starts with `$`
and is at most 256 characters.

## Why it matters
PutTargets rejects these; a path name with a dot looks reasonable and fails.

## References
- Amazon EventBridge User Guide: Amazon EventBridge input transformation
- Amazon EventBridge API Reference: InputTransformer
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html",
    },
    invalid_input_transformer::check};

}  // namespace pipec::rules
