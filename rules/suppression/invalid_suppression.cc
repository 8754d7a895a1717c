#include "check/rule.h"

namespace pipec::rules {

// Found by the driver after every other rule ran (driver/policy.cc), from the
// suppression comments of the files read.
extern const check::Rule kInvalidSuppression{
    {
        .id = "CP0011",
        .name = "invalid-suppression",
        .category = "suppression",
        .default_severity = diag::Severity::error,
        .summary = "a suppression comment cannot be used: no reason, no rule or an unknown one, or a committed secret",
        .rationale = R"md(## What it checks
Comments that start with `pipec:` in YAML and `.pipe` files. A suppression is
`# pipec: ignore[CP2001] reason` (or `ignore-file[…]` for the whole file), with one or more rule ids or
names in the brackets, separated by commas, and a reason after them. Reported: another word than `ignore`
or `ignore-file`; no brackets, or nothing in them; a rule that does not exist (with the nearest one); no
reason; and a suppression of `CP5001` (committed-aws-secret) in the file that holds the secret.

## Why it matters
A suppression is a decision that a finding is not a problem; the reason is the record of that decision for
the next reader, and a suppression pipec cannot read suppresses nothing while looking as if it does. A
committed access key is a problem whatever a comment says: it is in the repository's history, and only
removing and deactivating it settles it.

## How to fix
Write `# pipec: ignore[CP2001] why this is fine here`. For a committed key, remove it and deactivate it in
IAM; for an example that was never a key, suppress it in `.pipec.yaml` (`suppressions:` with its path and
rule), where a reviewer of the configuration sees it.
)md",
        .help_uri = "",
    },
    nullptr};

}  // namespace pipec::rules
