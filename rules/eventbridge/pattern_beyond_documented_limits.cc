#include "check/rule.h"
#include "eventbridge/model_pattern.h"

namespace pipec::rules {

namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pattern : context.workspace.patterns) {
    for (const auto& w : eventbridge::pattern_findings(pattern, context.workspace.sources).warnings) {
      if (w.problem != eventbridge::PatternProblem::limit) continue;
      out.report(w.span, w.message);
    }
  }
}

}  // namespace

extern const check::Rule kPatternBeyondDocumentedLimits{
    {
        .id = "CP3005",
        .name = "pattern-beyond-documented-limits",
        .category = "eventbridge",
        .default_severity = diag::Severity::warning,
        .summary = "an event pattern goes past a limit EventBridge documents, though its matcher accepts it today",
        .rationale = R"md(## What it checks
Operands of `numeric` outside -5.0e9 to 5.0e9, the range the EventBridge user guide documents for numeric
matching, or with more than six digits after the decimal point (trailing zeros aside), the precision it
documents.

## Why it matters
The user guide has documented several limits for numeric matching over the years (±1.0e9, then ±5.0e9, with
six digits after the decimal point), and earlier versions of aws/event-ruler, the matcher EventBridge runs,
refused numbers past them ("Value must be between -5.0E9 and 5.0E9, inclusive", "Only values upto 6 decimals
are supported"). The current event-ruler compares
any finite double, and no recording of the service shows which version it runs. A pattern past the documented
limits works with today's matcher and `pipec test-pattern`, but rests on behaviour the documentation does not
promise.

## How to fix
Keep numeric operands within ±5.0e9 and to six decimals, scaling the values if needed, or accept the risk.

## References
- Amazon EventBridge User Guide: Comparison operators for use in event patterns (numeric matching)
- aws/event-ruler: ComparableNumber (the range and precision it compares)
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html",
    },
    check};

}  // namespace pipec::rules
