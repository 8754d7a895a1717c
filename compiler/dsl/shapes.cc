#include "dsl/shapes.h"

#include <fmt/core.h>

#include <algorithm>
#include "util/json_string.h"

namespace pipec::dsl {

using ir::Json;
using ir::Text;
using source::Span;

namespace {

Text pseudo(ir::Pseudo p, Span span) {
  Text t;
  t.span = span;
  t.pieces.push_back({true, p, "", span, ""});
  return t;
}

Text concat(std::initializer_list<Text> parts, Span span) {
  Text t;
  t.span = span;
  for (const auto& part : parts) {
    for (const auto& piece : part.pieces) t.pieces.push_back(piece);
  }
  return t;
}

Text lit(std::string s, Span span) { return Text::literal(std::move(s), span); }

// image-digest -> imageDigest
std::string camel(std::string_view word) {
  std::string out;
  bool upper = false;
  for (const char c : word) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

Json names(const std::vector<Name>& artifacts, Span span) {
  Json list = Json::array(span);
  for (const auto& a : artifacts) {
    Json entry = Json::object(a.span);
    entry.add("name", Json::string(a.text, a.span), a.span);
    list.push(std::move(entry));
  }
  return list;
}

}  // namespace

std::string pipeline_role_name(const ir::Pipeline& p) { return (p.name.text + "-codepipeline").substr(0, 64); }

std::string events_role_name(const ir::Rule& r) { return (r.name.text + "-events").substr(0, 64); }

Text artifact_bucket_name(const ir::Pipeline& p) {
  std::string base;
  for (const char c : p.name.text) {
    base.push_back(std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '-');
  }
  base = base.substr(0, 20);
  while (!base.empty() && base.back() == '-') base.pop_back();
  const Span span = p.name.span;
  return concat({lit(base + "-artifacts-", span), pseudo(ir::Pseudo::account, span), lit("-", span),
                 pseudo(ir::Pseudo::region, span)},
                span);
}

std::string target_id(const ir::Target& t) {
  if (t.id && !t.id->has_pseudo()) return t.id->resolve({}, true).value_or(t.pipeline.text);
  return t.pipeline.text;
}

std::string placeholder_name(const ir::Revision& r, const ir::Target& t) {
  // One revision of a kind: imageDigest. Several: imageDigestImage, …
  const std::size_t same = static_cast<std::size_t>(std::count_if(
      t.revisions.begin(), t.revisions.end(), [&](const ir::Revision& o) { return o.kind == r.kind; }));
  std::string name = camel(r.kind->word);
  if (same > 1) name += camel(r.action.text);
  return name;
}

const std::map<std::string, std::string>& dsl_key_aliases() {
  static const std::map<std::string, std::string> aliases = [] {
    std::map<std::string, std::string> a{{"roleArn", "role"},          {"pipelineType", "type"},
                                         {"executionMode", "mode"},    {"artifactStore", "store"},
                                         {"artifactStores", "store"},  {"location", "store"},
                                         {"inputArtifacts", "inputs"}, {"outputArtifacts", "outputs"},
                                         {"runOrder", "order"},        {"timeoutInMinutes", "timeout"},
                                         {"configuration", "settings"}};
    for (const auto& kind : action_kinds()) {
      for (const auto& s : kind.settings) {
        if (!s.key.empty() && s.key.find('<') == std::string_view::npos) a.emplace(std::string(s.key), std::string(s.word));
      }
    }
    return a;
  }();
  return aliases;
}

Json codepipeline_json(const ir::Pipeline& p) {
  Json declaration = Json::object(p.span);
  declaration.add("name", Json::string(p.name.text, p.name.span), p.name.span);
  if (p.role) {
    declaration.add("roleArn", Json::string(*p.role), p.role->span);
  } else {
    declaration.add("roleArn",
                    Json::string(concat({lit("arn:", p.name.span), pseudo(ir::Pseudo::partition, p.name.span),
                                         lit(":iam::", p.name.span), pseudo(ir::Pseudo::account, p.name.span),
                                         lit(":role/" + pipeline_role_name(p), p.name.span)},
                                        p.name.span)),
                    p.name.span);
  }
  const auto store = [&](const ir::Store& s) {
    Json object = Json::object(s.span);
    object.add("type", Json::string("S3", s.span), s.span);
    object.add("location", Json::string(s.bucket ? *s.bucket : artifact_bucket_name(p)), s.span);
    if (s.kms) {
      Json key = Json::object(s.kms->span);
      key.add("id", Json::string(*s.kms), s.kms->span);
      key.add("type", Json::string("KMS", s.kms->span), s.kms->span);
      object.add("encryptionKey", std::move(key), s.kms->span);
    }
    return object;
  };
  const bool regional = std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return s.region.has_value(); });
  if (p.stores.empty()) {
    declaration.add("artifactStore", store(ir::Store{std::nullopt, std::nullopt, std::nullopt, p.name.span}), p.name.span);
  } else if (!regional && p.stores.size() == 1) {
    declaration.add("artifactStore", store(p.stores.front()), p.stores.front().span);
  } else {
    // artifactStores: a map from Region to store; the key must be literal.
    Json map = Json::object(p.stores.front().span);
    for (const auto& s : p.stores) {
      const std::string region = s.region ? s.region->resolve({}, true).value_or("") : std::string(ir::pseudo_stand_in(ir::Pseudo::region));
      map.add(region, store(s), s.region ? s.region->span : s.span);
    }
    declaration.add("artifactStores", std::move(map), p.stores.front().span);
  }
  Json stages = Json::array(p.span);
  for (const auto& st : p.stages) {
    Json stage = Json::object(st.span);
    stage.add("name", Json::string(st.name.text, st.name.span), st.name.span);
    Json actions = Json::array(st.span);
    for (const auto& a : st.actions) {
      Json action = Json::object(a.span);
      action.add("name", Json::string(a.name.text, a.name.span), a.name.span);
      Json type = Json::object(a.span);
      if (a.kind != nullptr) {
        type.add("category", Json::string(std::string(a.kind->category), a.span), a.span);
        type.add("owner", Json::string(std::string(a.kind->owner), a.span), a.span);
        type.add("provider", Json::string(std::string(a.kind->provider), a.span), a.span);
        type.add("version", Json::string(std::string(a.kind->version), a.span), a.span);
      }
      action.add("actionTypeId", std::move(type), a.span);
      action.add("runOrder", Json::number(std::to_string(a.run_order), a.span), a.span);
      Json configuration = Json::object(a.span);
      for (const auto& c : a.configuration) {
        const std::string alias = c.info != nullptr ? std::string(c.info->word) : "";
        configuration.add(c.key, Json::string(c.value), c.key_span, alias);
      }
      action.add("configuration", std::move(configuration), a.span);
      action.add("inputArtifacts", names(a.inputs, a.span), a.span);
      action.add("outputArtifacts", names(a.outputs, a.span), a.span);
      if (a.region) action.add("region", Json::string(*a.region), a.region->span);
      if (a.namespace_) action.add("namespace", Json::string(*a.namespace_), a.namespace_->span);
      if (a.role) action.add("roleArn", Json::string(*a.role), a.role->span);
      if (a.timeout_minutes) action.add("timeoutInMinutes", Json::number(a.timeout_minutes->pieces.front().literal, a.timeout_minutes->span), a.timeout_minutes->span);
      actions.push(std::move(action));
    }
    stage.add("actions", std::move(actions), st.span);
    stages.push(std::move(stage));
  }
  declaration.add("stages", std::move(stages), p.span);
  if (p.type) declaration.add("pipelineType", Json::string(*p.type), p.type->span);
  if (p.mode) declaration.add("executionMode", Json::string(*p.mode), p.mode->span);
  if (!p.variables.empty()) {
    Json variables = Json::array(p.span);
    for (const auto& v : p.variables) {
      Json variable = Json::object(v.span);
      variable.add("name", Json::string(v.name.text, v.name.span), v.name.span);
      if (v.default_value) variable.add("defaultValue", Json::string(*v.default_value), v.default_value->span);
      if (v.description) variable.add("description", Json::string(*v.description), v.description->span);
      variables.push(std::move(variable));
    }
    declaration.add("variables", std::move(variables), p.span);
  }
  Json root = Json::object(p.span);
  root.add("pipeline", std::move(declaration), p.name.span);
  return root;
}

