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

// `wanted` is the resource as a pattern already.
bool statement_covers(const PolicyStatement& s, std::string_view action, std::string_view wanted) {
  if (!s.allows()) return false;
  if (s.actions_unresolved || s.resources_unresolved) return true;  // cannot tell: lenient
  const auto action_listed = std::any_of(s.actions.begin(), s.actions.end(), [&](const PolicyValue& v) {
    return !v.literal || aws::iam::action_matches(v.pattern(), action);
  });
  if (action_listed == s.not_action) return false;
  const auto resource_listed = std::any_of(s.resources.begin(), s.resources.end(), [&](const PolicyValue& v) {
    return aws::patterns_overlap(v.pattern(), wanted);
  });
  // NotResource: allowed unless every resource the action may mean is listed;
  // pipec cannot tell, so it counts as allowed.
  return s.not_resource || resource_listed;
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

Grant role_allows(const Workspace& ws, const Role& role, std::string_view action, std::string_view resource) {
  bool any_policy = false;
  std::string scratch;
  const std::string_view wanted = as_pattern(resource, scratch);
  // Whether policy `p` settles the question; marks it as one of the role's.
  const auto decides = [&](const Policy& p) -> std::optional<Grant> {
    if (p.use != PolicyUse::identity || p.document == nullptr || !p.in_template) return std::nullopt;
    // Logical IDs are a template's own: the policy must be declared beside the role.
    if (!p.logical_id || p.logical_id->span.file != role.logical_id.span.file) return std::nullopt;
    if (std::find(p.roles.begin(), p.roles.end(), role.logical_id.value) == p.roles.end()) return std::nullopt;
    any_policy = true;
    if (p.statements_unresolved) return Grant::unknown;
    for (const auto& s : p.statements) {
      if (statement_covers(s, action, wanted)) return Grant::yes;
    }
    return std::nullopt;
  };
  if (const auto* declared = ws.policies_of_role(role.logical_id.span.file, role.logical_id.value)) {
    for (const std::size_t i : *declared) {
      if (const auto grant = decides(ws.policies[i])) return *grant;
    }
  } else {
    for (const auto& p : ws.policies) {
      if (const auto grant = decides(p)) return *grant;
    }
  }
  // A role the template gives no policy at all gets them elsewhere (another
  // stack, the console): pipec cannot say what it lacks.
  return role.policies_known && any_policy ? Grant::no : Grant::unknown;
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

std::string arn_shape(std::string_view service, std::string_view region, std::string_view account, std::string_view resource) {
  // Written into one string: CP6004 makes one or two for most actions of
  // every pipeline, and a chain of `+` made a string for each part.
  std::string out;
  out.reserve(service.size() + region.size() + account.size() + resource.size() + 12);
  const auto part = [&](std::string_view p) {
    if (p.empty()) {
      out += kUnknownPart;
    } else {
      out += p;
    }
    out += ':';
  };
  out += "arn:";
  out += kUnknownPart;  // the partition
  out += ':';
  out += service;
  out += ':';
  part(region);
  part(account);
  out += resource;
  return out;
}

}  // namespace pipec::model
