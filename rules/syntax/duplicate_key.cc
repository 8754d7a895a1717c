#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace duplicate_key {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::duplicate_key);
}

}  // namespace
}  // namespace duplicate_key

extern const check::Rule kDuplicateKey{
    {
        .id = "CP0004",
        .name = "duplicate-key",
        .category = "syntax",
        .default_severity = diag::Severity::warning,
        .summary = "an object has the same key twice, and only the last value counts",
        .rationale = R"md(## What it checks
Keys that appear more than once in the same JSON object or YAML mapping (a CloudFormation template's
`Properties`, say).

## Why it matters
JSON readers keep one of the values, usually the last, without a word. EventBridge compiles patterns that way:
`"image-tag": ["latest"]` followed by `"image-tag": [{"prefix": "v"}]` matches only the second. Whatever the
author meant by the first value is lost.

## How to fix
Keep one of the two keys. To match several values, list them in one array.

## References
- Amazon EventBridge User Guide: Content filtering in event patterns
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html",
    },
    duplicate_key::check};

}  // namespace pipec::rules
