// The one translation unit that includes valijson. Its errors become
// exceptions (the CMake target sets this too), caught where schemas load.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include "schema/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/bundled.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::schema {

namespace {

using json = nlohmann::json;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;
using Path = std::vector<std::string>;

// libstdc++'s std::regex recurses once per character and overflows the stack
// on long strings (about 50,000 characters, 10,000 under AddressSanitizer).
// valijson applies "pattern" with it, so strings longer than this are cut
// before validation; their lengths are checked here instead.
constexpr std::size_t kRegexSafeLength = 1024;

struct Compiled {
  json raw;
  valijson::Schema schema;
};

std::string path_key(const Path& path) {
  std::string key;
  for (const auto& segment : path) {
    key += segment;
    key += '\x1f';
  }
  return key;
}

// Document -> nlohmann JSON. Duplicate keys: the last wins, as in
// Document::get. Records the paths of strings that were cut.
json convert(const Document& doc, NodeId id, Path& path, std::map<std::string, std::size_t>& cut) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::null: return nullptr;
    case NodeKind::boolean: return n.boolean;
    case NodeKind::number: {
      // Integers stay integers so "type": "integer" sees them as such.
      const bool integral = n.text.find_first_of(".eE") == std::string::npos;
      if (integral) {
        try {
          return n.text.front() == '-' ? json(std::stoll(n.text)) : json(std::stoull(n.text));
        } catch (const std::exception&) {
        }
      }
      try {
        return std::stod(n.text);
      } catch (const std::exception&) {
        return 0.0;
      }
    }
    case NodeKind::string: {
      if (n.text.size() <= kRegexSafeLength) return n.text;
      cut[path_key(path)] = util::count_code_points(n.text);
      std::size_t end = kRegexSafeLength;
      while (end > 0 && (static_cast<unsigned char>(n.text[end]) & 0xC0) == 0x80) --end;
      return n.text.substr(0, end);
    }
    case NodeKind::array: {
      json out = json::array();
      std::size_t index = 0;
      for (const NodeId item : doc.items(id)) {
        path.push_back(std::to_string(index++));
        out.push_back(convert(doc, item, path, cut));
        path.pop_back();
      }
      return out;
    }
    case NodeKind::object: {
      json out = json::object();
      for (const auto& m : doc.members(id)) {
        path.push_back(m.key);
        out[m.key] = convert(doc, m.value, path, cut);
        path.pop_back();
      }
      return out;
    }
    case NodeKind::invalid: return nullptr;
  }
  return nullptr;
}

// The document node at `path` below `root` (kNoNode if there is none).
NodeId resolve(const Document& doc, NodeId root, const Path& path, std::size_t length) {
  NodeId at = root;
  for (std::size_t i = 0; i < length && at != syntax::kNoNode; ++i) {
    const auto& n = doc.node(at);
    if (n.kind == NodeKind::object) {
      at = doc.get(at, path[i]);
    } else if (n.kind == NodeKind::array) {
      std::size_t index = 0;
      try {
        index = std::stoul(path[i]);
      } catch (const std::exception&) {
        return syntax::kNoNode;
      }
      const auto items = doc.items(at);
      at = index < items.size() ? items[index] : syntax::kNoNode;
    } else {
      return syntax::kNoNode;
    }
  }
  return at;
}

// -- finding the schema that applies at a path -------------------------------

