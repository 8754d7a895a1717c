#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& pattern : context.workspace.patterns) {
    jobs.push_back({"eventbridge/event-pattern.json", pattern.document, pattern.root, pattern.cloudformation});
  }
  report_schemas(context, out, jobs);
}

}  // namespace

extern const check::Rule kInvalidEventPattern{
    {
        .id = "CP0103",
        .name = "invalid-event-pattern",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an event pattern has a structure EventBridge rejects: empty objects or arrays, or malformed operators",
        .rationale = R"md(## What it checks
Event patterns, in their own files or inside a PutRule's `EventPattern`, against
`schemas/eventbridge/event-pattern.json`: the pattern is a non-empty object; arrays of match values are not
empty; match values are strings, numbers, `true`, `false`, `null` or an object with exactly one operator; and
each operator's operand has the right form (`prefix` and `suffix` take a string or
`{"equals-ignore-case": …}`, `exists` takes `true` or `false`, `numeric` takes an array, `cidr` an IP range,
`wildcard` no consecutive `*`, `anything-but` a value, a list or one of its own operators); `$or` holds at least
two patterns. In a CloudFormation template, where `EventPattern` is an object, values given by intrinsic
functions (`[!Ref Repository]`) are not judged.

A scalar where an array belongs is CP3001; an unknown operator is CP3002.

## Why it matters
PutRule fails with "Event pattern is not valid" and one reason at a time. An empty array often comes from a
template variable that rendered to nothing.

## References
- Amazon EventBridge User Guide: Creating event patterns
- Amazon EventBridge User Guide: Comparison operators for use in event patterns
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html",
    },
    check};

}  // namespace pipec::rules
