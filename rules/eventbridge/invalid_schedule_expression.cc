#include <fmt/core.h>

#include <algorithm>
#include <cctype>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_schedule_expression {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Why EventBridge refuses `expression`, or nothing. rate(value unit) and
// cron(minutes hours day-of-month month day-of-week year), as the user guide
// defines them.
std::optional<std::pair<std::string, std::string>> problem(std::string_view expression) {
  const auto open = expression.find('(');
  if (open == std::string_view::npos || expression.back() != ')') {
    return std::make_pair(std::string("is neither rate(…) nor cron(…)"), std::string("write rate(5 minutes) or cron(0 12 * * ? *)"));
  }
  const std::string_view kind = expression.substr(0, open);
  const auto args = words(expression.substr(open + 1, expression.size() - open - 2));
  if (kind == "rate") {
    if (args.size() != 2 || !digits(args[0]) || args[0] == "0" || args[0].starts_with('0')) {
      return std::make_pair(std::string("is not rate(<positive whole number> <unit>)"), std::string("write rate(5 minutes)"));
    }
    const bool one = args[0] == "1";
    const std::string_view unit = args[1];
    const bool singular = unit == "minute" || unit == "hour" || unit == "day";
    const bool plural = unit == "minutes" || unit == "hours" || unit == "days";
    if (!singular && !plural) {
      return std::make_pair(fmt::format("has unit {}, expected minute(s), hour(s) or day(s)", util::quote(unit)),
                            std::string("write rate(5 minutes)"));
    }
    if (one && plural) return std::make_pair(std::string("writes a plural unit after 1"), fmt::format("write rate(1 {})", unit.substr(0, unit.size() - 1)));
    if (!one && singular) return std::make_pair(fmt::format("writes a singular unit after {}", args[0]), fmt::format("write rate({} {}s)", args[0], unit));
    return std::nullopt;
  }
  if (kind == "cron") {
    if (args.size() != 6) {
      std::string help = "write cron(0 12 * * ? *): noon UTC every day";
      // Five fields is Unix cron: EventBridge adds a year and wants ? in one of the day fields. Unix numbers
      // weekdays from 0 and EventBridge from 1, so only a day-of-week of * converts without a guess.
      if (args.size() == 5 && args[4] == "*") {
        help = fmt::format("write cron({} {} {} {} ? *), the Unix schedule with ? for day-of-week and a year", args[0], args[1],
                           args[2], args[3]);
      }
      return std::make_pair(fmt::format("has {} fields, expected 6: minutes hours day-of-month month day-of-week year", args.size()),
                            help);
    }
    if (args[2] != "?" && args[4] != "?") {
      return std::make_pair(std::string("gives both day-of-month and day-of-week; one of them must be ?"),
                            fmt::format("write cron({} {} {} {} ? {})", args[0], args[1], args[2], args[3], args[5]));
    }
    if (args[2] == "?" && args[4] == "?") {
      return std::make_pair(std::string("leaves both day-of-month and day-of-week as ?; exactly one of them is"),
                            fmt::format("write cron({} {} * {} ? {})", args[0], args[1], args[3], args[5]));
    }
    return std::nullopt;
  }
  return std::make_pair(fmt::format("starts with {}, expected rate or cron", util::quote(kind)), std::string("write rate(5 minutes) or cron(0 12 * * ? *)"));
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& rule : context.workspace.event_rules) {
    if (!rule.schedule) continue;
    if (const auto p = problem(rule.schedule->value)) {
      out.report(rule.schedule->span, fmt::format("schedule {} {}", util::quote(rule.schedule->value), p->first))
          .with_label("EventBridge refuses this schedule")
          .with_help(p->second);
    }
  }
}

}  // namespace
}  // namespace invalid_schedule_expression

extern const check::Rule kInvalidScheduleExpression{
    {
        .id = "CP3007",
        .name = "invalid-schedule-expression",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an EventBridge rule's ScheduleExpression is not a rate(…) or cron(…) EventBridge accepts",
        .rationale = R"md(## What it checks
The `ScheduleExpression` of PutRule inputs and `AWS::Events::Rule` resources:

- `rate(value unit)`: a positive whole number, and `minute`, `hour` or `day` when it is 1, `minutes`, `hours` or
  `days` otherwise;
- `cron(minutes hours day-of-month month day-of-week year)`: six fields, with exactly one of day-of-month and
  day-of-week written `?`.

## Why it matters
PutRule and CloudFormation refuse the rule (`Parameter ScheduleExpression is not valid`); `rate(1 minutes)` and
a five-field cron written for Unix are the usual mistakes.

## How to fix
Follow the form in the help.

## References
- Amazon EventBridge User Guide: Schedule expressions for rules
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html",
    },
    invalid_schedule_expression::check};

}  // namespace pipec::rules
