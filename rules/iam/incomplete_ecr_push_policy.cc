#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <vector>

#include "aws/iam.h"
#include "check/rule.h"
#include "model/iam_access.h"
#include "util/text.h"

namespace pipec::rules {

namespace incomplete_ecr_push_policy {
namespace {

// What `docker push` to ECR calls (Amazon ECR User Guide, "Required IAM
// permissions for pushing an image"): the layer upload and the manifest on
// the repository, and a login token, which is for the registry ("*").
constexpr std::string_view kOnRepository[] = {"ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                              "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"};
constexpr std::string_view kLogin = "ecr:GetAuthorizationToken";

bool names(const model::PolicyStatement& s, std::string_view action) {
  return s.allows() && !s.not_action && std::any_of(s.actions.begin(), s.actions.end(), [&](const model::PolicyValue& v) {
           return v.literal && aws::iam::action_matches(v.shape, action);
         });
}

// Whether the policy, or the roles it is attached to, name the action at
// all (the resources are CP6002's and CP6003's to judge).
bool granted(const model::Workspace& ws, const model::Policy& policy, std::string_view action) {
  if (policy.statements_unresolved) return true;
  for (const auto& s : policy.statements) {
    if (s.actions_unresolved || names(s, action)) return true;
  }
  for (const auto& role_id : policy.roles) {
    for (const auto& role : ws.roles) {
      if (role.logical_id.value != role_id || !policy.logical_id || role.logical_id.span.file != policy.logical_id->span.file) continue;
      if (model::role_allows(ws, role, action, std::string(1, model::kUnknownPart)) != model::Grant::no) return true;
    }
  }
  return false;
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& policy : ws.policies) {
    if (policy.use != model::PolicyUse::identity) continue;
    // The statement that lets it push: ecr:PutImage named outright or by a
    // pattern that is about pushing ("ecr:Put*"), not "*" or "ecr:*", which
    // allow the rest too.
    const model::PolicyStatement* push = nullptr;
    const model::PolicyValue* put = nullptr;
    for (const auto& s : policy.statements) {
      if (!s.allows() || s.not_action) continue;
      for (const auto& v : s.actions) {
        if (v.literal && v.shape != "*" && v.shape != "ecr:*" && aws::iam::action_matches(v.shape, "ecr:PutImage")) {
          push = &s;
          put = &v;
          break;
        }
      }
      if (push) break;
    }
    if (push == nullptr) continue;
    std::vector<std::string> missing;
    for (const auto action : kOnRepository) {
      if (!granted(ws, policy, action)) missing.emplace_back(action);
    }
    const bool login = granted(ws, policy, kLogin);
    if (missing.empty() && login) continue;
    std::vector<std::string> all = missing;
    if (!login) all.emplace_back(kLogin);
    auto& f = out.report(put->text.span, fmt::format("{} allows ecr:PutImage but not {}, which a docker push also calls", policy.owner,
                                                     util::quote_list(all, "and")))
                  .with_label("a push that cannot complete");
    if (!missing.empty()) {
      f.with_help(fmt::format("add {} to this statement's actions", util::quote_list(missing, "and")));
    }
    if (!login) {
      f.with_help("add a statement {\"Effect\": \"Allow\", \"Action\": \"ecr:GetAuthorizationToken\", \"Resource\": \"*\"}: "
                  "the login token is for the registry, so only \"*\" allows it");
    }
  }
}

}  // namespace
}  // namespace incomplete_ecr_push_policy

extern const check::Rule kIncompleteEcrPushPolicy{
    {
        .id = "CP6005",
        .name = "incomplete-ecr-push-policy",
        .category = "iam",
        .default_severity = diag::Severity::warning,
        .summary = "an IAM policy lets a principal push an image (ecr:PutImage) but not log in or upload its layers",
        .rationale = R"md(## What it checks
An identity policy that allows `ecr:PutImage` must also allow what `docker push` calls before it:
`ecr:BatchCheckLayerAvailability`, `ecr:InitiateLayerUpload`, `ecr:UploadLayerPart` and
`ecr:CompleteLayerUpload` (on the repository), and `ecr:GetAuthorizationToken` (on `*`: the token is for the
registry, not a repository; a statement scoping it to a repository is CP6003's finding). In a template, the
other policies of the roles it is attached to count too. A warning: the principal may get the rest from a
policy pipec did not read.

## Why it matters
The push fails in CI with `no basic auth credentials` or `denied: … is not authorized to perform:
ecr:InitiateLayerUpload`, after the image was built.

## How to fix
Add the missing actions; the help says where.

## References
- Amazon ECR User Guide: Private repository policies; Required IAM permissions for pushing an image
- AWS Toolkit for Azure DevOps User Guide: Amazon ECR Push task (Task Permissions)
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html",
    },
    incomplete_ecr_push_policy::check};

}  // namespace pipec::rules