std::optional<Json> transformer_json(const ir::Target& t) {
  if (t.revisions.empty() && t.variables.empty()) return std::nullopt;
  Json paths = Json::object(t.span);
  std::string template_text = "{";
  std::vector<std::string> parts;
  if (!t.revisions.empty()) {
    std::string revisions = "\"sourceRevisions\": [";
    for (std::size_t i = 0; i < t.revisions.size(); ++i) {
      const auto& r = t.revisions[i];
      const std::string key = placeholder_name(r, t);
      if (paths.get(key) == nullptr) paths.add(key, Json::string(r.path), r.span);
      revisions += fmt::format("{}{{\"actionName\": \"{}\", \"revisionType\": \"{}\", \"revisionValue\": \"<{}>\"}}",
                               i == 0 ? "" : ", ", r.action.text, r.kind->type, key);
    }
    parts.push_back(revisions + "]");
  }
  if (!t.variables.empty()) {
    std::string variables = "\"variables\": [";
    for (std::size_t i = 0; i < t.variables.size(); ++i) {
      const auto& v = t.variables[i];
      const std::string key = camel(v.name.text);
      if (paths.get(key) == nullptr) paths.add(key, Json::string(v.path), v.span);
      variables += fmt::format("{}{{\"name\": \"{}\", \"value\": \"<{}>\"}}", i == 0 ? "" : ", ", v.name.text, key);
    }
    parts.push_back(variables + "]");
  }
  for (std::size_t i = 0; i < parts.size(); ++i) template_text += (i == 0 ? "" : ", ") + parts[i];
  template_text += "}";
  Json transformer = Json::object(t.span);
  transformer.add("InputPathsMap", std::move(paths), t.span);
  transformer.add("InputTemplate", Json::string(template_text, t.span), t.span);
  return transformer;
}

