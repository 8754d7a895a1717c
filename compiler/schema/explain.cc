#include "schema/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "schema/applicable.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::schema {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::string show_value(const Document& doc, NodeId id) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::string: return util::quote(n.text, 80);
    case NodeKind::number: return std::string(n.text);
    case NodeKind::boolean: return n.boolean ? "true" : "false";
    case NodeKind::null: return "null";
    case NodeKind::array: return "an array";
    case NodeKind::object: return "an object";
    case NodeKind::invalid: return "not a valid value";
  }
  return "a value";
}

std::string show_json(const json& value) {
  if (value.is_string()) return util::quote(value.get<std::string>(), 80);
  return value.dump();
}

std::string type_phrase(const std::string& type) {
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "string") return "a string";
  if (type == "integer") return "an integer";
  if (type == "number") return "a number";
  if (type == "boolean") return "a boolean";
  if (type == "null") return "null";
  return type;
}

std::string expected_types(const json& type) {
  if (type.is_string()) return type_phrase(type.get<std::string>());
  std::vector<std::string> phrases;
  for (const auto& t : type) {
    if (t.is_string()) phrases.push_back(type_phrase(t.get<std::string>()));
  }
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == phrases.size() ? " or " : ", ") + phrases[i];
  }
  return out;
}

std::string describe_kind(NodeKind kind) { return std::string(syntax::describe(kind)); }

class Translator {
 public:
  Translator(const Document& doc, NodeId root, const json& schema, const json& instance,
             const std::map<std::string, std::size_t>& cut)
      : doc_(doc), root_(root), schema_(schema), instance_(instance), cut_(cut) {}

