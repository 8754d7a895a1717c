#include <map>

#include "model/cloudformation.h"
#include "syntax/decoded_string.h"
#include "syntax/json/json_reader.h"

namespace pipec::model {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

bool is_intrinsic(const Document& document, NodeId value) {
  if (!document.is(value, NodeKind::object)) return false;
  const auto members = document.members(value);
  if (members.size() != 1) return false;
  const std::string& key = members.front().key;
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::");
}

bool PatternRef::unresolved(NodeId value) const {
  return cloudformation && document != nullptr && is_intrinsic(*document, value);
}

std::vector<Resource> template_resources(const Document& document, std::string_view type) {
  std::vector<Resource> out;
  if (document.empty()) return out;
  for (const auto& m : document.members(document.get(document.root(), "Resources"))) {
    const NodeId t = document.get(m.value, "Type");
    if (!document.is(t, NodeKind::string)) continue;
    if (!type.empty() && document.node(t).text != type) continue;
    out.push_back({&m, document.node(t).text, document.get(m.value, "Properties")});
  }
  return out;
}

namespace {

// -- resolving a target's Arn to a pipeline of the same template -----------------

// An Arn flattened to text, each reference as a marker: a pipeline of the
// template is \x01<logical ID>\x02, anything else \x03. Markers hold no ':',
// so the Arn still splits into its fields.
constexpr char kPipelineOpen = '\x01';
constexpr char kPipelineClose = '\x02';
constexpr char kUnknown = '\x03';

class ArnResolver {
 public:
  ArnResolver(const Document& doc, std::string_view source,
              const std::map<std::string, std::size_t, std::less<>>& pipelines)
      : doc_(doc), source_(source), pipelines_(pipelines) {}

  std::optional<TargetPipeline> resolve(NodeId arn, const std::vector<Pipeline>& all) {
    const auto text = flatten(arn, 0);
    if (!text) return std::nullopt;
    // arn : partition : service : region : account : resource
    std::vector<std::string_view> fields;
    std::string_view rest = *text;
    for (int i = 0; i < 5; ++i) {
      const auto colon = rest.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      fields.push_back(rest.substr(0, colon));
      rest.remove_prefix(colon + 1);
    }
    if (fields[0] != "arn" || fields[2] != "codepipeline") return std::nullopt;
    if (rest.size() > 2 && rest.front() == kPipelineOpen && rest.back() == kPipelineClose &&
        rest.find(kPipelineOpen, 1) == std::string_view::npos) {
      const std::string_view logical_id = rest.substr(1, rest.size() - 2);
      const auto it = pipelines_.find(logical_id);
      const auto at = references_.find(std::string(logical_id));
      if (it == pipelines_.end() || at == references_.end()) return std::nullopt;
      return TargetPipeline{it->second, at->second};
    }
    if (rest.empty() || rest.find_first_of("\x01\x02\x03") != std::string_view::npos) return std::nullopt;
    // A literal name: the pipeline of this template that has it.
    for (const auto& [id, index] : pipelines_) {
      const Pipeline& p = all[index];
      if (p.name && p.name->value == rest) return TargetPipeline{index, doc_.node(arn).span};
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> flatten(NodeId node, int depth) {
    if (depth > 16) return std::nullopt;
    if (doc_.is(node, NodeKind::string)) return clean(doc_.node(node).text);
    if (!is_intrinsic(doc_, node)) return std::string(1, kUnknown);
    const auto& m = doc_.members(node).front();
    if (m.key == "Ref") {
      if (!doc_.is(m.value, NodeKind::string)) return std::string(1, kUnknown);
      return reference(doc_.node(m.value).text, doc_.node(node).span);
    }
    if (m.key == "Fn::Sub") {
      NodeId text = m.value;
      NodeId variables = syntax::kNoNode;
      if (doc_.is(m.value, NodeKind::array)) {
        const auto items = doc_.items(m.value);
        if (items.empty()) return std::nullopt;
        text = items[0];
        if (items.size() > 1) variables = items[1];
      }
      if (!doc_.is(text, NodeKind::string)) return std::nullopt;
      return substitute(text, variables, depth);
    }
    if (m.key == "Fn::Join") {
      const auto args = doc_.items(m.value);
      if (args.size() != 2 || !doc_.is(args[0], NodeKind::string)) return std::nullopt;
      if (!doc_.is(args[1], NodeKind::array)) return std::string(1, kUnknown);
      std::string out;
      bool first = true;
      for (const NodeId part : doc_.items(args[1])) {
        if (!first) out += clean(doc_.node(args[0]).text);
        first = false;
        const auto text = flatten(part, depth + 1);
        if (!text) return std::nullopt;
        out += *text;
      }
      return out;
    }
    return std::string(1, kUnknown);
  }

  std::string reference(std::string_view name, source::Span where) {
    if (pipelines_.find(name) == pipelines_.end()) return std::string(1, kUnknown);
    references_.emplace(std::string(name), where);
    std::string out;
    out.reserve(name.size() + 2);
    out += kPipelineOpen;
    out += name;
    out += kPipelineClose;
    return out;
  }

  // Fn::Sub's text with ${Name} replaced: a variable of its own map, a
  // pipeline of the template, or anything else; ${!Literal} is "${Literal}".
  std::optional<std::string> substitute(NodeId text, NodeId variables, int depth) {
    const auto decoded = syntax::decode_string(source_, doc_, text);
    const std::string& s = decoded.text;
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '$' || i + 1 >= s.size() || s[i + 1] != '{') {
        out.push_back(s[i]);
        continue;
      }
      const auto close = s.find('}', i + 2);
      if (close == std::string::npos) {
        out += clean(s.substr(i));
        break;
      }
      const std::string_view name = std::string_view(s).substr(i + 2, close - i - 2);
      if (!name.empty() && name.front() == '!') {
        out += "${" + clean(name.substr(1)) + "}";
      } else if (const NodeId value = doc_.get(variables, name); value != syntax::kNoNode) {
        const auto inner = flatten(value, depth + 1);
        if (!inner) return std::nullopt;
        out += *inner;
      } else {
        const source::Span where{doc_.file(), decoded.offsets[i], decoded.offsets[close + 1]};
        out += reference(name, where);
      }
      i = close;
    }
    return out;
  }

