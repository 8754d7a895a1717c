#include "model/cfn_resolve.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

#include "aws/cfn_sub.h"
#include "aws/cloudformation_spec.h"
#include "model/cloudformation.h"
#include "syntax/decoded_string.h"
#include "syntax/pending_children.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::kNoNode;
using syntax::NodeId;
using syntax::NodeKind;

constexpr std::string_view kPseudoParameters[] = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
                                                  "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};

// What a value is, statically.
struct Value {
  enum class Kind { unknown, no_value, node, text, list };
  Kind kind = Kind::unknown;
  NodeId node = kNoNode;  ///< Kind::node: a node of the template whose resolved copy is the value
  std::string text;       ///< Kind::text: text built from known parts
  source::Span span;      ///< Kind::text: where it was built
  std::vector<std::string> items;  ///< Kind::list: texts (Fn::Split)

  static Value unknown() { return {}; }
  static Value of(NodeId n) { return {Kind::node, n, {}, {}, {}}; }
  static Value built(std::string t, source::Span at) { return {Kind::text, kNoNode, std::move(t), at, {}}; }
};

class Resolver {
 public:
  Resolver(const source::SourceSet& sources, const Document& in) : sources_(sources), in_(in), out_(in.file()) {
    out_.reserve_like(in);
    const NodeId root = in.root();
    // A transform (SAM, a macro) adds resources of its own: a name that is
    // not among the template's resources may be one of them.
    transformed_ = in.get(root, "Transform") != kNoNode;
    for (const char* section : {"Parameters", "Mappings", "Conditions", "Resources"}) {
      for (const auto& m : in.members(in.get(root, section))) sections_[section].emplace(m.key, &m);
    }
  }

  ResolvedTemplate run() {
    ResolvedTemplate result;
    const NodeId root = in_.root();
    if (root != kNoNode) {
      // Conditions first, each once, so a reference to a missing one is said
      // where it is written even if nothing uses it.
      for (const auto& [name, member] : sections_["Conditions"]) (void)condition(name, member->key_span);
      // What resources and outputs name by name: a condition, resources they depend on.
      for (const char* section : {"Resources", "Outputs"}) {
        for (const auto& m : in_.members(in_.get(root, section))) {
          if (const NodeId c = in_.get(m.value, "Condition"); in_.is(c, NodeKind::string)) {
            (void)condition(in_.node(c).text, in_.node(c).span);
          }
          const NodeId depends = in_.get(m.value, "DependsOn");
          const auto check = [&](NodeId d) {
            if (in_.is(d, NodeKind::string) && section_member("Resources", in_.node(d).text) == nullptr && !transformed_) {
              missing(in_.node(d).span, fmt::format("{} is not a resource of this template", util::quote(in_.node(d).text)),
                      in_.node(d).text, names("Resources"));
            }
          };
          check(depends);
          for (const NodeId d : in_.items(depends)) check(d);
        }
      }
      out_.set_root(build(root));
    }
    result.document = std::move(out_);
    result.issues = std::move(issues_);
    return result;
  }

 private:
  // -- references to nothing ----------------------------------------------------------------

  void missing(source::Span at, std::string what, std::string_view name, std::vector<std::string> candidates,
               std::string help = {}) {
    for (const auto& i : issues_) {
      if (i.span == at) return;  // once per token
    }
    syntax::Issue issue{syntax::IssueKind::cfn_reference, at, std::move(what), "defined nowhere", {}, {}};
    if (const auto guess = util::closest_match(name, candidates)) {
      issue.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
    } else if (!help.empty()) {
      issue.help.push_back(std::move(help));
    }
    issues_.push_back(std::move(issue));
  }

  std::vector<std::string> names(const char* section) {
    std::vector<std::string> out;
    for (const auto& [name, member] : sections_[section]) out.push_back(name);
    return out;
  }

  std::vector<std::string> referable() {
    std::vector<std::string> out = names("Parameters");
    for (auto& n : names("Resources")) out.push_back(std::move(n));
    for (const auto p : kPseudoParameters) out.emplace_back(p);
    return out;
  }

  const syntax::Member* section_member(const char* section, std::string_view name) {
    const auto& map = sections_[section];
    const auto it = map.find(std::string(name));
    return it == map.end() ? nullptr : it->second;
  }

  // -- evaluation --------------------------------------------------------------------------------