const json* resolve_ref(const json& root, const std::string& ref) {
  if (ref.empty() || ref[0] != '#') return nullptr;
  try {
    const json::json_pointer pointer(ref.substr(1));
    return root.contains(pointer) ? &root.at(pointer) : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool short_regex_match(const std::string& pattern, const std::string& text) {
  if (text.size() > kRegexSafeLength) return false;
  try {
    return std::regex_search(text, std::regex(pattern));
  } catch (const std::exception&) {
    return false;
  }
}

bool type_matches(const json& type, const json& instance) {
  const auto one = [&](const std::string& t) {
    if (t == "object") return instance.is_object();
    if (t == "array") return instance.is_array();
    if (t == "string") return instance.is_string();
    if (t == "integer") return instance.is_number_integer() || instance.is_number_unsigned();
    if (t == "number") return instance.is_number();
    if (t == "boolean") return instance.is_boolean();
    if (t == "null") return instance.is_null();
    return false;
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    return std::any_of(type.begin(), type.end(), [&](const json& t) { return t.is_string() && one(t.get<std::string>()); });
  }
  return true;
}

// A small evaluator for the conditions of if/then/else, enough for the
// conditions our schemas write (type, const, enum, required, properties,
// pattern, not, allOf, anyOf). Unknown keywords count as satisfied.
bool matches(const json& root, const json& schema, const json& instance, int depth = 0) {
  if (depth > 32) return true;
  if (schema.is_boolean()) return schema.get<bool>();
  if (!schema.is_object()) return true;
  if (const auto it = schema.find("$ref"); it != schema.end() && it->is_string()) {
    if (const json* target = resolve_ref(root, it->get<std::string>())) {
      if (!matches(root, *target, instance, depth + 1)) return false;
    }
  }
  if (const auto it = schema.find("type"); it != schema.end() && !type_matches(*it, instance)) return false;
  if (const auto it = schema.find("const"); it != schema.end() && *it != instance) return false;
  if (const auto it = schema.find("enum"); it != schema.end() && it->is_array() &&
                                           std::find(it->begin(), it->end(), instance) == it->end()) {
    return false;
  }
  if (const auto it = schema.find("pattern"); it != schema.end() && instance.is_string() &&
                                              !short_regex_match(it->get<std::string>(), instance.get<std::string>())) {
    return false;
  }
  if (instance.is_object()) {
    if (const auto it = schema.find("required"); it != schema.end() && it->is_array()) {
      for (const auto& key : *it) {
        if (key.is_string() && !instance.contains(key.get<std::string>())) return false;
      }
    }
    if (const auto it = schema.find("properties"); it != schema.end() && it->is_object()) {
      for (const auto& [key, sub] : it->items()) {
        if (instance.contains(key) && !matches(root, sub, instance.at(key), depth + 1)) return false;
      }
    }
  }
  if (const auto it = schema.find("not"); it != schema.end() && matches(root, *it, instance, depth + 1)) return false;
  if (const auto it = schema.find("allOf"); it != schema.end() && it->is_array()) {
    for (const auto& sub : *it) {
      if (!matches(root, sub, instance, depth + 1)) return false;
    }
  }
  if (const auto it = schema.find("anyOf"); it != schema.end() && it->is_array()) {
    if (std::none_of(it->begin(), it->end(), [&](const json& sub) { return matches(root, sub, instance, depth + 1); })) {
      return false;
    }
  }
  return true;
}

// Every schema object that applies to `instance` directly: the schema itself
// and what $ref, allOf, anyOf, oneOf and the taken branch of if/then/else add.
void expand(const json& root, const json& schema, const json& instance, std::vector<const json*>& out, int depth = 0) {
  if (depth > 32 || !schema.is_object()) return;
  if (std::find(out.begin(), out.end(), &schema) != out.end()) return;
  out.push_back(&schema);
  if (const auto it = schema.find("$ref"); it != schema.end() && it->is_string()) {
    if (const json* target = resolve_ref(root, it->get<std::string>())) expand(root, *target, instance, out, depth + 1);
  }
  for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
    if (const auto it = schema.find(keyword); it != schema.end() && it->is_array()) {
      for (const auto& sub : *it) expand(root, sub, instance, out, depth + 1);
    }
  }
  if (const auto it = schema.find("if"); it != schema.end()) {
    const char* branch = matches(root, *it, instance) ? "then" : "else";
    if (const auto b = schema.find(branch); b != schema.end()) expand(root, *b, instance, out, depth + 1);
  }
}

std::vector<const json*> applicable(const json& root, const json& instance_root, const Path& path) {
  std::vector<const json*> current;
  expand(root, root, instance_root, current);
  const json* instance = &instance_root;
  for (const auto& segment : path) {
    std::vector<const json*> next;
    const json* child = nullptr;
    if (instance->is_object()) {
      if (!instance->contains(segment)) return {};
      child = &instance->at(segment);
      for (const json* s : current) {
        bool named = false;
        if (const auto p = s->find("properties"); p != s->end() && p->contains(segment)) {
          expand(root, p->at(segment), *child, next);
          named = true;
        }
        if (const auto pp = s->find("patternProperties"); pp != s->end() && pp->is_object()) {
          for (const auto& [pattern, sub] : pp->items()) {
            if (short_regex_match(pattern, segment)) {
              expand(root, sub, *child, next);
              named = true;
            }
          }
        }
        if (const auto ap = s->find("additionalProperties"); !named && ap != s->end() && ap->is_object()) {
          expand(root, *ap, *child, next);
        }
      }
    } else if (instance->is_array()) {
      std::size_t index = 0;
      try {
        index = std::stoul(segment);
      } catch (const std::exception&) {
        return {};
      }
      if (index >= instance->size()) return {};
      child = &instance->at(index);
      for (const json* s : current) {
        if (const auto items = s->find("items"); items != s->end()) {
          if (items->is_object()) expand(root, *items, *child, next);
          if (items->is_array() && index < items->size()) expand(root, items->at(index), *child, next);
        }
      }
    } else {
      return {};
    }
    current = std::move(next);
    instance = child;
  }
  return current;
}

// The first value of `keyword` among the applicable schemas that satisfies
// `accept` (which tells whether this is the constraint that failed).
template <typename Accept>
const json* keyword(const std::vector<const json*>& schemas, const char* name, Accept accept) {
  for (const json* s : schemas) {
    if (const auto it = s->find(name); it != s->end() && accept(*it)) return &*it;
  }
  return nullptr;
}

const json* keyword(const std::vector<const json*>& schemas, const char* name) {
  return keyword(schemas, name, [](const json&) { return true; });
}

std::string annotation(const std::vector<const json*>& schemas, const char* name) {
  const json* value = keyword(schemas, name, [](const json& v) { return v.is_string(); });
  return value == nullptr ? "" : value->get<std::string>();
}

// -- messages -------------------------------------------------------------------

enum class ErrorKind {
  required, additional, enumeration, constant, pattern, type, min_length, max_length, minimum, maximum,
  min_items, max_items, unique, min_properties, max_properties, negation, summary, other
};

struct RawError {
  ErrorKind kind;
  Path path;
  std::string description;
  std::string name;  // property name for required/additional
  std::size_t first = 0, second = 0;  // indexes for unique
};

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const auto a = text.find(open);
  if (a == std::string::npos) return "";
  const auto b = text.rfind(close);
  if (b == std::string::npos || b < a + open.size()) return "";
  return text.substr(a + open.size(), b - a - open.size());
}

