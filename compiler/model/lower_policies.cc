#include "model/lower_policies.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "aws/iam.h"
#include "model/cloudformation.h"
#include "model/embedded_json.h"
#include "model/iam_access.h"
#include "model/template_text.h"
#include "util/text.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::optional<Text> text(const Document& doc, NodeId object, std::string_view key) { return string_member(doc, object, key); }

// Lowercase, without - and _: "task-definition" and "TaskDefinition" are one name.
std::string lower(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != '-' && c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The ARN of a resource of CloudFormation type `type` as IAM writes its
// format, with every variable part unknown: AWS::ECR::Repository is ECR's
// "repository", arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}.
std::optional<std::string> arn_shape_of_type(std::string_view type) {
  // AWS::<Service>::<Type>
  if (!type.starts_with("AWS::")) return std::nullopt;
  const auto rest = type.substr(5);
  const auto sep = rest.find("::");
  if (sep == std::string_view::npos) return std::nullopt;
  const std::string service = lower(rest.substr(0, sep));
  const std::string name = lower(rest.substr(sep + 2));
  for (const auto& t : aws::iam::resource_types(service)) {
    if (lower(t.name) == name) return aws::iam::arn_format_pattern(t.arn, kUnknownPart);
  }
  return std::nullopt;
}

std::string clean(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), kUnknownPart, '?');
  return out;
}

class PolicyReader {
 public:
  PolicyReader(std::string_view source, const Document& doc, Dialect dialect) : source_(source), doc_(doc), dialect_(dialect) {}

  Policy read(NodeId node, PolicyUse use, std::string owner) {
    Policy p;
    p.document = &doc_;
    p.node = node;
    p.use = use;
    p.dialect = dialect_;
    p.owner = std::move(owner);
    const NodeId statements = doc_.get(node, "Statement");
    if (template_function(statements)) {
      p.statements_unresolved = true;
    } else if (doc_.is(statements, NodeKind::object)) {
      p.statements.push_back(statement(statements));
    } else if (doc_.is(statements, NodeKind::array)) {
      for (const NodeId s : doc_.items(statements)) {
        if (template_function(s)) {
          p.statements_unresolved = true;
        } else if (doc_.is(s, NodeKind::object)) {
          p.statements.push_back(statement(s));
        }
      }
    }
    return p;
  }

  /// Resources of the template by logical ID, for Fn::GetAtt X.Arn.
  void set_resource_types(std::map<std::string, std::string_view, std::less<>> types) { types_ = std::move(types); }

 private:
  bool template_function(NodeId node) const { return dialect_ == Dialect::cloudformation && is_intrinsic(doc_, node); }

  PolicyStatement statement(NodeId node) {
    PolicyStatement s;
    s.node = node;
    s.span = doc_.node(node).span;
    s.sid = text(doc_, node, "Sid");
    s.effect = text(doc_, node, "Effect");
    s.principal = doc_.get(node, "Principal");
    if (s.principal == syntax::kNoNode) s.principal = doc_.get(node, "NotPrincipal");
    s.action_node = doc_.get(node, "Action");
    if (s.action_node == syntax::kNoNode) {
      s.action_node = doc_.get(node, "NotAction");
      s.not_action = s.action_node != syntax::kNoNode;
    }
    s.resource_node = doc_.get(node, "Resource");
    if (s.resource_node == syntax::kNoNode) {
      s.resource_node = doc_.get(node, "NotResource");
      s.not_resource = s.resource_node != syntax::kNoNode;
    }
    s.actions_unresolved = !values(s.action_node, s.actions);
    s.resources_unresolved = !values(s.resource_node, s.resources);
    return s;
  }

  // A string or a list of strings; false when some of it cannot be read.
  bool values(NodeId node, std::vector<PolicyValue>& out) {
    if (node == syntax::kNoNode) return true;
    if (doc_.is(node, NodeKind::array)) {
      bool all = true;
      for (const NodeId item : doc_.items(node)) all = value(item, out) && all;
      return all;
    }
    return value(node, out);
  }

  bool value(NodeId node, std::vector<PolicyValue>& out) {
    if (doc_.is(node, NodeKind::string)) {
      out.push_back({Text{std::string(doc_.node(node).text), doc_.node(node).span, node}, std::string(doc_.node(node).text), true, {}});
      with_wildcards(out.back());
      return true;
    }
    if (!template_function(node)) return false;  // not a string: the schema says so
    const auto shape = flatten_template_text(
        source_, doc_, node,
        [&](const TextReference& r) {
          if (r.attribute == "Arn") {
            if (const auto it = types_.find(r.name); it != types_.end()) {
              if (auto arn = arn_shape_of_type(it->second)) return *arn;
            }
          }
          return std::string(1, kUnknownPart);
        },
        std::string_view(&kUnknownPart, 1), [](std::string_view t) { return clean(t); });
    if (!shape) return false;
    out.push_back({Text{"", doc_.node(node).span, node}, *shape, false, {}});
    with_wildcards(out.back());
    return true;
  }

