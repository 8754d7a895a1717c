#pragma once
// IAM policy documents as the linter sees them: the identity policies of
// roles, the trust policy that says who may assume a role, and the resource
// policies of repositories, buckets, keys, topics and event buses. Lowered
// (model/lower_policies.h) from CloudFormation resources and from policy
// files of their own (`aws iam create-policy --policy-document file://…`).

#include <optional>
#include <string>
#include <vector>

#include "model/dialect.h"
#include "model/located.h"

namespace pipec::model {

/// What a policy is for decides what its statements must hold: an identity
/// policy names resources and no principal, a resource policy names
/// principals, a trust policy names principals and no resources.
enum class PolicyUse { identity, resource, trust };

/// An entry of Action, NotAction, Resource or NotResource. A value a
/// deployment decides is kept as `shape`: its text with each part only a
/// deployment knows replaced by kUnknownPart (a resource's ARN from
/// Fn::GetAtt is the ARN format of its type, with its own parts unknown).
struct PolicyValue {
  Text text;           ///< a literal, as written; for a function, its text is empty
  std::string shape;   ///< the literal, or the flattened function
  bool literal = true;
  /// `shape` with each unknown part as "*", the way it is matched; set by
  /// the lowering only when the shape has such a part (a pattern is matched
  /// against every permission a pipeline needs: made once, not each time).
  std::string wildcards;

  /// What matching compares: `shape`, its unknown parts as wildcards.
  [[nodiscard]] std::string_view pattern() const { return wildcards.empty() ? std::string_view(shape) : wildcards; }
};

inline constexpr char kUnknownPart = '\x03';

struct PolicyStatement {
  syntax::NodeId node = syntax::kNoNode;
  source::Span span;
  std::optional<Text> sid, effect;
  /// Action or NotAction (`not_action`), Resource or NotResource.
  std::vector<PolicyValue> actions, resources;
  bool not_action = false, not_resource = false;
  syntax::NodeId action_node = syntax::kNoNode, resource_node = syntax::kNoNode;
  syntax::NodeId principal = syntax::kNoNode;
  bool actions_unresolved = false;    ///< Action is, or holds, a value pipec cannot read
  bool resources_unresolved = false;  ///< the same for Resource

  [[nodiscard]] bool allows() const { return effect && effect->value == "Allow"; }
};

struct Policy {
  const syntax::Document* document = nullptr;
  syntax::NodeId node = syntax::kNoNode;  ///< the policy object
  PolicyUse use = PolicyUse::identity;
  Dialect dialect = Dialect::api;
  /// What it belongs to, for messages: `role "PipelineRole"`, `the policy of repository "Repository"`.
  std::string owner;
  /// Written in a CloudFormation template (as an object, or as a string of
  /// JSON, whose dialect is the API's): ${…} there is CP0120's to judge.
  bool in_template = false;
  /// CloudFormation: the logical ID of the resource that declares it.
  std::optional<Text> logical_id;
  /// CloudFormation: the roles (logical IDs) an identity policy applies to.
  std::vector<std::string> roles;
  std::vector<PolicyStatement> statements;
  bool statements_unresolved = false;  ///< Statement is a function, or holds one
};

/// An AWS::IAM::Role of a template: what the permission checks need to
/// find the policies that apply to it.
struct Role {
  const syntax::Document* document = nullptr;
  Text logical_id;
  std::optional<Text> name;  ///< RoleName, when literal
  /// Every policy that applies to it is one pipec read: its Policies and
  /// ManagedPolicyArns are written out and name only the template's own
  /// policies, and no policy of the template attaches to roles it names in
  /// a way pipec cannot follow. Roles with an AWS managed policy, or a policy
  /// of another stack, may be allowed more than pipec sees.
  bool policies_known = true;
};

}  // namespace pipec::model
