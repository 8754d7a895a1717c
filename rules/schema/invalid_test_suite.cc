#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_test_suite {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::test_suite, "test/suite.json");
}

}  // namespace
}  // namespace invalid_test_suite

extern const check::Rule kInvalidTestSuite{
    {
        .id = "CP0113",
        .name = "invalid-test-suite",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "a pipec test suite (*.test.yaml) breaks its schema: a case without a name, an unknown key, a match that is not true or false",
        .rationale = R"md(## What it checks
Files named `*.test.yaml` or `*.test.yml`, the rule tests `pipec test` runs (docs/testing.md), against
`schemas/test/suite.json`: a `tests` list whose cases each have a `name`; `rule` a path or a list of paths;
`event` a path or a mapping, `events` a list of them; `match` a boolean; `payload-text` a string; `vars`
with a 12-digit `account`; no other keys.

## Why it matters
A suite that cannot be read runs no case: `pipec test` stops on it with exit status 2, and the rule it
was written to guard goes untested until someone looks. Linting suites with everything else catches the
mistake in the commit that makes it.

## How to fix
Follow the message. A misspelled key (`paylaod`, `events:` holding a single mapping) is the usual cause;
`pipec test` itself reports what the schema cannot say, such as a case with no event or nothing to expect.
)md",
        .help_uri = "",
    },
    invalid_test_suite::check};

}  // namespace pipec::rules