  // as_pattern() fills `wildcards` only where the shape has an unknown part.
  static void with_wildcards(PolicyValue& v) { static_cast<void>(as_pattern(v.shape, v.wildcards)); }

  std::string_view source_;
  const Document& doc_;
  Dialect dialect_;
  std::map<std::string, std::string_view, std::less<>> types_;
};

// The logical IDs a list of !Ref names (Roles: [!Ref PipelineRole]).
std::vector<std::string> referenced(const Document& doc, NodeId list) {
  std::vector<std::string> out;
  const auto add = [&](NodeId item) {
    if (!doc.is(item, NodeKind::object)) return;
    const NodeId ref = doc.get(item, "Ref");
    if (doc.is(ref, NodeKind::string) && doc.members(item).size() == 1) out.emplace_back(doc.node(ref).text);
  };
  if (doc.is(list, NodeKind::array)) {
    for (const NodeId item : doc.items(list)) add(item);
  } else {
    add(list);
  }
  return out;
}

class TemplatePolicyLowerer {
 public:
  TemplatePolicyLowerer(const source::SourceSet& sources, const Document& doc, TemplatePolicies& out)
      : out_(out), doc_(doc), reader_(sources.file(doc_.file()).text(), doc_, Dialect::cloudformation) {}

  void run() {
    const auto resources = template_resources(doc_);
    std::map<std::string, std::string_view, std::less<>> types;
    for (const auto& r : resources) types.emplace(r.member->key, r.type);
    reader_.set_resource_types(types);
    // Managed policies a role names in ManagedPolicyArns: [!Ref Policy].
    std::map<std::string, std::vector<std::string>, std::less<>> managed_by;
    bool attachments_known = true;  // every policy of the template says which roles it is for by !Ref
    for (const auto& r : resources) {
      if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::ManagedPolicy" || r.type == "AWS::IAM::RolePolicy") {
        const NodeId roles = doc_.get(r.properties, r.type == "AWS::IAM::RolePolicy" ? "RoleName" : "Roles");
        const std::size_t count = doc_.is(roles, NodeKind::array) ? doc_.items(roles).size() : roles == syntax::kNoNode ? 0 : 1;
        if (referenced(doc_, roles).size() != count) attachments_known = false;
      }
      if (r.type != "AWS::IAM::Role") continue;
      for (auto& id : referenced(doc_, doc_.get(r.properties, "ManagedPolicyArns"))) managed_by[id].emplace_back(r.member->key);
    }
    for (const auto& r : resources) {
      if (r.type == "AWS::IAM::Role") role(r, attachments_known);
    }
    for (const auto& r : resources) {
      if (!doc_.is(r.properties, NodeKind::object)) continue;
      const std::string id(r.member->key);
      const Text logical_id{id, r.member->key_span, r.member->value};
      const auto add = [&](std::string_view key, PolicyUse use, std::string owner, std::vector<std::string> roles = {}) {
        policy(doc_.get(r.properties, key), use, std::move(owner), logical_id, std::move(roles));
      };
      if (r.type == "AWS::IAM::Role") {
        add("AssumeRolePolicyDocument", PolicyUse::trust, fmt::format("the trust policy of role {}", util::quote(id)));
        inline_policies(r, fmt::format("role {}", util::quote(id)), logical_id, {id});
      } else if (r.type == "AWS::IAM::User" || r.type == "AWS::IAM::Group") {
        inline_policies(r, fmt::format("{} {}", r.type == "AWS::IAM::User" ? "user" : "group", util::quote(id)), logical_id, {});
      } else if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::ManagedPolicy") {
        std::vector<std::string> roles = referenced(doc_, doc_.get(r.properties, "Roles"));
        if (const auto it = managed_by.find(id); it != managed_by.end()) roles.insert(roles.end(), it->second.begin(), it->second.end());
        add("PolicyDocument", PolicyUse::identity, fmt::format("policy {}", util::quote(id)), std::move(roles));
      } else if (r.type == "AWS::IAM::RolePolicy") {
        add("PolicyDocument", PolicyUse::identity, fmt::format("policy {}", util::quote(id)),
            referenced(doc_, doc_.get(r.properties, "RoleName")));
      } else if (r.type == "AWS::ECR::Repository") {
        add("RepositoryPolicyText", PolicyUse::resource, fmt::format("the policy of repository {}", util::quote(id)));
      } else if (r.type == "AWS::ECR::RegistryPolicy") {
        add("PolicyText", PolicyUse::resource, fmt::format("registry policy {}", util::quote(id)));
      } else if (r.type == "AWS::S3::BucketPolicy" || r.type == "AWS::SNS::TopicPolicy" || r.type == "AWS::SQS::QueuePolicy") {
        add("PolicyDocument", PolicyUse::resource, fmt::format("policy {}", util::quote(id)));
      } else if (r.type == "AWS::KMS::Key") {
        add("KeyPolicy", PolicyUse::resource, fmt::format("the key policy of {}", util::quote(id)));
      }
    }
  }

 private:
  void role(const Resource& r, bool attachments_known) {
    Role out;
    out.document = &doc_;
    out.logical_id = key_text(*r.member);
    if (doc_.is(r.properties, NodeKind::object)) out.name = text(doc_, r.properties, "RoleName");
    const NodeId managed = doc_.get(r.properties, "ManagedPolicyArns");
    const std::size_t managed_count = doc_.is(managed, NodeKind::array) ? doc_.items(managed).size() : managed == syntax::kNoNode ? 0 : 1;
    const NodeId policies = doc_.get(r.properties, "Policies");
    bool policies_written = policies == syntax::kNoNode || doc_.is(policies, NodeKind::array);
    for (const NodeId item : doc_.items(policies)) {
      if (is_intrinsic(doc_, item) || is_intrinsic(doc_, doc_.get(item, "PolicyDocument"))) policies_written = false;
    }
    out.policies_known = attachments_known && policies_written && !is_intrinsic(doc_, policies) &&
                         referenced(doc_, managed).size() == managed_count;
    out_.roles.push_back(std::move(out));
  }

  // Policies: [{PolicyName, PolicyDocument}] of a role, user or group.
  void inline_policies(const Resource& r, const std::string& holder, const Text& logical_id, const std::vector<std::string>& roles) {
    const NodeId list = doc_.get(r.properties, "Policies");
    if (!doc_.is(list, NodeKind::array)) return;
    for (const NodeId item : doc_.items(list)) {
      const auto name = text(doc_, item, "PolicyName");
      policy(doc_.get(item, "PolicyDocument"), PolicyUse::identity,
             name ? fmt::format("policy {} of {}", util::quote(name->value), holder) : "a policy of " + holder, logical_id, roles);
    }
  }

  void policy(NodeId node, PolicyUse use, std::string owner, const Text& logical_id, std::vector<std::string> roles) {
    if (node == syntax::kNoNode || is_intrinsic(doc_, node)) return;
    TemplatePolicies::Entry entry;
    Policy& p = entry.policy;
    if (doc_.is(node, NodeKind::string)) {
      // A policy given as text: read when added (add_template_policies).
      entry.text = node;
      p.use = use;
      p.owner = std::move(owner);
    } else if (doc_.is(node, NodeKind::object)) {
      p = reader_.read(node, use, std::move(owner));
    } else {
      return;
    }
    p.in_template = true;
    p.logical_id = logical_id;
    p.roles = std::move(roles);
    out_.policies.push_back(std::move(entry));
  }

  TemplatePolicies& out_;
  const Document& doc_;
  PolicyReader reader_;
};

