#include "model/iam_access.h"

#include <algorithm>
#include <optional>

#include "aws/arn.h"
#include "aws/iam.h"
#include "model/cloudformation.h"
#include "model/template_text.h"

namespace pipec::model {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

// What a statement says of an action, before its resources are read.
enum class ForAction {
  silent,        ///< a Deny, or the action not listed (or listed under NotAction)
  allows_all,    ///< cannot tell which actions or resources it lists: lenient, it allows
  on_resources,  ///< allows the action on the resources it lists
};

ForAction for_action(const PolicyStatement& s, std::string_view action) {
  if (!s.allows()) return ForAction::silent;
  if (s.actions_unresolved || s.resources_unresolved) return ForAction::allows_all;
  const auto action_listed = std::any_of(s.actions.begin(), s.actions.end(), [&](const PolicyValue& v) {
    return !v.literal || aws::iam::action_matches(v.pattern(), action);
  });
  return action_listed == s.not_action ? ForAction::silent : ForAction::on_resources;
}

// Whether a statement that allows the action allows it on `wanted` (a
// pattern already).
bool covers_resource(const PolicyStatement& s, std::string_view wanted) {
  // NotResource: allowed unless every resource the action may mean is listed;
  // pipec cannot tell, so it counts as allowed.
  if (s.not_resource) return true;
  return std::any_of(s.resources.begin(), s.resources.end(),
                     [&](const PolicyValue& v) { return aws::patterns_overlap(v.pattern(), wanted); });
}

}  // namespace

const Role* role_named_by(const Workspace& ws, const syntax::Document& doc, NodeId arn) {
  if (arn == syntax::kNoNode) return nullptr;
  if (doc.is(arn, NodeKind::string)) {
    const auto parts = aws::split_arn(doc.node(arn).text);
    if (!parts || parts->service != "iam" || !parts->resource.starts_with("role/")) return nullptr;
    const auto name = parts->resource.substr(parts->resource.rfind('/') + 1);
    for (const auto& r : ws.roles) {
      if (r.name && r.name->value == name) return &r;
    }
    return nullptr;
  }
  if (!is_intrinsic(doc, arn)) return nullptr;
  // The role the value names: Fn::GetAtt Role.Arn, or Ref Role (its name) at
  // the end of a …:role/ ARN.
  std::string referenced;
  bool arn_attribute = false;
  const auto text = flatten_template_text(
      ws.sources.file(doc.file()).text(), doc, arn,
      [&](const TextReference& r) {
        referenced = std::string(r.name);
        arn_attribute = r.attribute == "Arn";
        return std::string(1, kUnknownPart);
      },
      std::string_view(&kUnknownPart, 1), [](std::string_view t) { return std::string(t); });
  if (!text || referenced.empty()) return nullptr;
  const bool names_role = arn_attribute ? *text == std::string(1, kUnknownPart)
                                        : text->ends_with(std::string(":role/") + kUnknownPart) ||
                                              text->ends_with(std::string("/") + kUnknownPart);
  if (!names_role) return nullptr;
  for (const auto& r : ws.roles) {
    if (r.document == &doc && r.logical_id.value == referenced) return &r;
  }
  return nullptr;
}

RoleAccess::RoleAccess(const Workspace& ws, const Role& role) : role_(&role) {
  // A policy of the role's: an identity policy of its template (logical IDs
  // are a template's own, so it must be declared beside the role) that
  // names it.
  const auto ours = [&](const Policy& p) {
    return p.use == PolicyUse::identity && p.document != nullptr && p.in_template && p.logical_id &&
           p.logical_id->span.file == role.logical_id.span.file &&
           std::find(p.roles.begin(), p.roles.end(), role.logical_id.value) != p.roles.end();
  };
  if (const auto* declared = ws.policies_of_role(role.logical_id.span.file, role.logical_id.value)) {
    for (const std::size_t i : *declared) {
      if (ours(ws.policies[i])) policies_.push_back(&ws.policies[i]);
    }
  } else {
    for (const auto& p : ws.policies) {
      if (ours(p)) policies_.push_back(&p);
    }
  }
}

const RoleAccess::Statements& RoleAccess::statements_for(std::string_view action) {
  for (const auto& known : by_action_) {
    if (known.action == action) return known;
  }
  Statements found{std::string(action), {}, false};
  for (const Policy* p : policies_) {
    // A policy pipec cannot read could allow anything: what comes after it
    // is not asked.
    if (p->statements_unresolved) {
      found.then_unknown = true;
      break;
    }
    for (const auto& s : p->statements) {
      const ForAction says = for_action(s, action);
      if (says != ForAction::silent) found.allowing.push_back({&s, says == ForAction::allows_all});
    }
  }
  by_action_.push_back(std::move(found));
  return by_action_.back();
}

Grant RoleAccess::allows(std::string_view action, std::string_view resource) {
  const Statements& statements = statements_for(action);
  std::string scratch;
  const std::string_view wanted = as_pattern(resource, scratch);
  for (const auto& [statement, any_resource] : statements.allowing) {
    if (any_resource || covers_resource(*statement, wanted)) return Grant::yes;
  }
  if (statements.then_unknown) return Grant::unknown;
  // A role the template gives no policy at all gets them elsewhere (another
  // stack, the console): pipec cannot say what it lacks.
  return role_->policies_known && !policies_.empty() ? Grant::no : Grant::unknown;
}

Grant role_allows(const Workspace& ws, const Role& role, std::string_view action, std::string_view resource) {
  return RoleAccess(ws, role).allows(action, resource);
}

std::string_view as_pattern(std::string_view shape, std::string& scratch) {
  if (shape.find(kUnknownPart) == std::string_view::npos) return shape;
  scratch = unknown_as_wildcards(shape);
  return scratch;
}

std::string unknown_as_wildcards(std::string_view shape) {
  std::string out(shape);
  std::replace(out.begin(), out.end(), kUnknownPart, '*');
  return out;
}

namespace {

// "arn:<partition>:<service>:<region>:<account>:", a part not given (and the
// partition, always) as `unknown`.
void arn_prefix(std::string& out, std::string_view service, std::string_view region, std::string_view account,
                char unknown) {
  const auto part = [&](std::string_view p) {
    if (p.empty()) {
      out += unknown;
    } else {
      out += p;
    }
    out += ':';
  };
  out += "arn:";
  out += unknown;  // the partition
  out += ':';
  out += service;
  out += ':';
  part(region);
  part(account);
}

}  // namespace

std::string arn_shape(std::string_view service, std::string_view region, std::string_view account, std::string_view resource) {
  // Written into one string: a chain of `+` made a string for each part.
  std::string out;
  out.reserve(service.size() + region.size() + account.size() + resource.size() + 12);
  arn_prefix(out, service, region, account, kUnknownPart);
  out += resource;
  return out;
}

std::string arn_pattern(std::string_view service, std::string_view resource_type, std::string_view name) {
  std::string out;
  out.reserve(service.size() + resource_type.size() + name.size() + 12);
  arn_prefix(out, service, "", "", '*');
  out += resource_type;
  out += name;
  std::replace(out.begin(), out.end(), kUnknownPart, '*');
  return out;
}

}  // namespace pipec::model