RawError classify(const valijson::ValidationResults::Error& e) {
  RawError r{ErrorKind::other, {}, e.description, {}, 0, 0};
  for (std::size_t i = 1; i < e.context.size(); ++i) {
    const std::string& c = e.context[i];
    r.path.push_back(c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c);
  }
  const std::string& d = e.description;
  const auto starts = [&](std::string_view prefix) { return d.compare(0, prefix.size(), prefix) == 0; };
  if (starts("Missing required property '")) {
    r.kind = ErrorKind::required;
    r.name = between(d, "'", "'.");
  } else if (starts("Object contains a property that could not be validated")) {
    r.kind = ErrorKind::additional;
    r.name = between(d, "constraints: '", "'.");
  } else if (starts("Failed to match against any enum")) {
    r.kind = ErrorKind::enumeration;
  } else if (starts("Failed to match expected value set by 'const'") || starts("Target value and comparison value")) {
    r.kind = ErrorKind::constant;
  } else if (starts("Failed to match regex")) {
    r.kind = ErrorKind::pattern;
  } else if (starts("Value type not permitted")) {
    r.kind = ErrorKind::type;
  } else if (starts("String should be no more than")) {
    r.kind = ErrorKind::max_length;
  } else if (starts("String should be no fewer than")) {
    r.kind = ErrorKind::min_length;
  } else if (starts("Expected number less than")) {
    r.kind = ErrorKind::maximum;
  } else if (starts("Expected number greater than")) {
    r.kind = ErrorKind::minimum;
  } else if (starts("Array should contain no more than")) {
    r.kind = ErrorKind::max_items;
  } else if (starts("Array should contain no fewer than")) {
    r.kind = ErrorKind::min_items;
  } else if (starts("Elements at indexes #")) {
    r.kind = ErrorKind::unique;
    try {
      r.first = std::stoul(between(d, "#", " and #"));
      r.second = std::stoul(d.substr(d.find(" and #") + 6));
    } catch (const std::exception&) {
    }
  } else if (starts("Object should have no more than")) {
    r.kind = ErrorKind::max_properties;
  } else if (starts("Object should have no fewer than")) {
    r.kind = ErrorKind::min_properties;
  } else if (starts("Target should not validate")) {
    r.kind = ErrorKind::negation;
  } else if (starts("Failed to validate") || starts("Cannot validate")) {
    r.kind = ErrorKind::summary;
  }
  return r;
}

