#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_ecr_settings {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::ecr_settings, "ecr/integration-settings.json");
}

}  // namespace
}  // namespace invalid_ecr_settings

extern const check::Rule kInvalidEcrSettings{
    {
        .id = "CP0110",
        .name = "invalid-ecr-settings",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "settings of the AWS ECR integration break their schema: a missing key, a Region typo, a malformed role ARN or access key",
        .rationale = R"md(## What it checks
AWS ECR integration settings (`ci`, `read`, `setup`, `repository_provider`) against
`schemas/ecr/integration-settings.json`: `ci` needs `region`, `access_key` and `secret_key`; `setup` needs
`region` and `role_arn`; Regions come from the integration's list of 18; role ARNs are
`arn:aws:iam::<12 digits>:role/<name>`; the access key is 20 upper-case letters and digits; no other keys.

## Why it matters
The integration fails to push or pull images when a Region is misspelled or a role ARN has 11 digits, and it
says little about why.

## How to fix
Follow the message: add the missing key, or correct the value to what it names. Keep `access_key` and
`secret_key` out of the repository (see CP5001); inject them from your CI's secret store.
)md",
        .help_uri = "",
    },
    invalid_ecr_settings::check};

}  // namespace pipec::rules