Json put_targets_json(const ir::Rule& r) {
  Json root = Json::object(r.span);
  root.add("Rule", Json::string(r.name.text, r.name.span), r.name.span);
  if (r.bus) root.add("EventBusName", Json::string(*r.bus), r.bus->span);
  Json targets = Json::array(r.span);
  for (const auto& t : r.targets) {
    Json target = Json::object(t.span);
    target.add("Id", Json::string(target_id(t), t.id ? t.id->span : t.pipeline.span), t.span);
    const Span at = t.pipeline.span;
    target.add("Arn",
               Json::string(concat({lit("arn:", at), pseudo(ir::Pseudo::partition, at), lit(":codepipeline:", at),
                                    pseudo(ir::Pseudo::region, at), lit(":", at), pseudo(ir::Pseudo::account, at),
                                    lit(":" + t.pipeline.text, at)},
                                   at)),
               at);
    if (t.role) {
      target.add("RoleArn", Json::string(*t.role), t.role->span);
    } else {
      target.add("RoleArn",
                 Json::string(concat({lit("arn:", at), pseudo(ir::Pseudo::partition, at), lit(":iam::", at),
                                      pseudo(ir::Pseudo::account, at), lit(":role/" + events_role_name(r), at)},
                                     at)),
                 t.span);
    }
    if (auto transformer = transformer_json(t)) target.add("InputTransformer", std::move(*transformer), t.span);
    targets.push(std::move(target));
  }
  root.add("Targets", std::move(targets), r.span);
  return root;
}

// -- JSON text ---------------------------------------------------------------------


namespace {


class JsonWriter {
 public:
  JsonWriter(const Vars& vars, bool stand_ins) : vars_(vars), stand_ins_(stand_ins) {}

