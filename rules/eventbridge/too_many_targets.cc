#include <fmt/core.h>

#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace too_many_targets {
namespace {

// EventBridge quota: targets per rule, not adjustable.
constexpr std::size_t kMaxTargets = 5;

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  // Targets of one rule may come from several PutTargets inputs: counted together.
  std::map<std::size_t, std::vector<const model::Target*>> by_rule;
  for (const auto& set : ws.target_sets) {
    if (!set.event_rule) {
      if (set.targets.size() > kMaxTargets) {
        out.report(set.targets[kMaxTargets].span, fmt::format("{} targets for rule {}, and a rule takes at most {}", set.targets.size(),
                                                             set.rule ? util::quote(set.rule->value) : std::string("(unnamed)"), kMaxTargets))
            .with_label(fmt::format("target {}", kMaxTargets + 1));
      }
      continue;
    }
    for (const auto& t : set.targets) by_rule[*set.event_rule].push_back(&t);
  }
  for (const auto& [index, targets] : by_rule) {
    if (targets.size() <= kMaxTargets) continue;
    const auto& rule = ws.event_rules[index];
    const std::string name = rule.name ? rule.name->value : rule.logical_id ? rule.logical_id->value : "(unnamed)";
    auto& f = out.report(targets[kMaxTargets]->span, fmt::format("rule {} has {} targets, and a rule takes at most {}", util::quote(name),
                                                                targets.size(), kMaxTargets))
                  .with_label(fmt::format("target {}", kMaxTargets + 1));
    f.with_help("split the targets over two rules with the same pattern, or fan out from one target (an SNS topic, a Lambda "
                "function, a Step Functions state machine)");
  }
}

}  // namespace
}  // namespace too_many_targets

extern const check::Rule kTooManyTargets{
    {
        .id = "CP3006",
        .name = "too-many-targets",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an EventBridge rule has more than 5 targets",
        .rationale = R"md(## What it checks
The targets of each EventBridge rule: those of an `AWS::Events::Rule`, of a `.pipe` rule, and of PutTargets
inputs (counted together when several name one rule read in the same run): at most 5.

## Why it matters
Five targets per rule is an EventBridge quota that cannot be raised. PutTargets answers with
`LimitExceededException` for the sixth, and CloudFormation fails the stack.

## How to fix
Split the targets over two rules with the same pattern, or send the event to one target that fans out.

## References
- Amazon EventBridge User Guide: Amazon EventBridge quotas (Targets per rule: 5)
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html",
    },
    too_many_targets::check};

}  // namespace pipec::rules