  // The text of a known scalar value.
  std::optional<std::string> scalar(const Value& v) {
    if (v.kind == Value::Kind::text) return v.text;
    if (v.kind != Value::Kind::node) return std::nullopt;
    const auto& n = in_.node(v.node);
    switch (n.kind) {
      case NodeKind::string:
      case NodeKind::number: return std::string(n.text);
      case NodeKind::boolean: return n.boolean ? "true" : "false";
      default: return std::nullopt;
    }
  }

  std::optional<std::string> scalar_of(NodeId n) { return scalar(eval(n)); }

  // A reference by name: a parameter (its Default), a pseudo-parameter, a
  // resource. `at` is where the name is written.
  Value reference(std::string_view name, source::Span at) {
    if (name == "AWS::NoValue") return Value{Value::Kind::no_value, kNoNode, {}, {}, {}};
    if (is_pseudo_parameter(name)) return Value::unknown();
    if (const auto* p = section_member("Parameters", name)) {
      const NodeId fallback = in_.get(p->value, "Default");
      if (fallback == kNoNode || is_intrinsic(in_, fallback)) return Value::unknown();
      const NodeId type_node = in_.get(p->value, "Type");
      const std::string type = in_.is(type_node, NodeKind::string) ? std::string(in_.node(type_node).text) : "";
      // An SSM parameter type's default is the name of a parameter in the
      // Parameter Store: its value only a deployment reads.
      if (type.starts_with("AWS::SSM::Parameter::")) return Value::unknown();
      // A list type's default is its items, comma-separated.
      if ((type.starts_with("List<") || type == "CommaDelimitedList") && in_.is(fallback, NodeKind::string)) {
        Value v{Value::Kind::list, kNoNode, {}, in_.node(fallback).span, {}};
        const std::string_view text = in_.node(fallback).text;
        std::size_t start = 0;
        for (;;) {
          const auto comma = text.find(',', start);
          std::string item(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          item.erase(0, item.find_first_not_of(' '));
          item.erase(item.find_last_not_of(' ') + 1);
          v.items.push_back(std::move(item));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        return v;
      }
      return Value::of(fallback);
    }
    if (section_member("Resources", name) != nullptr || transformed_) return Value::unknown();
    missing(at, fmt::format("{} is not a parameter, resource or pseudo-parameter of this template", util::quote(name)), name,
            referable(), "declare it under Parameters or Resources");
    return Value::unknown();
  }

  // A resource's attribute, named by Fn::GetAtt or ${Resource.Attribute}.
  void attribute(std::string_view resource, std::string_view name, source::Span at) {
    const auto* r = section_member("Resources", resource);
    if (r == nullptr && transformed_) return;
    if (r == nullptr) {
      missing(at, fmt::format("{} is not a resource of this template", util::quote(resource)), resource, names("Resources"));
      return;
    }
    const NodeId type = in_.get(r->value, "Type");
    if (!in_.is(type, NodeKind::string)) return;
    const std::string_view type_name = in_.node(type).text;
    // Custom resources and nested stacks have the attributes their code or template gives them.
    if (type_name.starts_with("Custom::") || type_name == "AWS::CloudFormation::CustomResource" ||
        (type_name == "AWS::CloudFormation::Stack" && name.starts_with("Outputs."))) {
      return;
    }
    const auto spec = aws::cfn::find_resource_type(type_name);
    if (!spec || spec->has_attribute(name)) return;
    const auto attributes = spec->attributes();
    std::vector<std::string> candidates(attributes.begin(), attributes.end());
    missing(at, fmt::format("{} has no attribute {}; {} has {}", util::quote(resource), util::quote(name), spec->name(),
                            candidates.empty() ? std::string("none") : util::quote_list(candidates, "and")),
            name, candidates);
  }

  std::optional<bool> condition(std::string_view name, source::Span at) {
    const auto* c = section_member("Conditions", name);
    if (c == nullptr) {
      missing(at, fmt::format("{} is not a condition of this template", util::quote(name)), name, names("Conditions"),
              "declare it under Conditions");
      return std::nullopt;
    }
    const std::string key(name);
    if (const auto it = condition_values_.find(key); it != condition_values_.end()) return it->second;
    if (!evaluating_.insert(key).second) return std::nullopt;  // a loop: CloudFormation refuses it; unknown here
    const auto value = truth(c->value);
    evaluating_.erase(key);
    condition_values_[key] = value;
    return value;
  }

  // A condition function's value: Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition.
  std::optional<bool> truth(NodeId n, int depth = 0) {
    if (depth > 64 || !is_intrinsic(in_, n)) return std::nullopt;
    const auto& m = in_.members(n).front();
    const auto args = in_.items(m.value);
    if (m.key == "Condition") {
      if (!in_.is(m.value, NodeKind::string)) return std::nullopt;
      return condition(in_.node(m.value).text, in_.node(m.value).span);
    }
    if (m.key == "Fn::Equals") {
      if (args.size() != 2) return std::nullopt;
      const auto a = scalar_of(args[0]);
      const auto b = scalar_of(args[1]);
      if (!a || !b) return std::nullopt;
      return *a == *b;
    }
    if (m.key == "Fn::Not") {
      if (args.size() != 1) return std::nullopt;
      const auto v = truth(args[0], depth + 1);
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (m.key == "Fn::And" || m.key == "Fn::Or") {
      const bool all = m.key == "Fn::And";
      bool unknown = false;
      for (const NodeId a : args) {
        const auto v = truth(a, depth + 1);
        if (!v) {
          unknown = true;
        } else if (*v != all) {
          return !all;  // one false decides And, one true decides Or
        }
      }
      if (unknown) return std::nullopt;
      return all;
    }
    return std::nullopt;
  }

  Value eval(NodeId n, int depth = 0) {
    if (n == kNoNode || depth > 64) return Value::unknown();
    if (!is_intrinsic(in_, n)) return Value::of(n);
    const auto& m = in_.members(n).front();
    const auto args = in_.items(m.value);
    const source::Span at = in_.node(n).span;
    if (m.key == "Ref") {
      if (!in_.is(m.value, NodeKind::string)) return Value::unknown();
      const Value v = reference(in_.node(m.value).text, in_.node(m.value).span);
      return v.kind == Value::Kind::node ? eval(v.node, depth + 1) : v;
    }
    if (m.key == "Fn::GetAtt") {
      std::string resource, name;
      source::Span name_at = in_.node(m.value).span;
      if (in_.is(m.value, NodeKind::string)) {
        const std::string_view text = in_.node(m.value).text;
        const auto dot = text.find('.');
        resource = text.substr(0, dot);
        name = dot == std::string::npos ? "" : text.substr(dot + 1);
      } else if (args.size() == 2 && in_.is(args[0], NodeKind::string)) {
        resource = in_.node(args[0]).text;
        if (const auto attr = scalar_of(args[1])) name = *attr;
        name_at = in_.node(args[1]).span;
        if (section_member("Resources", resource) == nullptr) name_at = in_.node(args[0]).span;
      }
      if (!resource.empty()) attribute(resource, name, name_at);
      return Value::unknown();
    }
    if (m.key == "Fn::If") {
      if (args.size() != 3 || !in_.is(args[0], NodeKind::string)) return Value::unknown();
      const auto taken = condition(in_.node(args[0]).text, in_.node(args[0]).span);
      if (!taken) {
        // Both branches may be deployed: their references are checked all the same.
        (void)eval(args[1], depth + 1);
        (void)eval(args[2], depth + 1);
        return Value::unknown();
      }
      return eval(args[*taken ? 1 : 2], depth + 1);
    }
    if (m.key == "Fn::FindInMap") {
      if (args.size() < 3) return Value::unknown();
      const auto map_name = scalar_of(args[0]);
      if (!map_name) return Value::unknown();
      const auto* map = section_member("Mappings", *map_name);
      if (map == nullptr) {
        missing(in_.node(args[0]).span, fmt::format("{} is not a mapping of this template", util::quote(*map_name)), *map_name,
                names("Mappings"), "declare it under Mappings");
        return Value::unknown();
      }
      const auto first = scalar_of(args[1]);
      if (!first) return Value::unknown();
      const NodeId top = in_.get(map->value, *first);
      if (top == kNoNode) {
        std::vector<std::string> keys;
        for (const auto& k : in_.members(map->value)) keys.emplace_back(k.key);
        missing(in_.node(args[1]).span, fmt::format("mapping {} has no key {}", util::quote(*map_name), util::quote(*first)),
                *first, keys);
        return Value::unknown();
      }
      const auto second = scalar_of(args[2]);
      if (!second) return Value::unknown();
      const NodeId entry = in_.get(top, *second);
      if (entry == kNoNode) {
        std::vector<std::string> keys;
        for (const auto& k : in_.members(top)) keys.emplace_back(k.key);
        missing(in_.node(args[2]).span,
                fmt::format("mapping {} has no key {} under {}", util::quote(*map_name), util::quote(*second), util::quote(*first)),
                *second, keys);
        return Value::unknown();
      }
      return eval(entry, depth + 1);
    }
    if (m.key == "Fn::Sub") return substitute(m.value, at, depth);
    if (m.key == "Fn::Join") {
      if (args.size() != 2) return Value::unknown();
      const auto delimiter = scalar_of(args[0]);
      const auto parts = list(args[1], depth);
      if (!delimiter || !parts) return Value::unknown();
      std::string text;
      for (std::size_t i = 0; i < parts->size(); ++i) text += (i == 0 ? "" : *delimiter) + (*parts)[i];
      return Value::built(std::move(text), at);
    }
    if (m.key == "Fn::Select") {
      if (args.size() != 2) return Value::unknown();
      const auto index = scalar_of(args[0]);
      if (!index || index->empty() || index->size() > 6 ||
          !std::all_of(index->begin(), index->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Value::unknown();
      }
      const std::size_t i = std::stoul(*index);
      const Value from = eval(args[1], depth + 1);
      if (from.kind == Value::Kind::list) {
        return i < from.items.size() ? Value::built(from.items[i], at) : Value::unknown();
      }
      if (from.kind == Value::Kind::node && in_.is(from.node, NodeKind::array)) {
        const auto items = in_.items(from.node);
        return i < items.size() ? eval(items[i], depth + 1) : Value::unknown();
      }
      return Value::unknown();
    }
    if (m.key == "Fn::Split") {
      if (args.size() != 2) return Value::unknown();
      const auto delimiter = scalar_of(args[0]);
      const auto text = scalar_of(args[1]);
      if (!delimiter || !text || delimiter->empty()) return Value::unknown();
      Value v{Value::Kind::list, kNoNode, {}, at, {}};
      std::size_t start = 0;
      for (;;) {
        const auto found = text->find(*delimiter, start);
        v.items.push_back(text->substr(start, found == std::string::npos ? std::string::npos : found - start));
        if (found == std::string::npos) break;
        start = found + delimiter->size();
      }
      return v;
    }
    // Fn::ImportValue, Fn::GetAZs, Fn::Base64, Fn::Cidr, Fn::Transform, …:
    // only a deployment knows; their arguments' references are checked.
    if (in_.is(m.value, NodeKind::array)) {
      for (const NodeId a : args) (void)eval(a, depth + 1);
    } else {
      (void)eval(m.value, depth + 1);
    }
    return Value::unknown();
  }

  // The texts of a known list: an array of known scalars, or a Split.
  std::optional<std::vector<std::string>> list(NodeId n, int depth) {
    const Value v = eval(n, depth + 1);
    if (v.kind == Value::Kind::list) return v.items;
    if (v.kind != Value::Kind::node || !in_.is(v.node, NodeKind::array)) return std::nullopt;
    std::vector<std::string> out;
    bool known = true;
    for (const NodeId item : in_.items(v.node)) {
      const Value iv = eval(item, depth + 1);
      if (iv.kind == Value::Kind::no_value) continue;
      if (const auto t = scalar(iv)) {
        out.push_back(*t);
      } else {
        known = false;  // go on: every item's references are checked
      }
    }
    if (!known) return std::nullopt;
    return out;
  }

  // Fn::Sub: "text ${Name} ${Resource.Attribute} ${!Literal}", with an
  // optional map of its own variables.
  Value substitute(NodeId value, source::Span at, int depth) {
    NodeId text_node = value;
    NodeId variables = kNoNode;
    if (in_.is(value, NodeKind::array)) {
      const auto items = in_.items(value);
      if (items.empty()) return Value::unknown();
      text_node = items[0];
      if (items.size() > 1) variables = items[1];
    }
    if (!in_.is(text_node, NodeKind::string)) return Value::unknown();
    const auto decoded = syntax::decode_string(sources_.file(in_.file()).text(), in_, text_node);
    std::string out;
    bool known = true;
    for (const auto& piece : aws::split_sub(decoded.text)) {
      if (piece.kind != aws::SubPiece::Kind::reference) {
        out += piece.literal_text();
        continue;
      }
      const std::string name(piece.text);
      const source::Span name_at{in_.file(), decoded.offsets[piece.begin], decoded.offsets[piece.end]};
      if (const NodeId own = in_.get(variables, name); own != kNoNode) {
        if (const auto t = scalar(eval(own, depth + 1))) {
          out += *t;
        } else {
          known = false;
        }
        continue;
      }
      if (const auto dot = name.find('.'); dot != std::string::npos && !is_pseudo_parameter(name)) {
        attribute(name.substr(0, dot), name.substr(dot + 1), name_at);
        known = false;
        continue;
      }
      const Value v = reference(name, name_at);
      if (const auto t = v.kind == Value::Kind::node ? scalar(eval(v.node, depth + 1)) : std::nullopt) {
        out += *t;
      } else {
        known = false;
      }
    }
    if (!known) return Value::unknown();
    return Value::built(std::move(out), at);
  }

  // -- the resolved copy -------------------------------------------------------------------------

  static constexpr NodeId kRemoved = kNoNode - 1;  ///< AWS::NoValue: the member or item is not there

  NodeId copy_leaf(NodeId n) {
    syntax::Node node = in_.node(n);
    node.parent = kNoNode;
    node.slot = 0;
    node.first = 0;
    node.count = 0;
    return out_.add(std::move(node));
  }

  NodeId build(NodeId n, int depth = 0) {
    if (depth > 300) return copy_leaf(n);  // the readers cut deeper values; this only bounds the copy
    if (is_intrinsic(in_, n) && in_.members(n).front().key != "Condition") {
      const Value v = eval(n);
      switch (v.kind) {
        case Value::Kind::node: return build(v.node, depth + 1);
        case Value::Kind::no_value: return kRemoved;
        case Value::Kind::text: {
          syntax::Node node;
          node.kind = NodeKind::string;
          node.span = v.span;
          node.text = out_.keep(v.text);
          return out_.add(std::move(node));
        }
        case Value::Kind::list: {
          syntax::Node node;
          node.kind = NodeKind::array;
          node.span = v.span;
          const NodeId id = out_.add(std::move(node));
          std::vector<NodeId> items;
          for (const auto& t : v.items) {
            syntax::Node item;
            item.kind = NodeKind::string;
            item.span = v.span;
            item.text = out_.keep(t);
            items.push_back(out_.add(std::move(item)));
          }
          out_.attach_items(id, std::move(items));
          return id;
        }
        case Value::Kind::unknown: return copy_verbatim(n, depth);  // what only a deployment knows, as written
      }
    }
    const auto& node = in_.node(n);
    if (node.kind == NodeKind::object) {
      const NodeId id = copy_leaf(n);
      const auto children = pending_.mark();
      for (const auto& m : in_.members(n)) {
        const NodeId value = build(m.value, depth + 1);
        if (value != kRemoved) pending_.add_member({m.key, m.key_span, value});
      }
      pending_.close_object(out_, id, children);
      return id;
    }
    if (node.kind == NodeKind::array) {
      const NodeId id = copy_leaf(n);
      const auto children = pending_.mark();
      for (const NodeId item : in_.items(n)) {
        const NodeId value = build(item, depth + 1);
        if (value != kRemoved) pending_.add_item(value);
      }
      pending_.close_array(out_, id, children);
      return id;
    }
    return copy_leaf(n);
  }

  NodeId copy_verbatim(NodeId n, int depth) {
    const NodeId id = copy_leaf(n);
    const auto& node = in_.node(n);
    const auto children = pending_.mark();
    if (node.kind == NodeKind::object) {
      for (const auto& m : in_.members(n)) {
        pending_.add_member({m.key, m.key_span, depth > 300 ? copy_leaf(m.value) : copy_verbatim(m.value, depth + 1)});
      }
      pending_.close_object(out_, id, children);
    } else if (node.kind == NodeKind::array) {
      for (const NodeId item : in_.items(n)) pending_.add_item(depth > 300 ? copy_leaf(item) : copy_verbatim(item, depth + 1));
      pending_.close_array(out_, id, children);
    }
    return id;
  }

  const source::SourceSet& sources_;
  const Document& in_;
  Document out_;
  syntax::PendingChildren pending_;  ///< the members and items of the values being copied
  std::vector<syntax::Issue> issues_;
  std::map<std::string, std::map<std::string, const syntax::Member*>> sections_;
  std::map<std::string, std::optional<bool>> condition_values_;
  std::set<std::string> evaluating_;
  bool transformed_ = false;
};

}  // namespace

bool is_pseudo_parameter(std::string_view name) {
  return std::find(std::begin(kPseudoParameters), std::end(kPseudoParameters), name) != std::end(kPseudoParameters);
}

ResolvedTemplate resolve_template(const source::SourceSet& sources, const syntax::Document& document) {
  return Resolver(sources, document).run();
}

}  // namespace pipec::model
