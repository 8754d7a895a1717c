#include <fmt/core.h>

#include <algorithm>

#include "aws/cloudformation_spec.h"
#include "check/rule.h"
#include "model/cloudformation.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_resource_property {
namespace {

namespace cfn = aws::cfn;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

// The resource types whose properties pipec checks against schemas of its own
// (CP0111, CP0112), with patterns AWS's model lacks: not checked twice.
bool checked_elsewhere(std::string_view type) {
  return type == model::kPipelineResource || type == model::kEventRuleResource;
}

// Properties `aws cloudformation package` (and `sam package`) replace: a
// local path written there is uploaded and becomes the object the type wants.
bool packaged_path(std::string_view type, std::string_view property) {
  static constexpr std::pair<std::string_view, std::string_view> kPackaged[] = {
      {"AWS::Lambda::Function", "Code"},
      {"AWS::Lambda::LayerVersion", "Content"},
      {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
      {"AWS::ApiGateway::RestApi", "BodyS3Location"},
      {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
      {"AWS::AppSync::FunctionConfiguration", "CodeS3Location"},
  };
  return std::any_of(std::begin(kPackaged), std::end(kPackaged), [&](const auto& p) { return p.first == type && p.second == property; });
}

// What a resource may hold besides its Type and Properties.
constexpr std::string_view kResourceAttributes[] = {"Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy",
                                                     "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Description"};

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view kind_phrase(cfn::ValueKind kind) {
  switch (kind) {
    case cfn::ValueKind::string: return "a string";
    case cfn::ValueKind::integer: return "an integer";
    case cfn::ValueKind::number: return "a number";
    case cfn::ValueKind::boolean: return "a boolean";
    case cfn::ValueKind::timestamp: return "a timestamp";
    case cfn::ValueKind::list: return "a list";
    case cfn::ValueKind::map: return "a map";
    case cfn::ValueKind::object:
    case cfn::ValueKind::tag: return "an object";
    case cfn::ValueKind::json:
    case cfn::ValueKind::any: return "a value";
  }
  return "a value";
}

class Checker {
 public:
  Checker(const Document& doc, check::Reporter& out) : doc_(doc), out_(out) {}

  void object(NodeId node, cfn::ObjectType type, std::string_view resource, int depth = 0) {
    if (depth > 64) return;
    if (const auto branches = if_branches(node)) {
      for (const NodeId branch : *branches) object(branch, type, resource, depth + 1);
      return;
    }
    if (model::is_intrinsic(doc_, node) || !doc_.is(node, NodeKind::object)) return;
    const auto properties = type.properties();
    std::vector<std::string> names;
    for (const auto& p : properties) names.emplace_back(p.name);
    for (const auto& m : doc_.members(node)) {
      const auto property = type.property(m.key);
      if (depth == 0 && doc_.is(m.value, NodeKind::string) && packaged_path(resource, m.key)) continue;
      if (!property) {
        auto& f = out_.report(m.key_span, fmt::format("{} has no property {}", depth == 0 ? std::string(resource) : "this " + std::string(type.name()),
                                                      util::quote(m.key)))
                      .with_label("unknown property");
        if (const auto guess = util::closest_match(m.key, names)) {
          f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
        } else {
          f.with_note(fmt::format("its properties: {}", util::quote_list(names, "and", 24)));
        }
        continue;
      }
      value(m.value, property->type, resource, depth + 1);
    }
    // Whether a required property is there can only be told when the
    // object is all written out: a function (Fn::If) among its members may
    // supply it.
    for (const auto& p : properties) {
      if (!p.required || doc_.get(node, p.name) != syntax::kNoNode) continue;
      out_.report(doc_.name_span(node), fmt::format("{} is missing required property {}",
                                                    depth == 0 ? std::string(resource) : "this " + std::string(type.name()),
                                                    util::quote(p.name)))
          .with_label(fmt::format("needs {}", util::quote(p.name)));
    }
  }

  void value(NodeId node, cfn::ValueType type, std::string_view resource, int depth) {
    if (node == syntax::kNoNode || depth > 64) return;
    if (model::is_intrinsic(doc_, node)) {
      // An Fn::If left by the evaluator has a condition only a deployment
      // decides: each branch is a value the property may get.
      if (const auto branches = if_branches(node)) {
        for (const NodeId branch : *branches) value(branch, type, resource, depth + 1);
      }
      // A parameter without a Default is one of its AllowedValues.
      for (const NodeId allowed : allowed_values(node)) value(allowed, type, resource, depth + 1);
      return;
    }
    const auto& n = doc_.node(node);
    switch (type.kind()) {
      case cfn::ValueKind::any:
      case cfn::ValueKind::json: return;
      case cfn::ValueKind::string:
      case cfn::ValueKind::timestamp:
        // CloudFormation turns numbers and booleans into strings where strings are wanted.
        if (n.kind == NodeKind::object || n.kind == NodeKind::array) return wrong(node, type);
        return allowed(node, type);
      case cfn::ValueKind::integer:
      case cfn::ValueKind::number:
        if (n.kind == NodeKind::number) return allowed(node, type);
        if (n.kind == NodeKind::string && numeric(n.text, type.kind() == cfn::ValueKind::integer)) return allowed(node, type);
        return wrong(node, type);
      case cfn::ValueKind::boolean:
        // CloudFormation reads "true" and "false" in any case ("True", "FALSE").
        if (n.kind == NodeKind::boolean || (n.kind == NodeKind::string && (lowercase(n.text) == "true" || lowercase(n.text) == "false"))) return;
        return wrong(node, type);
      case cfn::ValueKind::list:
        if (n.kind != NodeKind::array) return wrong(node, type);
        for (const NodeId item : doc_.items(node)) value(item, type.element(), resource, depth + 1);
        return;
      case cfn::ValueKind::map:
        if (n.kind != NodeKind::object) return wrong(node, type);
        for (const auto& m : doc_.members(node)) value(m.value, type.element(), resource, depth + 1);
        return;
      case cfn::ValueKind::tag:
        if (n.kind != NodeKind::object) return wrong(node, type);
        return;
      case cfn::ValueKind::object:
        if (n.kind != NodeKind::object) return wrong(node, type);
        return object(node, type.object(), resource, depth);
    }
  }

 private:
  // The two values of {"Fn::If": [condition, a, b]}, without AWS::NoValue.
  std::optional<std::vector<NodeId>> if_branches(NodeId node) const {
    if (!model::is_intrinsic(doc_, node) || doc_.members(node).front().key != "Fn::If") return std::nullopt;
    const auto args = doc_.items(doc_.members(node).front().value);
    if (args.size() != 3) return std::nullopt;
    std::vector<NodeId> out;
    for (const NodeId branch : {args[1], args[2]}) {
      const NodeId ref = doc_.get(branch, "Ref");
      if (doc_.is(ref, NodeKind::string) && doc_.node(ref).text == "AWS::NoValue") continue;
      out.push_back(branch);
    }
    return out;
  }

  // The AllowedValues of the parameter {"Ref": P} names, when P has no Default
  // (with one, the evaluator has put the Default in its place).
  std::vector<NodeId> allowed_values(NodeId node) const {
    const NodeId ref = doc_.get(node, "Ref");
    if (!doc_.is(ref, NodeKind::string)) return {};
    const NodeId parameter = doc_.get(doc_.get(doc_.root(), "Parameters"), doc_.node(ref).text);
    if (parameter == syntax::kNoNode || doc_.get(parameter, "Default") != syntax::kNoNode) return {};
    const NodeId allowed = doc_.get(parameter, "AllowedValues");
    if (!doc_.is(allowed, NodeKind::array)) return {};
    const auto items = doc_.items(allowed);
    return {items.begin(), items.end()};
  }

  static bool numeric(std::string_view text, bool integer) {
    if (text.empty()) return false;
    std::size_t i = text[0] == '-' ? 1 : 0;
    bool digits = false, point = false;
    for (; i < text.size(); ++i) {
      if (text[i] >= '0' && text[i] <= '9') {
        digits = true;
      } else if (text[i] == '.' && !integer && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digits;
  }

  // What a message calls a value: its key, or for a branch of Fn::If, the
  // key of the If and the condition that takes the branch.
  std::string subject(NodeId node) const {
    const auto& n = doc_.node(node);
    const NodeId args = n.parent;
    if (args != syntax::kNoNode && doc_.is(args, NodeKind::array) && n.slot >= 1) {
      const NodeId fn = doc_.node(args).parent;
      if (fn != syntax::kNoNode && model::is_intrinsic(doc_, fn) && doc_.members(fn).front().key == "Fn::If") {
        const auto items = doc_.items(args);
        const std::string condition = doc_.is(items[0], NodeKind::string) ? std::string(doc_.node(items[0]).text) : "its condition";
        return fmt::format("{} ({} {})", doc_.display_name(fn), n.slot == 1 ? "if" : "unless", condition);
      }
    }
    // An allowed value of a parameter: Parameters > P > AllowedValues > item.
    if (args != syntax::kNoNode && doc_.is(args, NodeKind::array)) {
      const syntax::Member* list = doc_.owning_member(args);
      const NodeId parameter = doc_.node(args).parent;
      const syntax::Member* owner = parameter == syntax::kNoNode ? nullptr : doc_.owning_member(parameter);
      if (list != nullptr && list->key == "AllowedValues" && owner != nullptr &&
          doc_.node(parameter).parent == doc_.get(doc_.root(), "Parameters")) {
        return fmt::format("parameter {}'s allowed value", util::quote(owner->key));
      }
    }
    return doc_.display_name(node);
  }

  void wrong(NodeId node, cfn::ValueType type) {
    const auto& n = doc_.node(node);
    out_.report(n.span, fmt::format("{} is {}, expected {}", subject(node), syntax::describe(n.kind), kind_phrase(type.kind())))
        .with_label(fmt::format("{} here", syntax::describe(n.kind)));
  }

  void allowed(NodeId node, cfn::ValueType type) {
    const auto values = type.allowed_values();
    const auto& n = doc_.node(node);
    if (values.empty() || n.kind == NodeKind::object || n.kind == NodeKind::array) return;
    const std::string text = n.kind == NodeKind::boolean ? (n.boolean ? "true" : "false") : std::string(n.text);
    if (std::find(values.begin(), values.end(), text) != values.end()) return;
    std::vector<std::string> names(values.begin(), values.end());
    auto& f = out_.report(n.span, fmt::format("{} is {}, expected {}", subject(node), util::quote(text),
                                              names.size() <= 8 ? "one of " + util::quote_list(names) : "one of its allowed values"))
                  .with_label("not an allowed value");
    if (const auto guess = util::closest_match(text, names)) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    if (names.size() > 8) f.with_note(fmt::format("allowed: {}", util::quote_list(names, "and", 40)));
  }

  const Document& doc_;
  check::Reporter& out_;
};

// The keys of the resource object itself: Type, Properties and the
// attributes CloudFormation has (the pipeline's and the rule's are checked
// by CP0111 and CP0112).
void resource_keys(const Document& doc, const model::Resource& r, check::Reporter& out) {
  if (checked_elsewhere(r.type) || !doc.is(r.member->value, NodeKind::object)) return;
  std::vector<std::string> names(std::begin(kResourceAttributes), std::end(kResourceAttributes));
  // Custom resources were long documented with a Version ("1.0").
  const bool custom = r.type.starts_with("Custom::") || r.type == "AWS::CloudFormation::CustomResource";
  for (const auto& m : doc.members(r.member->value)) {
    if (std::find(std::begin(kResourceAttributes), std::end(kResourceAttributes), m.key) != std::end(kResourceAttributes)) continue;
    if (custom && m.key == "Version") continue;
    auto& f = out.report(m.key_span, fmt::format("resource {} has key {}, which is not a resource attribute", util::quote(r.member->key),
                                                 util::quote(m.key)))
                  .with_label("not a resource attribute");
    if (const auto guess = util::closest_match(m.key, names)) {
      f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    } else {
      f.with_help(fmt::format("a property goes under Properties; a resource holds {}", util::quote_list(names, "and")));
    }
  }
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    const Document& doc = *file.document;
    // A macro may rewrite any resource: what is written is not what CloudFormation reads.
    if (model::has_macro_transform(doc)) continue;
    for (const auto& r : model::template_resources(doc)) {
      resource_keys(doc, r, out);
      if (checked_elsewhere(r.type)) continue;
      // A custom resource's properties are its provider's: only ServiceToken is CloudFormation's.
      if (r.type == "AWS::CloudFormation::CustomResource") continue;
      const auto spec = cfn::find_resource_type(r.type);
      if (!spec) continue;  // CP0116 says when the type itself is unknown
      const NodeId properties = r.properties;
      if (properties == syntax::kNoNode) {
        const auto all = spec->properties().properties();
        const bool needs = std::any_of(all.begin(), all.end(), [](const cfn::Property& p) { return p.required; });
        if (needs) {
          out.report(r.member->key_span, fmt::format("{} {} has no Properties, and its type requires some", util::quote(r.member->key), r.type))
              .with_label("no Properties");
        }
        continue;
      }
      Checker(doc, out).object(properties, spec->properties(), r.type);
    }
  }
}

}  // namespace
}  // namespace invalid_resource_property

extern const check::Rule kInvalidResourceProperty{
    {
        .id = "CP0115",
        .name = "invalid-resource-property",
        .category = "cloudformation",
        .default_severity = diag::Severity::error,
        .summary = "a CloudFormation resource has a property its type does not have, lacks one it requires, or has a value of the wrong type or not allowed",
        .rationale = R"md(## What it checks
The `Properties` of every resource of the types AWS's resource model describes for this domain (CodePipeline,
EventBridge, ECS, ECR, IAM, CodeBuild, CodeDeploy, S3, KMS, SNS, Lambda, Logs, CodeStar notifications and
connections, SSM, Secrets Manager, load balancers, application autoscaling, SQS, and the EC2 types an ECS
service's network needs), at every depth: each property is one the type has (with the nearest name when it is
not), the required ones are there, each value has the property's type (CloudFormation turns numbers and booleans
into strings where strings are wanted, and numeric strings into numbers), and a value with a set of allowed values
is one of them (`LaunchType: Fargate` is not `FARGATE`). Values are checked after the template's functions are
evaluated (CP0114): a parameter's default is checked at its token; a value only a deployment knows is not.
`AWS::CodePipeline::Pipeline` and `AWS::Events::Rule` are checked by CP0111 and CP0112, with more detail.

A resource holds only `Type`, `Properties` and CloudFormation's resource attributes (`DependsOn`, `Condition`,
`Metadata`, `DeletionPolicy`, `UpdateReplacePolicy`, `UpdatePolicy`, `CreationPolicy`, and `Description`,
which CloudFormation accepts). Not checked: the properties of `AWS::CloudFormation::CustomResource` (its
provider defines them), a local path where `aws cloudformation package` uploads one (a Lambda function's
`Code: ./src`), and every resource of a template whose `Transform` names a macro of its own (the macro may
rewrite it). A parameter with no `Default` is each of its `AllowedValues`, and both branches of an `Fn::If`
whose condition only a deployment decides are checked; a finding at one of these values is a warning.

## Why it matters
CloudFormation refuses such a resource when the stack is created or updated (`Properties validation failed`,
`Encountered unsupported property`), after the change is merged, and rolls the stack back.

## How to fix
Correct the property's name or value; the help names the nearest property or allowed value.

## References
- AWS CloudFormation User Guide: resource and property reference (the model is `@aws-cdk/aws-service-spec`, built
  from the CloudFormation registry schemas)
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
    },
    invalid_resource_property::check};

}  // namespace pipec::rules