  std::optional<SchemaError> translate(const RawError& e) const {
    const NodeId node = node_at(doc_, root_, e.path);
    if (node == syntax::kNoNode) return std::nullopt;
    const auto schemas = applicable(schema_, instance_, e.path);
    const std::string subject = doc_.display_name(node);
    const auto& n = doc_.node(node);
    const std::string x_expected = annotation(schemas, "x-expected");
    const std::string x_help = annotation(schemas, "x-help");
    SchemaError out;
    out.span = n.span;
    const auto add_help = [&] {
      if (!x_help.empty()) out.help.push_back(x_help);
    };

    switch (e.kind) {
      case ErrorKind::required: {
        const std::string description = annotation(applicable_property(schemas, e.name), "description");
        out.span = n.parent == syntax::kNoNode ? source::Span{n.span.file, n.span.begin, n.span.begin + 1}
                                               : doc_.name_span(node);
        const std::string property = util::quote(doc_.key_alias(e.name));
        out.message = n.parent == syntax::kNoNode ? fmt::format("missing required property {}", property)
                                                  : fmt::format("{} is missing required property {}", subject, property);
        out.label = fmt::format("needs {}", property);
        if (!description.empty()) out.help.push_back(fmt::format("{}: {}", property, description));
        // The advice of the schema that requires it.
        for (const json* schema : schemas) {
          const auto r = schema->find("required");
          if (r == schema->end() || !r->is_array() || std::find(r->begin(), r->end(), e.name) == r->end()) continue;
          if (const std::string help = annotation({schema}, "x-help"); !help.empty()) out.help.push_back(help);
          break;
        }
        return out;
      }
      case ErrorKind::additional: {
        const syntax::Member* m = doc_.member(node, e.name);
        if (m != nullptr) out.span = m->key_span;
        std::vector<std::string> allowed;
        for (const json* s : schemas) {
          if (const auto p = s->find("properties"); p != s->end() && p->is_object()) {
            for (const auto& [key, value] : p->items()) {
              if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) allowed.push_back(key);
            }
          }
        }
        // A map whose keys follow a pattern (InputPathsMap) has no list of
        // names: the key itself is malformed.
        const std::string key_expected = annotation(schemas, "x-key-expected");
        if (!key_expected.empty()) {
          out.message = fmt::format("{} has key {}, expected {}", subject, util::quote(e.name), key_expected);
          out.label = "not a valid key";
          if (const auto guess = util::closest_match(e.name, allowed)) out.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
          return out;
        }
        out.message = n.parent == syntax::kNoNode
                          ? fmt::format("unknown property {}", util::quote(e.name))
                          : fmt::format("unknown property {} in {}", util::quote(e.name), subject);
        out.label = "not allowed here";
        if (const auto guess = util::closest_match(e.name, allowed)) {
          out.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
        } else if (!x_help.empty()) {
          out.help.push_back(x_help);
        } else if (!allowed.empty()) {
          out.help.push_back(fmt::format("allowed: {}", util::quote_list(allowed, "and", 20)));
        }
        return out;
      }
      case ErrorKind::enumeration: {
        const json* values = keyword(schemas, "enum", [&](const json& v) {
          return v.is_array() && std::find(v.begin(), v.end(), json_at(e.path)) == v.end();
        });
        std::vector<std::string> names;
        if (values != nullptr) {
          for (const auto& v : *values) names.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        }
        const std::string value = show_value(doc_, node);
        if (!x_expected.empty()) {
          out.message = fmt::format("{} is {}, expected {}", subject, value, x_expected);
        } else if (names.size() <= 6) {
          std::vector<std::string> shown;
          for (const auto& v : *values) shown.push_back(show_json(v));
          std::string list;
          for (std::size_t i = 0; i < shown.size(); ++i) {
            list += (i == 0 ? "" : i + 1 == shown.size() ? " or " : ", ") + shown[i];
          }
          out.message = fmt::format("{} is {}, expected {}{}", subject, value, shown.size() > 1 ? "one of " : "", list);
        } else {
          out.message = fmt::format("{} is {}, not one of the {} allowed values", subject, value, names.size());
        }
        out.label = "not an allowed value";
        if (n.kind == NodeKind::string) {
          if (const auto guess = util::closest_match(n.text, names)) {
            out.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
          }
        }
        if (names.size() > 6 || !x_expected.empty()) {
          out.help.push_back(fmt::format("allowed: {}", util::quote_list(names, "and", 40)));
        }
        add_help();
        return out;
      }
      case ErrorKind::constant: {
        const json* value = keyword(schemas, "const");
        out.message = value == nullptr ? fmt::format("{} is {}, which is not the allowed value", subject, show_value(doc_, node))
                                       : fmt::format("{} is {}, expected {}", subject, show_value(doc_, node), show_json(*value));
        out.label = "not the allowed value";
        add_help();
        return out;
      }
      case ErrorKind::pattern: {
        if (cut_.contains(path_key(e.path))) return std::nullopt;  // judged by its length instead
        const json* pattern = keyword(schemas, "pattern", [&](const json& p) {
          return p.is_string() && n.kind == NodeKind::string && !short_regex_match(p.get<std::string>(), n.text);
        });
        const std::string expected =
            !x_expected.empty() ? x_expected
                                : fmt::format("a value matching {}", pattern ? util::quote(pattern->get<std::string>(), 200) : "the pattern");
        out.message = fmt::format("{} is {}, expected {}", subject, show_value(doc_, node), expected);
        out.label = "does not match";
        add_help();
        return out;
      }
      case ErrorKind::type: {
        const json* type = keyword(schemas, "type", [&](const json& t) { return !type_matches(t, json_at(e.path)); });
        const std::string expected = type ? expected_types(*type) : "another type";
        out.message = fmt::format("{} is {}, expected {}", subject, describe_kind(n.kind), expected);
        out.label = fmt::format("{} here", describe_kind(n.kind));
        if (!x_help.empty()) {
          // The schema's own advice is more specific than the generic one.
        } else if (type != nullptr && expected == "a string" && (n.kind == NodeKind::number || n.kind == NodeKind::boolean)) {
          out.help.push_back(fmt::format("write it as a string: {}", util::quote(n.kind == NodeKind::boolean ? (n.boolean ? "true" : "false") : std::string_view(n.text))));
        } else if (type != nullptr && (expected == "an integer" || expected == "a number") && n.kind == NodeKind::string) {
          out.help.push_back(fmt::format("write the number without quotes: {}", n.text));
        } else if (type != nullptr && expected == "a boolean" && n.kind == NodeKind::string &&
                   (n.text == "true" || n.text == "false")) {
          out.help.push_back(fmt::format("write {} without quotes", n.text));
        }
        add_help();
        return out;
      }
      case ErrorKind::min_length:
      case ErrorKind::max_length: {
        const bool max = e.kind == ErrorKind::max_length;
        const std::size_t length = length_of(e.path, n);
        const json* limit = keyword(schemas, max ? "maxLength" : "minLength", [&](const json& v) {
          return v.is_number() && (max ? length > v.get<std::size_t>() : length < v.get<std::size_t>());
        });
        if (limit == nullptr) return std::nullopt;
        if (!max && length == 0) {
          out.message = fmt::format("{} is empty, expected at least {}", subject, util::plural(limit->get<std::size_t>(), "character"));
        } else {
          out.message = fmt::format("{} is {} long, expected at {} {}", subject, util::plural(length, "character"),
                                    max ? "most" : "least", limit->get<std::size_t>());
        }
        out.label = max ? "too long" : "too short";
        add_help();
        return out;
      }
      case ErrorKind::minimum:
      case ErrorKind::maximum: {
        const bool max = e.kind == ErrorKind::maximum;
        const json* limit = keyword(schemas, max ? "maximum" : "minimum");
        const json* exclusive = keyword(schemas, max ? "exclusiveMaximum" : "exclusiveMinimum");
        const json* bound = limit ? limit : exclusive;
        if (bound == nullptr) return std::nullopt;
        const bool strict = limit == nullptr;
        out.message = fmt::format("{} is {}, expected {} {}", subject, n.text,
                                  max ? (strict ? "less than" : "at most") : (strict ? "more than" : "at least"), bound->dump());
        out.label = max ? "too large" : "too small";
        add_help();
        return out;
      }
      case ErrorKind::min_items:
      case ErrorKind::max_items: {
        const bool max = e.kind == ErrorKind::max_items;
        const std::size_t count = n.count;
        const json* limit = keyword(schemas, max ? "maxItems" : "minItems", [&](const json& v) {
          return v.is_number() && (max ? count > v.get<std::size_t>() : count < v.get<std::size_t>());
        });
        if (limit == nullptr) return std::nullopt;
        const auto bound = limit->get<std::size_t>();
        if (count == 0) {
          out.message = fmt::format("{} is empty, expected at least {}", subject, util::plural(bound, "item"));
        } else {
          out.message = fmt::format("{} has {}, expected at {} {}", subject, util::plural(count, "item"), max ? "most" : "least", bound);
        }
        out.label = max ? "too many items" : "too few items";
        add_help();
        return out;
      }
      case ErrorKind::unique: {
        const auto items = doc_.items(node);
        if (e.second < items.size()) {
          out.span = doc_.node(items[e.second]).span;
          out.message = fmt::format("{} lists {} twice", subject, show_value(doc_, items[e.second]));
          out.label = "repeated";
        } else {
          out.message = fmt::format("{} has repeated items", subject);
        }
        add_help();
        return out;
      }
      case ErrorKind::min_properties:
      case ErrorKind::max_properties: {
        const bool max = e.kind == ErrorKind::max_properties;
        const json* limit = keyword(schemas, max ? "maxProperties" : "minProperties");
        if (limit == nullptr) return std::nullopt;
        const auto bound = limit->get<std::size_t>();
        if (!max && n.count == 0) {
          out.message = fmt::format("{} is an empty object", subject);
        } else if (max && bound == 1) {
          out.message = fmt::format("{} has {}, expected exactly one", subject, util::plural(n.count, "key"));
        } else {
          out.message = fmt::format("{} has {}, expected at {} {}", subject, util::plural(n.count, "key"), max ? "most" : "least", bound);
        }
        out.label = max ? "too many keys" : "too few keys";
        add_help();
        return out;
      }
      case ErrorKind::negation:
        // A property the schema forbids ("not": {"required": [...]}, or an
        // anyOf of such): point at it.
        if (const auto [m, forbidding] = forbidden_member(schemas, node); m != nullptr) {
          // The words of the schema that forbids it, not of its neighbours.
          const std::string expected = annotation({forbidding}, "x-expected");
          const std::string help = annotation({forbidding}, "x-help");
          out.span = m->key_span;
          out.message = expected.empty() ? fmt::format("{} has {}, which is not allowed here", subject, util::quote(m->key))
                                         : fmt::format("{} has {}, expected {}", subject, util::quote(m->key), expected);
          out.label = "not allowed here";
          if (!help.empty()) out.help.push_back(help);
          return out;
        }
        out.message = x_expected.empty() ? fmt::format("{} is {}, which is not allowed here", subject, show_value(doc_, node))
                                         : fmt::format("{} is {}, expected {}", subject, show_value(doc_, node), x_expected);
        out.label = "not allowed";
        add_help();
        return out;
      case ErrorKind::summary:
        out.message = x_expected.empty() ? fmt::format("{} does not match any allowed form", subject)
                                         : fmt::format("{} is {}, expected {}", subject, show_value(doc_, node), x_expected);
        add_help();
        return out;
      case ErrorKind::other:
        out.message = fmt::format("{}: {}", subject, e.description);
        return out;
    }
    return std::nullopt;
  }

  // The member of `node` that a `not` of the applicable schemas forbids by
  // requiring it.
  std::pair<const syntax::Member*, const json*> forbidden_member(const std::vector<const json*>& schemas, NodeId node) const {
    if (!doc_.is(node, NodeKind::object)) return {nullptr, nullptr};
    const auto present = [&](const json& required) -> const syntax::Member* {
      if (!required.is_array()) return nullptr;
      for (const auto& name : required) {
        if (!name.is_string()) continue;
        if (const syntax::Member* m = doc_.member(node, name.get<std::string>())) return m;
      }
      return nullptr;
    };
    for (const json* s : schemas) {
      const auto n = s->find("not");
      if (n == s->end() || !n->is_object()) continue;
      if (const auto r = n->find("required"); r != n->end()) {
        if (const auto* m = present(*r)) return {m, s};
      }
      if (const auto any = n->find("anyOf"); any != n->end() && any->is_array()) {
        for (const auto& branch : *any) {
          if (const auto r = branch.find("required"); r != branch.end()) {
            if (const auto* m = present(*r)) return {m, s};
          }
        }
      }
    }
    return {nullptr, nullptr};
  }

  // Strings cut before validation: their real length.
  std::size_t length_of(const Path& path, const syntax::Node& n) const {
    if (const auto it = cut_.find(path_key(path)); it != cut_.end()) return it->second;
    return util::count_code_points(n.text);
  }

  const json& json_at(const Path& path) const {
    const json* at = &instance_;
    for (const auto& segment : path) {
      if (at->is_object() && at->contains(segment)) {
        at = &at->at(segment);
      } else if (at->is_array()) {
        try {
          at = &at->at(std::stoul(segment));
        } catch (const std::exception&) {
          break;
        }
      } else {
        break;
      }
    }
    return *at;
  }

  // The schemas of property `name` among `schemas` (for its description).
  std::vector<const json*> applicable_property(const std::vector<const json*>& schemas, const std::string& name) const {
    std::vector<const json*> out;
    for (const json* s : schemas) {
      if (const auto p = s->find("properties"); p != s->end() && p->contains(name)) {
        expand(schema_, p->at(name), json(), out);
      }
    }
    return out;
  }

 private:
  const Document& doc_;
  NodeId root_;
  const json& schema_;
  const json& instance_;
  const std::map<std::string, std::size_t>& cut_;
};