bool assumes_roles_only(const Policy& p) {
  return !p.statements.empty() && std::all_of(p.statements.begin(), p.statements.end(), [](const PolicyStatement& s) {
    return !s.actions.empty() && std::all_of(s.actions.begin(), s.actions.end(), [](const PolicyValue& a) {
      return a.literal && lower(a.text.value).starts_with("sts:assumerole");
    });
  });
}

}  // namespace

TemplatePolicies lower_template_policies(const source::SourceSet& sources, const Document& resolved) {
  TemplatePolicies out;
  if (!resolved.empty()) TemplatePolicyLowerer(sources, resolved, out).run();
  return out;
}

void add_template_policies(Workspace& ws, LoadedFile& file, TemplatePolicies policies) {
  ws.roles.insert(ws.roles.end(), std::make_move_iterator(policies.roles.begin()),
                  std::make_move_iterator(policies.roles.end()));
  for (auto& [p, text] : policies.policies) {
    if (text != syntax::kNoNode) {
      // A document of its own, read like a policy file.
      const Document* inner = read_embedded_json(ws, file, *file.document, text);
      if (inner == nullptr || !inner->is(inner->root(), NodeKind::object)) continue;
      Policy read = PolicyReader(ws.sources.file(inner->file()).text(), *inner, Dialect::api).read(inner->root(), p.use, std::move(p.owner));
      read.in_template = p.in_template;
      read.logical_id = std::move(p.logical_id);
      read.roles = std::move(p.roles);
      p = std::move(read);
    }
    ws.policies.push_back(std::move(p));
  }
}

void lower_policy_file(Workspace& ws, const Document& doc) {
  if (doc.empty() || !doc.is(doc.root(), NodeKind::object)) return;
  PolicyReader reader(ws.sources.file(doc.file()).text(), doc, Dialect::api);
  Policy p = reader.read(doc.root(), PolicyUse::identity, "the policy");
  const bool principals = std::any_of(p.statements.begin(), p.statements.end(),
                                      [](const PolicyStatement& s) { return s.principal != syntax::kNoNode; });
  if (principals) p.use = assumes_roles_only(p) ? PolicyUse::trust : PolicyUse::resource;
  if (p.use == PolicyUse::trust) p.owner = "the trust policy";
  ws.policies.push_back(std::move(p));
}

}  // namespace pipec::model
