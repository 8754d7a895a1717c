#include "model/cfn_unsubstituted.h"

#include <fmt/core.h>

#include <set>

#include "model/cfn_resolve.h"
#include "model/cloudformation.h"
#include "syntax/decoded_string.h"
#include "util/text.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

class Finder {
 public:
  Finder(const source::SourceSet& sources, const Document& doc) : source_(sources.file(doc.file()).text()), doc_(doc) {
    for (const char* section : {"Parameters", "Resources"}) {
      for (const auto& m : doc.members(doc.get(doc.root(), section))) names_.emplace(m.key);
    }
  }

  std::vector<syntax::Issue> run() {
    for (const char* section : {"Resources", "Outputs"}) {
      for (const auto& m : doc_.members(doc_.get(doc_.root(), section))) {
        if (std::string_view(section) == "Resources") {
          const NodeId properties = doc_.get(m.value, "Properties");
          // Step Functions fills ${…} of its definition from DefinitionSubstitutions.
          const bool substitutes = doc_.get(properties, "DefinitionSubstitutions") != syntax::kNoNode;
          const NodeId type = doc_.get(m.value, "Type");
          const bool codebuild = doc_.is(type, NodeKind::string) && doc_.node(type).text == "AWS::CodeBuild::Project";
          for (const auto& p : doc_.members(properties)) {
            if (substitutes && p.key.starts_with("Definition")) continue;
            if (codebuild && (p.key == "Source" || p.key == "SecondarySources")) {
              // A buildspec is a shell's: ${NAME} there is an environment
              // variable, often named after the parameter it is set from.
              walk_except(p.value, "BuildSpec");
              continue;
            }
            walk(p.value, 0);
          }
        } else {
          walk(m.value, 0);
        }
      }
    }
    return std::move(issues_);
  }

 private:
  void walk_except(NodeId node, std::string_view key) {
    if (doc_.is(node, NodeKind::array)) {
      for (const NodeId item : doc_.items(node)) walk_except(item, key);
      return;
    }
    if (!doc_.is(node, NodeKind::object) || is_intrinsic(doc_, node)) return walk(node, 0);
    for (const auto& m : doc_.members(node)) {
      if (m.key != key) walk(m.value, 1);
    }
  }

  void walk(NodeId node, int depth) {
    if (node == syntax::kNoNode || depth > 200) return;
    const auto& n = doc_.node(node);
    if (n.kind == NodeKind::string) return text(node);
    if (n.kind == NodeKind::array) {
      for (const NodeId item : doc_.items(node)) walk(item, depth + 1);
      return;
    }
    if (n.kind != NodeKind::object) return;
    if (is_intrinsic(doc_, node) && doc_.members(node).front().key == "Fn::Sub") {
      // The text is substituted; its variables' values are not.
      const NodeId args = doc_.members(node).front().value;
      if (doc_.is(args, NodeKind::array)) {
        const auto items = doc_.items(args);
        if (items.size() > 1) {
          for (const auto& v : doc_.members(items[1])) walk(v.value, depth + 1);
        }
      }
      return;
    }
    for (const auto& m : doc_.members(node)) walk(m.value, depth + 1);
  }

  void text(NodeId node) {
    const std::string_view s = doc_.node(node).text;
    if (s.find("${") == std::string::npos) return;
    const auto decoded = syntax::decode_string(source_, doc_, node);
    const std::string& t = decoded.text;
    for (std::size_t at = t.find("${"); at != std::string::npos; at = t.find("${", at + 2)) {
      const auto close = t.find('}', at);
      if (close == std::string::npos) return;
      const std::string name = t.substr(at + 2, close - at - 2);
      const std::string base = name.substr(0, name.find('.'));
      const bool referable = is_pseudo_parameter(name) || names_.contains(name) ||
                             (name.find('.') != std::string::npos && names_.contains(base) && !is_pseudo_parameter(base));
      if (!referable) continue;
      const source::Span where{doc_.file(), decoded.offsets[at], decoded.offsets[close + 1]};
      syntax::Issue issue{syntax::IssueKind::cfn_unsubstituted, where,
                          fmt::format("{} is written outside Fn::Sub, so CloudFormation leaves it as it is", util::quote("${" + name + "}")),
                          "not substituted", {}, {}};
      issue.help.push_back("write the value with !Sub (\"Fn::Sub\" in JSON) so that CloudFormation fills it in");
      issues_.push_back(std::move(issue));
    }
  }

  std::string_view source_;
  const Document& doc_;
  std::set<std::string, std::less<>> names_;
  std::vector<syntax::Issue> issues_;
};

}  // namespace

std::vector<syntax::Issue> find_unsubstituted(const source::SourceSet& sources, const Document& document) {
  if (document.empty() || !document.is(document.root(), NodeKind::object)) return {};
  return Finder(sources, document).run();
}

}  // namespace pipec::model
