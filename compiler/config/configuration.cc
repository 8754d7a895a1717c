#include "config/configuration.h"

namespace pipec::config {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::vector<Glob> read_globs(const Document& doc, NodeId list) {
  std::vector<Glob> out;
  if (doc.is(list, NodeKind::string)) {
    out.push_back({std::string(doc.string(list)), doc.node(list).span});
    return out;
  }
  for (const NodeId item : doc.items(list)) {
    if (doc.is(item, NodeKind::string) && !doc.string(item).empty()) {
      out.push_back({std::string(doc.string(item)), doc.node(item).span});
    }
  }
  return out;
}

std::vector<RuleSetting> read_rules(const Document& doc, NodeId object) {
  std::vector<RuleSetting> out;
  for (const auto& member : doc.members(object)) {
    if (auto setting = read_rule_setting(doc, member)) out.push_back(std::move(*setting));
  }
  return out;
}

// A scalar as text: YAML reads `account: 123456789012` as a number.
std::optional<std::string> scalar_text(const Document& doc, NodeId id) {
  if (doc.is(id, NodeKind::string) || doc.is(id, NodeKind::number)) return std::string(doc.node(id).text);
  return std::nullopt;
}

}  // namespace

std::optional<RuleSetting> read_rule_setting(const Document& doc, const syntax::Member& entry) {
  RuleSetting setting;
  setting.selector = entry.key;
  const auto& value = doc.node(entry.value);
  setting.span = {entry.key_span.file, entry.key_span.begin, std::max(entry.key_span.end, value.span.end)};
  // YAML 1.1 reads a plain `off` and `on` as booleans.
  if (value.kind == NodeKind::boolean) {
    setting.enabled = value.boolean;
    return setting;
  }
  if (value.kind != NodeKind::string) return std::nullopt;
  const std::string_view text = value.text;
  if (text == "off") {
    setting.enabled = false;
  } else if (text == "on") {
    setting.enabled = true;
  } else if (const auto severity = diag::parse_severity(text)) {
    setting.severity = severity;
  } else {
    return std::nullopt;
  }
  return setting;
}

Configuration interpret(const Document& doc, NodeId root) {
  Configuration config;
  if (!doc.is(root, NodeKind::object)) return config;
  config.include = read_globs(doc, doc.get(root, "include"));
  config.exclude = read_globs(doc, doc.get(root, "exclude"));
  for (const auto& member : doc.members(doc.get(root, "kinds"))) {
    const auto kind = model::parse_kind(doc.string(member.value));
    if (kind && !member.key.empty()) config.kinds.push_back({{std::string(member.key), member.key_span}, *kind});
  }
  config.rules = read_rules(doc, doc.get(root, "rules"));
  for (const NodeId item : doc.items(doc.get(root, "overrides"))) {
    PathOverride o;
    o.paths = read_globs(doc, doc.get(item, "paths"));
    o.rules = read_rules(doc, doc.get(item, "rules"));
    if (!o.paths.empty()) config.overrides.push_back(std::move(o));
  }
  if (const NodeId fail_on = doc.get(root, "fail-on"); doc.is(fail_on, NodeKind::string)) {
    const std::string_view text = doc.string(fail_on);
    if (text == "never" || diag::parse_severity(text)) {
      config.fail_on = std::string(text);
      config.fail_on_span = doc.node(fail_on).span;
    }
  }
  for (const auto& member : doc.members(doc.get(root, "vars"))) {
    if (auto text = scalar_text(doc, member.value)) config.vars.push_back({std::string(member.key), std::move(*text), member.key_span});
  }
  for (const NodeId item : doc.items(doc.get(root, "suppressions"))) {
    const NodeId path = doc.get(item, "path");
    const NodeId rule = doc.get(item, "rule");
    const NodeId reason = doc.get(item, "reason");
    if (!doc.is(path, NodeKind::string) || !doc.is(rule, NodeKind::string) || !doc.is(reason, NodeKind::string)) continue;
    Suppression s;
    s.path = {std::string(doc.string(path)), doc.node(path).span};
    s.rule = std::string(doc.string(rule));
    s.pointer = std::string(doc.string(doc.get(item, "pointer")));
    s.reason = std::string(doc.string(reason));
    s.span = doc.node(item).span;
    if (!s.reason.empty() && (s.pointer.empty() || s.pointer.front() == '/')) config.suppressions.push_back(std::move(s));
  }
  return config;
}

}  // namespace pipec::config
