#include "schema/applicable.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

namespace pipec::schema {

namespace {

const json* resolve_ref(const json& root, const std::string& ref) {
  if (ref.empty() || ref[0] != '#') return nullptr;
  try {
    const json::json_pointer pointer(ref.substr(1));
    return root.contains(pointer) ? &root.at(pointer) : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool matches(const json& root, const json& schema, const json& instance, int depth = 0);

}  // namespace

bool short_regex_match(const std::string& pattern, std::string_view text) {
  if (text.size() > kRegexSafeLength) return false;
  // Compiling a std::regex costs far more than matching with it, and the
  // schemas hold few patterns: each is compiled once per thread. A pattern
  // that does not compile matches nothing.
  thread_local std::map<std::string, std::optional<std::regex>, std::less<>> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) {
    std::optional<std::regex> regex;
    try {
      regex.emplace(pattern);
    } catch (const std::exception&) {
    }
    it = compiled.emplace(pattern, std::move(regex)).first;
  }
  if (!it->second) return false;
  try {
    return std::regex_search(text.begin(), text.end(), *it->second);
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

// Every schema object that applies to `instance` directly: the schema itself
// and what $ref, allOf, anyOf, oneOf and the taken branch of if/then/else add.
void expand(const json& root, const json& schema, const json& instance, std::vector<const json*>& out, int depth) {
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

const json* keyword(const std::vector<const json*>& schemas, const char* name) {
  return keyword(schemas, name, [](const json&) { return true; });
}

std::string annotation(const std::vector<const json*>& schemas, const char* name) {
  const json* value = keyword(schemas, name, [](const json& v) { return v.is_string(); });
  return value == nullptr ? "" : value->get<std::string>();
}

namespace {

// A small evaluator for the conditions of if/then/else, enough for the
// conditions our schemas write (type, const, enum, required, properties,
// pattern, not, allOf, anyOf). Unknown keywords count as satisfied.
bool matches(const json& root, const json& schema, const json& instance, int depth) {
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

}  // namespace

}  // namespace pipec::schema