std::string show_value(const Document& doc, NodeId id) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::string: return util::quote(n.text, 80);
    case NodeKind::number: return n.text;
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
    const NodeId node = resolve(doc_, root_, e.path, e.path.size());
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
          out.help.push_back(fmt::format("write it as a string: {}", util::quote(n.kind == NodeKind::boolean ? (n.boolean ? "true" : "false") : n.text)));
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
    Path path;
    std::string segment;
    for (const char c : key) {
      if (c == '\x1f') {
        path.push_back(segment);
        segment.clear();
      } else {
        segment.push_back(c);
      }
    }
    const auto schemas = applicable(schema, instance, path);
    const json* max = keyword(schemas, "maxLength", [&](const json& v) { return v.is_number() && length > v.get<std::size_t>(); });
    if (max != nullptr) errors.push_back({ErrorKind::max_length, path, "", "", 0, 0});
  }
}

const json* instance_at(const json& root, const Path& path) {
  const json* at = &root;
  for (const auto& segment : path) {
    if (at->is_object() && at->contains(segment)) {
      at = &at->at(segment);
    } else if (at->is_array()) {
      try {
        const std::size_t index = std::stoul(segment);
        if (index >= at->size()) return nullptr;
        at = &at->at(index);
      } catch (const std::exception&) {
        return nullptr;
      }
    } else {
      return nullptr;
    }
  }
  return at;
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
    const json* object = instance_at(instance, path);
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
      const bool known = std::any_of(errors.begin(), errors.end(), [&](const RawError& e) {
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

struct Validator::Impl {
  std::map<std::string, std::unique_ptr<Compiled>, std::less<>> cache;
  valijson::Validator validator{valijson::Validator::kStrongTypes};

  Compiled& compiled(std::string_view name) {
    if (const auto it = cache.find(name); it != cache.end()) return *it->second;
    const auto text = bundled_schema(name);
    if (!text) throw std::logic_error(fmt::format("no bundled schema named {}", name));
    auto c = std::make_unique<Compiled>();
    c->raw = json::parse(*text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(c->raw), c->schema);
    return *cache.emplace(std::string(name), std::move(c)).first->second;
  }
};

struct Validator::Impls {
  std::mutex mutex;
  std::map<std::thread::id, std::unique_ptr<Impl>> by_thread;
};

Validator::Validator() : impls_(std::make_unique<Impls>()) {}
Validator::~Validator() = default;

Validator::Impl& Validator::for_this_thread() {
  const std::lock_guard lock(impls_->mutex);
  auto& impl = impls_->by_thread[std::this_thread::get_id()];
  if (!impl) impl = std::make_unique<Impl>();
  return *impl;
}

std::vector<SchemaError> Validator::validate(std::string_view name, const Document& document, NodeId node) {
  Impl& impl = for_this_thread();
  Compiled& c = impl.compiled(name);
  std::map<std::string, std::size_t> cut;
  Path path;
  const json instance = convert(document, node, path, cut);
  // Valid documents are the common case: a first pass that stops at the
  // first failure and records nothing, and the full pass only when needed.
  const valijson::adapters::NlohmannJsonAdapter adapter(instance);
  if (cut.empty() && impl.validator.validate(c.schema, adapter, nullptr)) return {};
  valijson::ValidationResults results;
  impl.validator.validate(c.schema, adapter, &results);

  std::vector<RawError> raw;
  for (const auto& e : results) {
    RawError r = classify(e);
    // Lengths of cut strings are judged below, on their real length.
    if ((r.kind == ErrorKind::max_length || r.kind == ErrorKind::min_length) && cut.contains(path_key(r.path))) continue;
    raw.push_back(std::move(r));
  }
  check_cut_lengths(c.raw, instance, cut, raw);
  report_every_unknown_key(c.raw, instance, raw);
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
  const Translator translator(document, node, c.raw, instance, cut);
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