  static std::string clean(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
      if (c == kPipelineOpen || c == kPipelineClose || c == kUnknown) c = '?';
    }
    return out;
  }

  const Document& doc_;
  std::string_view source_;
  const std::map<std::string, std::size_t, std::less<>>& pipelines_;
  std::map<std::string, source::Span> references_;
};

// -- lowering ---------------------------------------------------------------------

class TemplateLowerer {
 public:
  TemplateLowerer(Workspace& ws, LoadedFile& file) : ws_(ws), file_(file), doc_(*file.document) {}

  void run() {
    if (!doc_.is(doc_.root(), NodeKind::object)) return;
    for (const auto& r : template_resources(doc_, kPipelineResource)) {
      if (!doc_.is(r.properties, NodeKind::object) || is_intrinsic(doc_, r.properties)) continue;
      Pipeline p = lower_cloudformation_pipeline(doc_, r.properties);
      p.logical_id = Text{r.member->key, r.member->key_span, r.member->value};
      pipelines_[r.member->key] = ws_.pipelines.size();
      ws_.pipelines.push_back(std::move(p));
    }
    for (const auto& r : template_resources(doc_, kEventRuleResource)) {
      if (!doc_.is(r.properties, NodeKind::object) || is_intrinsic(doc_, r.properties)) continue;
      rule(r);
    }
  }

 private:
  std::string_view source() const { return ws_.sources.file(doc_.file()).text(); }

  std::optional<Text> literal(NodeId object, std::string_view key) const {
    const NodeId value = doc_.get(object, key);
    if (!doc_.is(value, NodeKind::string)) return std::nullopt;
    return Text{doc_.node(value).text, doc_.node(value).span, value};
  }

