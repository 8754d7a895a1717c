#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace {

std::string_view schema_of(model::PolicyUse use) {
  switch (use) {
    case model::PolicyUse::identity: return "iam/policy.json#/definitions/identity";
    case model::PolicyUse::trust: return "iam/policy.json#/definitions/trust";
    case model::PolicyUse::resource: return "iam/policy.json#/definitions/resource";
  }
  return "iam/policy.json#/definitions/identity";
}

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& p : context.workspace.policies) {
    jobs.push_back({schema_of(p.use), p.document, p.node, p.dialect == model::Dialect::cloudformation, true});
  }
  report_schemas(context, out, jobs);
}

}  // namespace

extern const check::Rule kInvalidPolicyDocument{
    {
        .id = "CP0117",
        .name = "invalid-policy-document",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an IAM policy breaks the policy grammar: a misspelled element or Effect, a principal in a role's policy, a statement without resources",
        .rationale = R"md(## What it checks
Every IAM policy pipec reads, against `schemas/iam/policy.json`: the identity policies of roles, users and groups
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
    check};

}  // namespace pipec::rules
