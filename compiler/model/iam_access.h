#pragma once
// What a role of a template may do, as far as the policies pipec read say:
// enough to tell that a pipeline's role, or the role EventBridge uses to
// start a pipeline, lacks a permission its work needs. Lenient by design:
// a statement whose Action or Resource pipec cannot read fully, a Resource
// that may match through a part only a deployment knows, a Condition, all
// count as allowing; Deny statements and permissions boundaries are not
// considered, and a role with no policy in its template is not judged. So
// `no` means no statement could allow it.

#include <string>
#include <string_view>
#include <vector>

#include "model/workspace.h"

namespace pipec::model {

enum class Grant { yes, no, unknown };

/// The role an ARN value refers to: `!GetAtt Role.Arn`, a `!Sub` of
/// `…:role/${Role}`, or a literal ARN whose name is a role's literal
/// RoleName. Null when the role is not one pipec read.
[[nodiscard]] const Role* role_named_by(const Workspace& ws, const syntax::Document& doc, syntax::NodeId arn);

/// What a role's identity policies allow, worked out once per action: a
/// pipeline asks of its role for every action it runs (CP6004 asks about a
/// hundred times for one template, about a dozen distinct IAM actions), and
/// finding the policies and matching their actions each time was most of
/// the answer. Asked on one thread.
class RoleAccess {
 public:
  RoleAccess(const Workspace& ws, const Role& role);

  /// Whether the policies allow `action` on `resource`, an ARN in which
  /// kUnknownPart (or '*') stands for a part only a deployment knows.
  [[nodiscard]] Grant allows(std::string_view action, std::string_view resource);
  [[nodiscard]] const Role& role() const { return *role_; }

 private:
  /// The statements that may allow an action, in the order they are read,
  /// and whether a policy pipec cannot read comes after them.
  struct Statements {
    std::string action;
    struct Allowing {
      const PolicyStatement* statement;
      bool any_resource;  ///< lenient: its actions or resources cannot be read
    };
    std::vector<Allowing> allowing;
    bool then_unknown = false;
  };
  const Statements& statements_for(std::string_view action);

  const Role* role_;
  std::vector<const Policy*> policies_;  ///< the role's, declared beside it, in the workspace's order
  std::vector<Statements> by_action_;    ///< the actions asked about so far: a few, searched in order
};

/// RoleAccess(ws, role).allows(action, resource), for one question.
[[nodiscard]] Grant role_allows(const Workspace& ws, const Role& role, std::string_view action, std::string_view resource);

/// A policy value's shape as an IAM pattern: each part only a deployment
/// knows (kUnknownPart) becomes '*'.
[[nodiscard]] std::string unknown_as_wildcards(std::string_view shape);
/// The same without a copy where there is nothing to replace: `shape`
/// itself, or `scratch` filled with its pattern (and left untouched when
/// the shape has no unknown part).
[[nodiscard]] std::string_view as_pattern(std::string_view shape, std::string& scratch);

/// An ARN shape: an empty region or account becomes kUnknownPart, and so
/// does the partition, always.
[[nodiscard]] std::string arn_shape(std::string_view service, std::string_view region, std::string_view account,
                                    std::string_view resource);
/// A resource of `service` in any partition, Region and account, as an IAM
/// pattern, in one string: "arn:*:ecr:*:*:repository/web" for ("ecr",
/// "repository/", "web"); a part of `name` only a deployment knows is '*'
/// too. What a role is asked about.
[[nodiscard]] std::string arn_pattern(std::string_view service, std::string_view resource_type, std::string_view name);

}  // namespace pipec::model
