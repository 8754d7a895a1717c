#include "model/lower_events.h"

#include "model/cloudformation.h"
#include "model/embedded_json.h"
#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::optional<Text> text(const Document& doc, NodeId object, std::string_view key) { return string_member(doc, object, key); }

// An InputTemplate given by Fn::Sub: its text, with each ${…} replaced by a
// stand-in (text inside a JSON string, null outside) mapped to the ${…}.
std::optional<InputTemplate> sub_template(Workspace& ws, const Document& doc, NodeId value) {
  NodeId text_node = value;
  if (doc.is(value, NodeKind::array) && !doc.items(value).empty()) text_node = doc.items(value)[0];
  if (!doc.is(text_node, NodeKind::string)) return std::nullopt;
  const auto decoded = syntax::decode_string(ws.sources.file(doc.file()).text(), doc, text_node);
  const std::string& s = decoded.text;
  std::string out;
  std::vector<std::uint32_t> offsets;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const auto close = s.find('}', i + 2);
      if (close != std::string::npos) {
        if (i + 2 < close && s[i + 2] == '!') {
          // ${!Literal} is the text "${Literal}".
          for (std::size_t k = i; k <= close; ++k) {
            if (k == i + 2) continue;
            out.push_back(s[k]);
            offsets.push_back(decoded.offsets[k]);
          }
        } else {
          for (const char c : std::string_view(in_string ? "x" : "null")) {
            out.push_back(c);
            offsets.push_back(decoded.offsets[i]);
          }
        }
        i = close;
        continue;
      }
    }
    if (s[i] == '"') in_string = !in_string;
    if (s[i] == '\\' && in_string && i + 1 < s.size()) {
      out.push_back(s[i]);
      offsets.push_back(decoded.offsets[i]);
      ++i;
    }
    out.push_back(s[i]);
    offsets.push_back(decoded.offsets[i]);
  }
  offsets.push_back(decoded.offsets.back());
  const source::FileId file = ws.sources.add_embedded(doc.file(), std::move(out), std::move(offsets));
  return input_template_from(ws.sources, file, doc.node(text_node).span);
}

}  // namespace

std::size_t lower_event_rule(Workspace& ws, LoadedFile& file, const Document& doc, NodeId node, Dialect dialect,
                             std::optional<Text> logical_id, std::optional<PatternRef> pattern) {
  EventRule rule;
  rule.dialect = dialect;
  rule.document = &doc;
  rule.node = node;
  rule.span = doc.node(node).span;
  rule.logical_id = std::move(logical_id);
  rule.name = text(doc, node, "Name");
  rule.state = text(doc, node, "State");
  rule.event_bus = text(doc, node, "EventBusName");
  rule.schedule = text(doc, node, "ScheduleExpression");
  if (pattern) {
    rule.pattern = pattern;  // a file of its own, already among the workspace's patterns
  } else {
    const NodeId value = doc.get(node, "EventPattern");
    if (doc.is(value, NodeKind::string)) {
      rule.pattern_text = text(doc, node, "EventPattern");
      if (const syntax::Document* inner = read_embedded_json(ws, file, doc, value)) {
        rule.pattern = PatternRef{inner, inner->root(), false};
      }
    } else if (dialect == Dialect::cloudformation && doc.is(value, NodeKind::object) && !is_intrinsic(doc, value)) {
      // CloudFormation takes the pattern as an object.
      rule.pattern = PatternRef{&doc, value, true};
    } else if (dialect == Dialect::dsl && value != syntax::kNoNode) {
      // So does the DSL, whose rules always have one.
      rule.pattern = PatternRef{&doc, value, false};
    }
    if (rule.pattern) ws.patterns.push_back(*rule.pattern);
  }
  ws.event_rules.push_back(std::move(rule));
  return ws.event_rules.size() - 1;
}

void lower_target_set(Workspace& ws, const Document& doc, NodeId node, Dialect dialect,
                      std::optional<std::size_t> event_rule, const TargetArnResolver& resolve_arn) {
  const bool cloudformation = dialect == Dialect::cloudformation;
  TargetSet set;
  set.document = &doc;
  set.dialect = dialect;
  set.node = node;
  set.event_rule = event_rule;
  set.rule = text(doc, node, cloudformation ? "Name" : "Rule");
  set.event_bus = text(doc, node, "EventBusName");
  for (const NodeId item : doc.items(doc.get(node, "Targets"))) {
    if (!doc.is(item, NodeKind::object) || (cloudformation && is_intrinsic(doc, item))) continue;
    Target target;
    target.node = item;
    target.span = doc.node(item).span;
    target.id = text(doc, item, "Id");
    target.arn = text(doc, item, "Arn");
    target.role_arn = text(doc, item, "RoleArn");
    for (const auto& m : doc.members(item)) {
      if (m.key == "Input" || m.key == "InputPath" || m.key == "InputTransformer") target.input_keys.push_back(m.key_span);
    }
    if (const NodeId arn = doc.get(item, "Arn"); arn != syntax::kNoNode && resolve_arn) target.pipeline = resolve_arn(doc, arn);
    const NodeId transformer = doc.get(item, "InputTransformer");
    if (doc.is(transformer, NodeKind::object) && !(cloudformation && is_intrinsic(doc, transformer))) {
      target.transformer = lower_transformer(ws, doc, transformer, doc.get(transformer, "InputPathsMap"), dialect);
    }
    set.targets.push_back(std::move(target));
  }
  ws.target_sets.push_back(std::move(set));
}

std::size_t lower_transformer(Workspace& ws, const Document& doc, NodeId node, NodeId paths, Dialect dialect) {
  const bool cloudformation = dialect == Dialect::cloudformation;
  InputTransformer t;
  t.document = &doc;
  t.node = node;
  t.span = doc.node(node).span;
  t.paths_node = paths;
  t.cloudformation = cloudformation;
  t.paths_unresolved = cloudformation && is_intrinsic(doc, paths);
  if (!t.paths_unresolved) {
    for (const auto& m : doc.members(paths)) {
      const auto& value = doc.node(m.value);
      if (value.kind == NodeKind::string) {
        t.paths.push_back({key_text(m), Text{std::string(value.text), value.span, m.value}});
      } else if (cloudformation) {
        // A path given by a function still defines its placeholder.
        t.paths.push_back({key_text(m), Text{std::string(), value.span, m.value}});
      }
    }
  }
  if (node != paths) {
    const NodeId input = doc.get(node, "InputTemplate");
    if (doc.is(input, NodeKind::string)) {
      t.input_template = read_input_template(ws.sources, doc, input);
    } else if (cloudformation && is_intrinsic(doc, input) && doc.members(input).front().key == "Fn::Sub") {
      t.input_template = sub_template(ws, doc, doc.members(input).front().value);
    }
  }
  ws.transformers.push_back(std::move(t));
  return ws.transformers.size() - 1;
}

}  // namespace pipec::model
