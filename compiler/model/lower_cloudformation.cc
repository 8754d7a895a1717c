#include <algorithm>
#include <map>

#include "model/cfn_resolve.h"
#include "model/cfn_unsubstituted.h"
#include "model/cloudformation.h"
#include "model/lower_events.h"
#include "model/lower_buildspecs.h"
#include "model/lower_policies.h"
#include "model/template_text.h"

namespace pipec::model {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

bool is_intrinsic(const Document& document, NodeId value) {
  if (!document.is(value, NodeKind::object)) return false;
  const auto members = document.members(value);
  if (members.size() != 1) return false;
  const std::string_view key = members.front().key;
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::");
}

bool PatternRef::unresolved(NodeId value) const {
  return cloudformation && document != nullptr && is_intrinsic(*document, value);
}

bool has_macro_transform(const Document& document) {
  if (document.empty()) return false;
  const NodeId transform = document.get(document.root(), "Transform");
  const auto is_macro = [&](NodeId name) {
    if (!document.is(name, NodeKind::string)) return document.is(name, NodeKind::object);  // AWS::Include {Name, Parameters}
    const std::string_view text = document.node(name).text;
    return text != "AWS::Serverless-2016-10-31" && text != "AWS::LanguageExtensions";
  };
  if (document.is(transform, NodeKind::array)) {
    const auto items = document.items(transform);
    return std::any_of(items.begin(), items.end(), is_macro);
  }
  return transform != syntax::kNoNode && is_macro(transform);
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
    const auto text = flatten(arn);
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
  std::optional<std::string> flatten(NodeId node) {
    return flatten_template_text(
        source_, doc_, node,
        [&](const TextReference& r) {
          return r.attribute.empty() ? reference(r.name, r.where) : std::string(1, kUnknown);
        },
        std::string_view(&kUnknown, 1), [](std::string_view text) { return clean(text); });
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

  // `pipelines`: lower_template_pipelines(*file.document), made on the
  // parsing thread.
  void run(std::vector<Pipeline> pipelines) {
    if (!doc_.is(doc_.root(), NodeKind::object)) return;
    for (Pipeline& p : pipelines) {
      pipelines_[p.logical_id->value] = ws_.pipelines.size();
      ws_.pipelines.push_back(std::move(p));
    }
    for (const auto& r : template_resources(doc_, kEventRuleResource)) {
      if (!doc_.is(r.properties, NodeKind::object) || is_intrinsic(doc_, r.properties)) continue;
      rule(r);
    }
  }

 private:
  std::string_view source() const { return ws_.sources.file(doc_.file()).text(); }

  void rule(const Resource& r) {
    const std::size_t index =
        lower_event_rule(ws_, file_, doc_, r.properties, Dialect::cloudformation, key_text(*r.member));
    ArnResolver resolver(doc_, source(), pipelines_);
    lower_target_set(ws_, doc_, r.properties, Dialect::cloudformation, index,
                     [&](const Document&, NodeId arn) { return resolver.resolve(arn, ws_.pipelines); });
  }

  Workspace& ws_;
  LoadedFile& file_;
  const Document& doc_;
  std::map<std::string, std::size_t, std::less<>> pipelines_;  ///< logical ID -> index in ws_.pipelines
};

}  // namespace

std::vector<Pipeline> lower_template_pipelines(const Document& resolved) {
  std::vector<Pipeline> out;
  if (!resolved.is(resolved.root(), NodeKind::object)) return out;
  for (const auto& r : template_resources(resolved, kPipelineResource)) {
    if (!resolved.is(r.properties, NodeKind::object) || is_intrinsic(resolved, r.properties)) continue;
    Pipeline p = lower_cloudformation_pipeline(resolved, r.properties);
    p.logical_id = key_text(*r.member);
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<PreparedTemplate> prepare_cloudformation(const source::SourceSet& sources, const Document& written) {
  if (written.empty() || !written.is(written.root(), NodeKind::object)) return std::nullopt;
  PreparedTemplate out;
  for (const auto& m : written.members(written.get(written.root(), "Parameters"))) {
    if (const NodeId fallback = written.get(m.value, "Default"); fallback != syntax::kNoNode) {
      out.parameter_values.push_back({written.node(fallback).span, std::string(m.key), true});
    }
    for (const NodeId allowed : written.items(written.get(m.value, "AllowedValues"))) {
      out.parameter_values.push_back({written.node(allowed).span, std::string(m.key), false});
    }
  }
  out.issues = find_unsubstituted(sources, written);
  // What the template's functions resolve to with its parameters' defaults
  // is what every rule sees; references to nothing are issues of the file.
  ResolvedTemplate resolved = resolve_template(sources, written);
  out.issues.insert(out.issues.end(), std::make_move_iterator(resolved.issues.begin()),
                    std::make_move_iterator(resolved.issues.end()));
  out.resolved = std::move(resolved.document);
  return out;
}

void lower_cloudformation(Workspace& ws, LoadedFile& file, PreparedTemplate prepared) {
  if (file.document == nullptr) return;
  file.parameter_values.insert(file.parameter_values.end(), std::make_move_iterator(prepared.parameter_values.begin()),
                               std::make_move_iterator(prepared.parameter_values.end()));
  file.issues.insert(file.issues.end(), std::make_move_iterator(prepared.issues.begin()),
                     std::make_move_iterator(prepared.issues.end()));
  TemplateLowerer(ws, file).run(std::move(prepared.pipelines));
  add_template_policies(ws, file, std::move(prepared.policies));
  lower_template_buildspecs(ws, file);
}

}  // namespace pipec::model
