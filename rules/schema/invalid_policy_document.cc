#include <fmt/core.h>

#include <algorithm>

#include "check/rule.h"
#include "rules/support.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_policy_document {
namespace {

bool alphanumeric(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

// What a policy's use requires or forbids of each statement: IAM's refusals
// ("Policy document should not specify a principal", "Policy statement must
// contain resources", "Has prohibited field Resource", "Statement is missing
// required element Principal").
void check_use(const model::Policy& policy, check::Reporter& out) {
  const syntax::Document& doc = *policy.document;
  const bool identity = policy.use == model::PolicyUse::identity;
  const bool trust = policy.use == model::PolicyUse::trust;
  for (const auto& s : policy.statements) {
    const syntax::Member* principal = doc.member(s.node, "Principal");
    if (principal == nullptr) principal = doc.member(s.node, "NotPrincipal");
    const syntax::Member* resource = doc.member(s.node, "Resource");
    if (resource == nullptr) resource = doc.member(s.node, "NotResource");
    if (identity && principal != nullptr) {
      out.report(principal->key_span, fmt::format("{} has {}, which an identity policy cannot have", policy.owner, util::quote(principal->key)))
          .with_label("not allowed here")
          .with_note("an identity policy applies to the role, user or group it is attached to")
          .with_help("remove it; who may assume a role is said in its trust policy (AssumeRolePolicyDocument)");
    }
    if (identity && resource == nullptr) {
      out.report(doc.name_span(s.node), fmt::format("a statement of {} names no Resource", policy.owner))
          .with_label("needs \"Resource\"")
          .with_help("name the resources it allows or denies: \"Resource\": \"arn:aws:…\" or \"*\"");
    }
    if (!identity && principal == nullptr) {
      out.report(doc.name_span(s.node), fmt::format("a statement of {} names no Principal", policy.owner))
          .with_label("needs \"Principal\"")
          .with_help(trust ? "say who may assume the role: \"Principal\": {\"Service\": \"codepipeline.amazonaws.com\"}"
                           : "say whom it applies to: \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}");
    }
    if (trust && resource != nullptr) {
      out.report(resource->key_span, fmt::format("{} has {}, which a trust policy cannot have", policy.owner, util::quote(resource->key)))
          .with_label("not allowed here")
          .with_note("a trust policy is about the role it belongs to")
          .with_help("remove it");
    }
    if ((identity || trust) && s.sid && !alphanumeric(s.sid->value)) {
      out.report(s.sid->span, fmt::format("Sid {} holds characters IAM refuses in a Sid", util::quote(s.sid->value)))
          .with_label("letters and digits only")
          .with_help("IAM takes A-Z, a-z and 0-9 in the Sid of a role's or user's policy");
    }
  }
}

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& p : context.workspace.policies) {
    jobs.push_back({"iam/policy.json", p.document, p.node, p.dialect == model::Dialect::cloudformation, true});
  }
  report_schemas(context, out, jobs);
  for (const auto& p : context.workspace.policies) check_use(p, out);
}

}  // namespace
}  // namespace invalid_policy_document

extern const check::Rule kInvalidPolicyDocument{
    {
        .id = "CP0117",
        .name = "invalid-policy-document",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an IAM policy breaks the policy grammar: a misspelled element or Effect, a principal in a role's policy, a statement without resources",
        .rationale = R"md(## What it checks
Every IAM policy pipec reads, against the policy grammar of `schemas/iam/policy.json`, and against what its use
requires: the identity policies of roles, users and groups
(`Policies`, `AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`), roles' trust policies
(`AssumeRolePolicyDocument`), the resource policies of ECR repositories and registries, S3 buckets, KMS keys,
SNS topics and SQS queues, and policy files of their own (`{"Version": …, "Statement": …}`). A policy written as
a string of JSON is read too.

- `Version` is `2012-10-17` or `2008-10-17`; a statement has `Effect` (`Allow` or `Deny`), exactly one of
  `Action` and `NotAction`, and no element IAM does not have (`Actions`, `Resources`, `Principals`).
- An identity policy's statement names its resources (`Resource` or `NotResource`) and no `Principal`; its `Sid`
  is letters and digits.
- A trust policy's and a resource policy's statement names a `Principal`; a trust policy has no `Resource`.
- `Principal` is `"*"` or an object of `AWS`, `Service`, `Federated` and `CanonicalUser`; `Condition` is an
  object of operators, each an object of keys and values.

## Why it matters
IAM refuses such a policy (`MalformedPolicyDocument`: "Policy document should not specify a principal",
"Policy statement must contain resources", "Has prohibited field Resource", "Invalid effect"), so the stack
that holds it fails to create or update, often after the resources before it were made.

## How to fix
Follow the message; `Effect` is case-sensitive (`Allow`, not `allow`).

## References
- IAM User Guide: Grammar of the IAM JSON policy language
- IAM User Guide: IAM JSON policy elements reference
)md",
        .help_uri = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
    },
    invalid_policy_document::check};

}  // namespace pipec::rules