  void rule(const Resource& r) {
    const NodeId props = r.properties;
    EventRule rule;
    rule.document = &doc_;
    rule.node = props;
    rule.span = doc_.node(props).span;
    rule.logical_id = Text{r.member->key, r.member->key_span, r.member->value};
    rule.name = literal(props, "Name");
    rule.state = literal(props, "State");
    rule.event_bus = literal(props, "EventBusName");
    rule.schedule = literal(props, "ScheduleExpression");
    const NodeId pattern = doc_.get(props, "EventPattern");
    if (doc_.is(pattern, NodeKind::object) && !is_intrinsic(doc_, pattern)) {
      // CloudFormation takes the pattern as an object.
      rule.pattern = PatternRef{&doc_, pattern, true};
      ws_.patterns.push_back(*rule.pattern);
    } else if (doc_.is(pattern, NodeKind::string)) {
      // Or as a string of JSON, like PutRule: a document of its own whose
      // offsets map back into the template.
      rule.pattern_text = literal(props, "EventPattern");
      auto decoded = syntax::decode_string(source(), doc_, pattern);
      const source::FileId inner =
          ws_.sources.add_embedded(doc_.file(), std::move(decoded.text), std::move(decoded.offsets));
      syntax::JsonResult parsed = syntax::read_json(ws_.sources, inner);
      file_.issues.insert(file_.issues.end(), std::make_move_iterator(parsed.issues.begin()),
                          std::make_move_iterator(parsed.issues.end()));
      const Document* inner_doc = ws_.keep(std::move(parsed.document));
      if (!inner_doc->empty()) {
        rule.pattern = PatternRef{inner_doc, inner_doc->root(), false};
        ws_.patterns.push_back(*rule.pattern);
      }
    }
    ws_.event_rules.push_back(std::move(rule));

    TargetSet set;
    set.document = &doc_;
    set.node = props;
    set.event_rule = ws_.event_rules.size() - 1;
    set.rule = literal(props, "Name");
    set.event_bus = literal(props, "EventBusName");
    ArnResolver resolver(doc_, source(), pipelines_);
    for (const NodeId item : doc_.items(doc_.get(props, "Targets"))) {
      if (!doc_.is(item, NodeKind::object) || is_intrinsic(doc_, item)) continue;
      Target target;
      target.node = item;
      target.span = doc_.node(item).span;
      target.id = literal(item, "Id");
      target.arn = literal(item, "Arn");
      target.role_arn = literal(item, "RoleArn");
      const NodeId arn = doc_.get(item, "Arn");
      if (arn != syntax::kNoNode) target.pipeline = resolver.resolve(arn, ws_.pipelines);
      const NodeId transformer = doc_.get(item, "InputTransformer");
      if (doc_.is(transformer, NodeKind::object) && !is_intrinsic(doc_, transformer)) {
        target.transformer = ws_.transformers.size();
        ws_.transformers.push_back(lower_transformer(transformer));
      }
      set.targets.push_back(std::move(target));
    }
    ws_.target_sets.push_back(std::move(set));
  }

  InputTransformer lower_transformer(NodeId node) {
    InputTransformer t;
    t.document = &doc_;
    t.node = node;
    t.span = doc_.node(node).span;
    t.cloudformation = true;
    t.paths_node = doc_.get(node, "InputPathsMap");
    t.paths_unresolved = is_intrinsic(doc_, t.paths_node);
    if (!t.paths_unresolved) {
      for (const auto& m : doc_.members(t.paths_node)) {
        // A path given by a function still defines its placeholder.
        const auto& value = doc_.node(m.value);
        t.paths.push_back({Text{m.key, m.key_span, m.value},
                           Text{value.kind == NodeKind::string ? value.text : std::string(), value.span, m.value}});
      }
    }
    const NodeId input = doc_.get(node, "InputTemplate");
    if (doc_.is(input, NodeKind::string)) {
      t.input_template = read_input_template(ws_.sources, doc_, input);
    } else if (is_intrinsic(doc_, input) && doc_.members(input).front().key == "Fn::Sub") {
      t.input_template = sub_template(doc_.members(input).front().value);
    }
    return t;
  }

  // An InputTemplate given by Fn::Sub: its text, with each ${…} replaced by a
  // stand-in (text inside a JSON string, null outside) mapped to the ${…}.
  std::optional<InputTemplate> sub_template(NodeId value) {
    NodeId text = value;
    if (doc_.is(value, NodeKind::array) && !doc_.items(value).empty()) text = doc_.items(value)[0];
    if (!doc_.is(text, NodeKind::string)) return std::nullopt;
    const auto decoded = syntax::decode_string(source(), doc_, text);
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
    const source::FileId file = ws_.sources.add_embedded(doc_.file(), std::move(out), std::move(offsets));
    return input_template_from(ws_.sources, file, doc_.node(text).span);
  }

  Workspace& ws_;
  LoadedFile& file_;
  const Document& doc_;
  std::map<std::string, std::size_t, std::less<>> pipelines_;  ///< logical ID -> index in ws_.pipelines
};

}  // namespace

void lower_cloudformation(Workspace& ws, LoadedFile& file) {
  if (file.document == nullptr || file.document->empty()) return;
  TemplateLowerer(ws, file).run();
}

}  // namespace pipec::model
