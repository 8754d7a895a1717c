#pragma once
// IAM policy documents lowered into the model (model/iam_policy.h), from
// the CloudFormation resources that hold them and from policy files of
// their own.

#include "model/workspace.h"

namespace pipec::model {

/// The roles and policies of one template, lowered apart from the
/// workspace (on the thread that parsed it), to be added in order.
struct TemplatePolicies {
  std::vector<Role> roles;
  /// A policy, or, where `text` is set, a policy written as a string of
  /// JSON: `policy` then holds what the template says around it (owner,
  /// use, logical ID, roles), and its statements are read when it is added,
  /// since the string becomes a source file of its own.
  struct Entry {
    Policy policy;
    syntax::NodeId text = syntax::kNoNode;
  };
  std::vector<Entry> policies;
};

/// The roles and policies of a resolved template: roles' trust and inline
/// policies, AWS::IAM::Policy, ManagedPolicy and RolePolicy, and the
/// resource policies of ECR repositories and registries, S3 buckets, KMS
/// keys, SNS topics and SQS queues. Each points at `resolved`, which must
/// not move from then on. Reads nothing but `resolved` and its text: safe
/// on any thread.
[[nodiscard]] TemplatePolicies lower_template_policies(const source::SourceSet& sources, const syntax::Document& resolved);

/// Adds what lower_template_policies made of `file`'s document to the
/// workspace, in order; a policy written as a string of JSON is read as a
/// document of its own, whose issues are `file`'s.
void add_template_policies(Workspace& ws, LoadedFile& file, TemplatePolicies policies);

/// A policy file of its own (Version and Statement at the top): an identity
/// policy unless its statements name principals (then a resource policy, or
/// a trust policy when they only assume roles).
void lower_policy_file(Workspace& ws, const syntax::Document& doc);

}  // namespace pipec::model