// Length problems of strings that were cut, which valijson judged on the
// cut text: checked against the schema here, on the real length.
void check_cut_lengths(const json& schema, const json& instance, const std::map<std::string, std::size_t>& cut,
                       std::vector<RawError>& errors) {
  for (const auto& [key, length] : cut) {
    const Path path = path_from_key(key);
    const auto schemas = applicable(schema, instance, path);
    const json* max = keyword(schemas, "maxLength", [length = length](const json& v) { return v.is_number() && length > v.get<std::size_t>(); });
    if (max != nullptr) errors.push_back({ErrorKind::max_length, path, "", "", 0, 0});
  }
}

// valijson stops at the first key that additionalProperties rejects; every
// other one in the same object is found here.
void report_every_unknown_key(const json& schema, const json& instance, std::vector<RawError>& errors) {
  std::vector<Path> objects;
  for (const auto& e : errors) {
    if (e.kind == ErrorKind::additional && std::find(objects.begin(), objects.end(), e.path) == objects.end()) {
      objects.push_back(e.path);
    }
  }
  for (const auto& path : objects) {
    const json* object = value_at(instance, path);
    if (object == nullptr || !object->is_object()) continue;
    const auto schemas = applicable(schema, instance, path);
    const bool closed = std::any_of(schemas.begin(), schemas.end(), [](const json* s) {
      const auto it = s->find("additionalProperties");
      return it != s->end() && it->is_boolean() && !it->get<bool>();
    });
    if (!closed) continue;
    for (const auto& [key, value] : object->items()) {
      bool allowed = false;
      for (const json* s : schemas) {
        if (const auto p = s->find("properties"); p != s->end() && p->contains(key)) allowed = true;
        if (const auto pp = s->find("patternProperties"); pp != s->end() && pp->is_object()) {
          for (const auto& [pattern, sub] : pp->items()) {
            if (short_regex_match(pattern, key)) allowed = true;
          }
        }
      }
      const bool known = std::any_of(errors.begin(), errors.end(), [&, &key = key](const RawError& e) {
        return e.kind == ErrorKind::additional && e.path == path && e.name == key;
      });
      if (!allowed && !known) errors.push_back({ErrorKind::additional, path, "", key, 0, 0});
    }
  }
}

