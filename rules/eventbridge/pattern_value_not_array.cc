#include <fmt/core.h>

#include "model/event_pattern.h"
#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace pattern_value_not_array {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pattern : context.workspace.patterns) {
    const auto& doc = *pattern.document;
    for (const auto& field : model::pattern_fields(pattern)) {
      const auto& value = doc.node(field.member->value);
      if (value.kind == syntax::NodeKind::array || value.kind == syntax::NodeKind::object ||
          value.kind == syntax::NodeKind::invalid) {
        continue;
      }
      const std::string written = value.kind == syntax::NodeKind::string ? util::quote(value.text)
                                  : value.kind == syntax::NodeKind::boolean ? (value.boolean ? "true" : "false")
                                  : value.kind == syntax::NodeKind::null    ? "null"
                                                                            : std::string(value.text);
      out.report(value.span, fmt::format("pattern field {} is {}, expected an array of values or an object",
                                         util::quote(field.member->key), written))
          .with_label("EventBridge rejects a bare value here")
          .with_help(fmt::format("write [{}]: EventBridge matches a field against a list of values", written))
          .with_fix({value.span.file, value.span.begin, value.span.begin}, "[")
          .with_fix({value.span.file, value.span.end, value.span.end}, "]");
    }
  }
}

}  // namespace
}  // namespace pattern_value_not_array

extern const check::Rule kPatternValueNotArray{
    {
        .id = "CP3001",
        .name = "pattern-value-not-array",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an event pattern field holds a bare value where EventBridge needs an array",
        .rationale = R"md(## What it checks
Fields of an event pattern whose value is a string, number, boolean or null instead of an array of values
(or an object of nested fields): `"source": "aws.ecr"` instead of `"source": ["aws.ecr"]`.

## Why it matters
PutRule and CloudFormation reject the rule with `Event pattern is not valid. Reason: "source" must be an
object or an array`. Older AWS samples had this mistake, and it is still copied.

## How to fix
Put the value in brackets. Several values in the array match any of them.

## References
- Amazon EventBridge User Guide: Creating event patterns
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html",
    },
    pattern_value_not_array::check};

}  // namespace pipec::rules
