#include <algorithm>
#include <fmt/core.h>

#include "model/event_pattern.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_pattern_operator {
namespace {

constexpr std::string_view kAnythingButOperators[] = {"prefix", "suffix", "equals-ignore-case", "wildcard"};

void report_unknown(check::Reporter& out, const syntax::Member& m, std::span<const std::string_view> known,
                    std::string_view where) {
  auto& f = out.report(m.key_span, fmt::format("unknown operator {}{}", util::quote(m.key), where))
                .with_label("EventBridge has no such operator");
  if (const auto guess = util::closest_match(m.key, known)) {
    f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
  } else {
    std::vector<std::string> names(known.begin(), known.end());
    f.with_help(fmt::format("operators: {}", util::quote_list(names, "and")));
  }
}

void check(const check::Context& context, check::Reporter& out) {
  const auto known = model::pattern_operators();
  for (const auto& pattern : context.workspace.patterns) {
    const auto& doc = *pattern.document;
    for (const auto& field : model::pattern_fields(pattern)) {
      for (const syntax::NodeId item : doc.items(field.member->value)) {
        if (pattern.unresolved(item)) continue;  // {"Ref": …} in a template: a value, not an operator
        for (const auto& m : doc.members(item)) {
          if (std::find(known.begin(), known.end(), m.key) == known.end()) {
            report_unknown(out, m, known, "");
            continue;
          }
          if (m.key != "anything-but") continue;
          for (const auto& inner : doc.members(m.value)) {
            if (std::find(std::begin(kAnythingButOperators), std::end(kAnythingButOperators), inner.key) ==
                std::end(kAnythingButOperators)) {
              report_unknown(out, inner, kAnythingButOperators, " inside \"anything-but\"");
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace unknown_pattern_operator

extern const check::Rule kUnknownPatternOperator{
    {
        .id = "CP3002",
        .name = "unknown-pattern-operator",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an event pattern uses an operator EventBridge does not have",
        .rationale = R"md(## What it checks
Keys of operator objects in an event pattern: `prefix`, `suffix`, `equals-ignore-case`, `wildcard`,
`anything-but`, `numeric`, `exists` and `cidr` are EventBridge's; inside `anything-but`, only `prefix`,
`suffix`, `equals-ignore-case` and `wildcard`. Anything else, such as `contains` (another cloud's operator) or
a misspelled `prefx`, is reported with the closest operator.

## Why it matters
PutRule rejects the pattern with "Unrecognized match type".

## References
- Amazon EventBridge User Guide: Comparison operators for use in event patterns
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html",
    },
    unknown_pattern_operator::check};

}  // namespace pipec::rules