// "Repositoryname" is both an unknown key and a missing "RepositoryName":
// one mistake, reported once, as the unknown key with a suggestion.
void drop_required_with_typo(std::vector<RawError>& errors) {
  std::vector<RawError> kept;
  for (const auto& e : errors) {
    if (e.kind == ErrorKind::required) {
      const std::vector<std::string> wanted{e.name};
      const bool typo = std::any_of(errors.begin(), errors.end(), [&](const RawError& o) {
        return o.kind == ErrorKind::additional && o.path == e.path && util::closest_match(o.name, wanted).has_value();
      });
      if (typo) continue;
    }
    kept.push_back(e);
  }
  errors = std::move(kept);
}

}  // namespace

std::vector<SchemaError> explain(std::vector<RawError> raw, const Document& document, NodeId node, const json& schema,
                                 const Instance& instance) {
  check_cut_lengths(schema, instance.value, instance.cut, raw);
  report_every_unknown_key(schema, instance.value, raw);
  drop_required_with_typo(raw);

  // A summary ("failed to validate item #2") only stands when no more
  // specific error was found at or below its path.
  const auto below = [](const Path& outer, const Path& inner) {
    return inner.size() >= outer.size() && std::equal(outer.begin(), outer.end(), inner.begin());
  };
  // A value of the wrong type has no length, pattern or allowed value worth
  // reporting: the type error says it all.
  const auto wrong_type = [&](const Path& path) {
    return std::any_of(raw.begin(), raw.end(), [&](const RawError& o) { return o.kind == ErrorKind::type && o.path == path; });
  };
  std::vector<SchemaError> out;
  const Translator translator(document, node, schema, instance.value, instance.cut);
  for (const auto& r : raw) {
    if (r.kind != ErrorKind::type && r.kind != ErrorKind::required && r.kind != ErrorKind::additional &&
        wrong_type(r.path)) {
      continue;
    }
    if (r.kind == ErrorKind::summary &&
        std::any_of(raw.begin(), raw.end(), [&](const RawError& o) { return o.kind != ErrorKind::summary && below(r.path, o.path); })) {
      continue;
    }
    if (auto error = translator.translate(r)) out.push_back(std::move(*error));
  }
  return out;
}

}  // namespace pipec::schema
