#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_event {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::event, "eventbridge/event.json");
}

}  // namespace
}  // namespace invalid_event

extern const check::Rule kInvalidEvent{
    {
        .id = "CP0107",
        .name = "invalid-event",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "a sample event lacks a field EventBridge events always carry, or holds one of the wrong form",
        .rationale = R"md(## What it checks
Sample events (files with an EventBridge envelope: `detail-type`, `id`, `time`, …) against
`schemas/eventbridge/event.json`: the fields `TestEventPattern` requires (`id`, `account`, `source`, `time`,
`region`, `detail-type`; not `resources`, which its API reference lists but the service does not require), a
12-digit account, an RFC 3339 time and a Region code.

## Why it matters
Tests of a rule against an event that EventBridge would never send prove nothing. Documentation samples have
been wrong before (a trailing comma, an impossible date); pipec checks the form of `time`, not the calendar.

## References
- Amazon EventBridge API Reference: TestEventPattern
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html",
    },
    invalid_event::check};

}  // namespace pipec::rules