  bool write(const Json& j, std::size_t indent) {
    switch (j.kind) {
      case Json::Kind::object: {
        if (j.members.empty()) {
          out_ += "{}";
          return true;
        }
        out_ += "{\n";
        for (std::size_t i = 0; i < j.members.size(); ++i) {
          out_.append(indent + 2, ' ');
          util::write_json_string(j.members[i].key, out_);
          out_ += ": ";
          if (!write(j.members[i].value, indent + 2)) return false;
          out_ += i + 1 < j.members.size() ? ",\n" : "\n";
        }
        out_.append(indent, ' ');
        out_ += "}";
        return true;
      }
      case Json::Kind::array: {
        if (j.items.empty()) {
          out_ += "[]";
          return true;
        }
        out_ += "[\n";
        for (std::size_t i = 0; i < j.items.size(); ++i) {
          out_.append(indent + 2, ' ');
          if (!write(j.items[i], indent + 2)) return false;
          out_ += i + 1 < j.items.size() ? ",\n" : "\n";
        }
        out_.append(indent, ' ');
        out_ += "]";
        return true;
      }
      case Json::Kind::text: {
        const auto text = j.text.resolve(vars_, stand_ins_);
        if (!text) {
          missing_ = j.text.missing(vars_);
          return false;
        }
        util::write_json_string(*text, out_);
        return true;
      }
      case Json::Kind::number:
      case Json::Kind::boolean: out_ += j.text.pieces.front().literal; return true;
      case Json::Kind::null: out_ += "null"; return true;
      case Json::Kind::ref:
      case Json::Kind::get_att: out_ += "null"; return true;  // only the CloudFormation writer knows these
    }
    return true;
  }

  std::string out_;
  const ir::Text::Piece* missing_ = nullptr;

 private:
  const Vars& vars_;
  bool stand_ins_;
};

class DocumentBuilder {
 public:
  DocumentBuilder(source::FileId file, const Vars& vars) : doc_(file), vars_(vars) {
    for (const auto& [key, alias] : dsl_key_aliases()) doc_.set_key_alias(key, alias);
  }

  syntax::NodeId build(const Json& j) {
    syntax::Node node;
    node.span = j.span;
    switch (j.kind) {
      case Json::Kind::object: {
        node.kind = syntax::NodeKind::object;
        const syntax::NodeId id = doc_.add(std::move(node));
        std::vector<syntax::Member> members;
        for (const auto& m : j.members) members.push_back({m.key, m.key_span, build(m.value)});
        doc_.attach_members(id, std::move(members));
        return id;
      }
      case Json::Kind::array: {
        node.kind = syntax::NodeKind::array;
        const syntax::NodeId id = doc_.add(std::move(node));
        std::vector<syntax::NodeId> items;
        for (const auto& item : j.items) items.push_back(build(item));
        doc_.attach_items(id, std::move(items));
        return id;
      }
      case Json::Kind::text:
        node.kind = syntax::NodeKind::string;
        node.text = j.text.resolve(vars_, true).value_or("");
        break;
      case Json::Kind::number:
        node.kind = syntax::NodeKind::number;
        node.text = j.text.pieces.front().literal;
        break;
      case Json::Kind::boolean:
        node.kind = syntax::NodeKind::boolean;
        node.boolean = j.text.pieces.front().literal == "true";
        break;
      case Json::Kind::null:
      case Json::Kind::ref:
      case Json::Kind::get_att: node.kind = syntax::NodeKind::null; break;
    }
    return doc_.add(std::move(node));
  }

  syntax::Document doc_;

 private:
  const Vars& vars_;
};

}  // namespace

std::string write_json(const Json& json, const Vars& vars, bool stand_ins, const ir::Text::Piece** missing) {
  JsonWriter writer(vars, stand_ins);
  if (!writer.write(json, 0)) {
    if (missing != nullptr) *missing = writer.missing_;
    return "";
  }
  return writer.out_ + "\n";
}

syntax::Document to_document(const Json& json, source::FileId file, const Vars& vars) {
  DocumentBuilder builder(file, vars);
  builder.doc_.set_root(builder.build(json));
  return std::move(builder.doc_);
}

}  // namespace pipec::dsl
