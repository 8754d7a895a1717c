#include "emit/api_shapes.h"

#include <fmt/core.h>

#include <algorithm>

namespace pipec::emit {

using dsl::Name;
namespace ir = dsl::ir;

using ir::Json;
using ir::Text;
using source::Span;

namespace {

// The words of `text`, split where `separator` says, run together with a
// capital at the start of each word after the first (or of every word).
template <typename Separator>
std::string joined_words(std::string_view text, Separator separator, bool capitalize_first) {
  std::string out;
  bool upper = capitalize_first;
  for (const char c : text) {
    if (separator(c)) {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

// image-digest -> imageDigest
std::string camel(std::string_view word) {
  return joined_words(word, [](char c) { return c == '-' || c == '_'; }, false);
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

std::string logical_id_stem(std::string_view name) {
  std::string out = joined_words(name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, true);
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front()))) out = "X" + out;
  return out;
}

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
  return Text::concat({Text::literal(base + "-artifacts-", span), Text::pseudo(ir::Pseudo::account, span),
                       Text::literal("-", span), Text::pseudo(ir::Pseudo::region, span)},
                      span);
}

Text arn(std::string_view service, ArnScope scope, const Text& resource, Span span) {
  const bool regional = scope == ArnScope::regional;
  const bool account = scope != ArnScope::none;
  return Text::concat({Text::literal("arn:", span), Text::pseudo(ir::Pseudo::partition, span),
                       Text::literal(":" + std::string(service) + ":", span),
                       regional ? Text::pseudo(ir::Pseudo::region, span) : Text::literal("", span), Text::literal(":", span),
                       account ? Text::pseudo(ir::Pseudo::account, span) : Text::literal("", span), Text::literal(":", span),
                       resource},
                      span);
}

Text account_root(const std::string& account) {
  return Text::concat({Text::literal("arn:"), Text::pseudo(ir::Pseudo::partition), Text::literal(":iam::" + account + ":root")});
}

Text role_arn(const std::string& name, Span span) {
  return arn("iam", ArnScope::account, Text::literal("role/" + name, span), span);
}

bool written_as_arn(const Text& t) {
  return !t.pieces.empty() && !t.pieces.front().pseudo && t.pieces.front().ref.empty() && t.pieces.front().literal.starts_with("arn:");
}

Text service_target_arn(const ir::ServiceTarget& t) {
  if (written_as_arn(t.arn)) return t.arn;
  if (t.service == ir::ServiceTarget::Service::lambda) {
    return arn("lambda", ArnScope::regional, Text::concat({Text::literal("function:", t.arn.span), t.arn}, t.arn.span), t.arn.span);
  }
  return arn("sns", ArnScope::regional, t.arn, t.arn.span);
}

std::string service_target_id(const ir::ServiceTarget& t) {
  if (t.id && !t.id->has_pseudo()) return t.id->resolve({}, true).value_or("");
  // The topic's or function's name: what follows the ARN's last ":".
  std::string name;
  if (!t.arn.pieces.empty() && !t.arn.pieces.back().pseudo) name = t.arn.pieces.back().literal;
  name = name.substr(name.find_last_of(':') == std::string::npos ? 0 : name.find_last_of(':') + 1);
  std::string id;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') id.push_back(c);
  }
  if (id.empty()) id = t.service == ir::ServiceTarget::Service::lambda ? "lambda" : "sns";
  return id.substr(0, 64);
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

Json cloudformation_keys(Json value) {
  for (auto& m : value.members) {
    if (!m.key.empty()) m.key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(m.key[0])));
    m.value = cloudformation_keys(std::move(m.value));
  }
  for (auto& item : value.items) item = cloudformation_keys(std::move(item));
  return value;
}

std::optional<Json> on_failure_json(const ir::Stage& s) {
  if (!s.on_failure) return std::nullopt;
  const ir::OnFailure& f = *s.on_failure;
  Json out = Json::object(f.span);
  out.add("result", Json::string(f.result), f.result.span);
  if (f.retry_mode) {
    Json retry = Json::object(f.retry_mode->span);
    retry.add("retryMode", Json::string(*f.retry_mode), f.retry_mode->span);
    out.add("retryConfiguration", std::move(retry), f.retry_mode->span);
  }
  return out;
}

Json triggers_json(const ir::Pipeline& p) {
  const auto patterns = [](const ir::GitPatterns& g) {
    Json criteria = Json::object(g.span);
    const auto list = [&](const std::vector<Text>& texts) {
      Json array = Json::array(g.span);
      for (const auto& t : texts) array.push(Json::string(t));
      return array;
    };
    if (!g.includes.empty()) criteria.add("includes", list(g.includes), g.span);
    if (!g.excludes.empty()) criteria.add("excludes", list(g.excludes), g.span);
    return criteria;
  };
  Json triggers = Json::array(p.span);
  for (const auto& t : p.triggers) {
    Json git = Json::object(t.span);
    git.add("sourceActionName", Json::string(t.action.text, t.action.span), t.action.span);
    for (const bool pull_request : {false, true}) {
      Json filters = Json::array(t.span);
      for (const auto& f : t.filters) {
        if (f.pull_request != pull_request) continue;
        Json filter = Json::object(f.span);
        if (!f.events.empty()) {
          Json events = Json::array(f.span);
          for (const auto& e : f.events) events.push(Json::string(e));
          filter.add("events", std::move(events), f.span);
        }
        if (f.branches) filter.add("branches", patterns(*f.branches), f.branches->span);
        if (f.tags) filter.add("tags", patterns(*f.tags), f.tags->span);
        if (f.paths) filter.add("filePaths", patterns(*f.paths), f.paths->span);
        filters.push(std::move(filter));
      }
      if (!filters.items.empty()) git.add(pull_request ? "pullRequest" : "push", std::move(filters), t.span);
    }
    Json trigger = Json::object(t.span);
    trigger.add("providerType", Json::string("CodeStarSourceConnection", t.span), t.span);
    trigger.add("gitConfiguration", std::move(git), t.span);
    triggers.push(std::move(trigger));
  }
  return triggers;
}

