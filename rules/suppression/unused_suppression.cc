#include "check/rule.h"

namespace pipec::rules {

// Found by the driver after every other rule ran (driver/policy.cc): whether
// a suppression is used depends on their findings.
extern const check::Rule kUnusedSuppression{
    {
        .id = "CP0010",
        .name = "unused-suppression",
        .category = "suppression",
        .default_severity = diag::Severity::warning,
        .summary = "a suppression comment or configuration entry covers no finding: the rule it names finds nothing there",
        .rationale = R"md(## What it checks
Each rule a `# pipec: ignore[…]` comment names, and each entry of `.pipec.yaml`'s `suppressions`, against
the findings of the run: a suppression whose rule ran on the file and found nothing on the line it
covers (the comment's own line, or the next line of content for a comment on its own line), in the file
(`ignore-file[…]`), or at the JSON Pointer of the entry, is unused. A suppression of a rule that did not
run (`--select`, `--ignore`, or `off` in the configuration) is not judged.

## Why it matters
A suppression outlives the finding it was written for: the value was fixed, or moved, and the comment now
sits where a new mistake of the same rule would be hidden without anyone deciding so. Reporting unused
suppressions (as ruff's RUF100 does) keeps every suppression tied to a finding someone looked at.

## How to fix
Remove the comment, the rule id from it, or the configuration entry. If the finding moved, move the
suppression with it.
)md",
        .help_uri = "",
    },
    nullptr};

}  // namespace pipec::rules
