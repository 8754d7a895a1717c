#include <algorithm>

#include "check/rule.h"
#include "eventbridge/model_pattern.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_event_pattern {
namespace {

using eventbridge::PatternProblem;

bool overlap(const source::Span& a, const source::Span& b) {
  return a.file == b.file && a.begin < std::max(b.end, b.begin + 1) && b.begin < std::max(a.end, a.begin + 1);
}

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& pattern : context.workspace.patterns) {
    jobs.push_back({"eventbridge/event-pattern.json", pattern.document, pattern.root, pattern.cloudformation});
  }
  report_schemas(context, out, jobs);

  // What the schema cannot see, in EventBridge's words, as PutRule gives them:
  // a number it cannot compare, an empty range, an IP address, and so on. A
  // problem the schema already reported here, or that CP3001 and CP3002
  // explain, is not said twice.
  std::vector<source::Span> reported;
  for (const auto& f : out.findings()) reported.push_back(f.span);
  for (const auto& pattern : context.workspace.patterns) {
    for (const auto& e : eventbridge::pattern_findings(pattern, context.patterns).errors) {
      if (e.problem == PatternProblem::not_an_array || e.problem == PatternProblem::unknown_operator ||
          e.problem == PatternProblem::pipec_limit) {
        continue;
      }
      if (std::any_of(reported.begin(), reported.end(), [&](const source::Span& r) { return overlap(r, e.span); })) continue;
      auto& f = out.report(e.span, "invalid event pattern: " + e.message);
      if (!e.note.empty()) f.with_note(e.note);
      f.with_note("EventBridge refuses this pattern (PutRule and TestEventPattern fail with InvalidEventPatternException)");
      reported.push_back(e.span);
    }
  }
}

}  // namespace
}  // namespace invalid_event_pattern

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

Then the pattern is compiled as EventBridge compiles it (aws/event-ruler's rules), and what the schema cannot see
is reported in EventBridge's words: a number it cannot compare (`Cannot compare number : 1e400` in a `numeric`
or `anything-but`), a range whose bottom is not below its top, numeric operators in the wrong order, an IP
address or mask a CIDR cannot hold, a list mixing strings and numbers in `anything-but`, a reserved name inside
`$or`, wildcards too complex to match (`Rule is too complex - …`: the service measures how many wildcard prefixes
one value can keep in play, as aws/event-ruler's MachineComplexityEvaluator does, and refuses more than 10).
`pipec test-pattern` refuses the same patterns with the same words.

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
    invalid_event_pattern::check};

}  // namespace pipec::rules