Json codepipeline_json(const ir::Pipeline& p, const std::map<std::string, std::string>& vars) {
  Json declaration = Json::object(p.span);
  declaration.add("name", Json::string(p.name.text, p.name.span), p.name.span);
  if (p.role) {
    declaration.add("roleArn", Json::string(*p.role), p.role->span);
  } else {
    declaration.add("roleArn", Json::string(role_arn(pipeline_role_name(p), p.name.span)), p.name.span);
  }
  const auto store = [&](const ir::Store& s) {
    Json object = Json::object(s.span);
    object.add("type", Json::string("S3", s.span), s.span);
    object.add("location", Json::string(s.bucket ? *s.bucket : artifact_bucket_name(p)), s.span);
    if (s.kms) {
      Json key = Json::object(s.kms->span);
      // A key the stack creates is named by its ARN, which only the stack
      // knows (an alias would not do for cross-account actions): for the
      // linter, a key ARN in its place; this JSON is not written (plan_build).
      const Text id = s.generated_key
                          ? arn("kms", ArnScope::regional, Text::literal("key/" + p.name.text + "-artifacts", s.kms->span), s.kms->span)
                          : *s.kms;
      key.add("id", Json::string(id), s.kms->span);
      key.add("type", Json::string("KMS", s.kms->span), s.kms->span);
      object.add("encryptionKey", std::move(key), s.kms->span);
    }
    return object;
  };
  const bool regional = std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return s.region.has_value(); });
  if (p.stores.empty()) {
    declaration.add("artifactStore", store(ir::Store{std::nullopt, std::nullopt, std::nullopt, false, p.name.span}), p.name.span);
  } else if (!regional && p.stores.size() == 1) {
    declaration.add("artifactStore", store(p.stores.front()), p.stores.front().span);
  } else {
    // artifactStores: a map from Region to store; the key must be literal.
    Json map = Json::object(p.stores.front().span);
    for (const auto& s : p.stores) {
      // The key of the pipeline's own store is its Region: the value given for
      // ${region}, else what lint reads it as (the JSON then lacks ${region}
      // elsewhere too, and is not written).
      const auto own = vars.find("region");
      const std::string region = s.region ? s.region->resolve(vars, true).value_or("")
                                 : own != vars.end() ? own->second
                                                     : std::string(ir::pseudo_stand_in(ir::Pseudo::region));
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
    if (auto failure = on_failure_json(st)) stage.add("onFailure", std::move(*failure), st.on_failure->span);
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
    declaration.add("variables", std::move(variables), p.variables.front().span);
  }
  if (!p.triggers.empty()) declaration.add("triggers", triggers_json(p), p.triggers.front().span);
  Json root = Json::object(p.span);
  root.add("pipeline", std::move(declaration), p.name.span);
  if (!p.tags.empty()) {
    Json tags = Json::array(p.tags.front().span);
    for (const auto& t : p.tags) {
      Json tag = Json::object(t.span);
      tag.add("key", Json::string(t.key), t.key.span);
      tag.add("value", Json::string(t.value), t.value.span);
      tags.push(std::move(tag));
    }
    root.add("tags", std::move(tags), p.tags.front().span);
  }
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

Json put_rule_json(const ir::Rule& r) {
  Json root = Json::object(r.span);
  root.add("Name", Json::string(r.name.text, r.name.span), r.name.span);
  if (r.description) root.add("Description", Json::string(*r.description), r.description->span);
  // A rule with no pattern (reported when resolving) has none to lint.
  if (!r.pattern_file && r.pattern.kind != Json::Kind::null) root.add("EventPattern", r.pattern, r.pattern_span);
  if (r.state) root.add("State", Json::string(*r.state), r.state->span);
  if (r.bus) root.add("EventBusName", Json::string(*r.bus), r.bus->span);
  return root;
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
    target.add("Arn", Json::string(arn("codepipeline", ArnScope::regional, Text::literal(t.pipeline.text, at), at)), at);
    if (t.role) {
      target.add("RoleArn", Json::string(*t.role), t.role->span);
    } else {
      target.add("RoleArn", Json::string(role_arn(events_role_name(r), at)), t.span);
    }
    if (auto transformer = transformer_json(t)) target.add("InputTransformer", std::move(*transformer), t.span);
    targets.push(std::move(target));
  }
  for (const auto& t : r.service_targets) {
    Json target = Json::object(t.span);
    target.add("Id", Json::string(service_target_id(t), t.id ? t.id->span : t.arn.span), t.span);
    target.add("Arn", Json::string(service_target_arn(t)), t.arn.span);
    targets.push(std::move(target));
  }
  root.add("Targets", std::move(targets), r.span);
  return root;
}

}  // namespace pipec::emit
