#include "check/rule.h"
#include "eventbridge/model_pattern.h"

namespace pipec::rules {

namespace pattern_beyond_documented_limits {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pattern : context.workspace.patterns) {
    for (const auto& w : eventbridge::pattern_findings(pattern, context.patterns).warnings) {
      if (w.problem != eventbridge::PatternProblem::limit) continue;
      out.report(w.span, w.message);
    }
  }
}

}  // namespace
}  // namespace pattern_beyond_documented_limits

extern const check::Rule kPatternBeyondDocumentedLimits{
    {
        .id = "CP3005",
        .name = "pattern-beyond-documented-limits",
        .category = "eventbridge",
        .default_severity = diag::Severity::warning,
        .summary = "an event pattern goes past a limit EventBridge documents: numbers it may not compare, a length past the default quota",
        .rationale = R"md(## What it checks
Operands of `numeric` outside -5.0e9 to 5.0e9, the range the EventBridge user guide documents for numeric
matching, or with more than six digits after the decimal point (trailing zeros aside), the precision it
documents. Patterns longer than 2048 characters, the default quota (as written, or as minified JSON for a
template's `EventPattern` object); past 4096, the most the quota can be raised to, CP0103 reports the pattern
as refused.

## Why it matters
The user guide has documented several limits for numeric matching over the years (±1.0e9, then ±5.0e9, with
six digits after the decimal point), and earlier versions of aws/event-ruler, the matcher EventBridge runs,
refused numbers past them ("Value must be between -5.0E9 and 5.0E9, inclusive", "Only values upto 6 decimals
are supported"). The current event-ruler compares
any finite double, and no recording of the service shows which version it runs. A pattern past the documented
limits works with today's matcher and `pipec test-pattern`, but rests on behaviour the documentation does not
promise. A pattern over 2048 characters is refused unless the account's quota was raised.

## How to fix
Keep numeric operands within ±5.0e9 and to six decimals, scaling the values if needed, or accept the risk.
Shorten a long pattern (prefixes or wildcards in place of long lists), split it into two rules, or raise the
quota.

## References
- Amazon EventBridge User Guide: Comparison operators for use in event patterns (numeric matching)
- aws/event-ruler: ComparableNumber (the range and precision it compares)
- Amazon EventBridge User Guide: quotas (event pattern length)
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html",
    },
    pattern_beyond_documented_limits::check};

}  // namespace pipec::rules
