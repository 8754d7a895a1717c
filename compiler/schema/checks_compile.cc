#include <algorithm>
#include <map>

#include "schema/checks.h"

namespace pipec::schema {

namespace {

using namespace checks;

// -- compiling ---------------------------------------------------------------

class Compiler {
 public:
  Compiler(const nlohmann::json& root, CheckSet& out) : root_(root), out_(out) {}

  bool ok = true;

  CheckId compile(const nlohmann::json& node) {
    if (const auto it = memo_.find(&node); it != memo_.end()) return it->second;
    if (++depth_ > 100) return fail();  // a chain of $refs that never ends, or a schema too deep
    const CheckId id = compile_new(node);
    --depth_;
    return id;
  }

 private:
  CheckId compile_new(const nlohmann::json& node) {
    if (node.is_boolean()) {
      const CheckId id = add();
      out_.checks[static_cast<std::size_t>(id)].never = !node.get<bool>();
      memo_[&node] = id;
      return id;
    }
    if (!node.is_object()) return fail();
    // A $ref stands for the schema it names: valijson ignores its siblings.
    if (const auto ref = node.find("$ref"); ref != node.end()) {
      if (!ref->is_string()) return fail();
      const std::string& target = ref->get_ref<const std::string&>();
      if (target.empty() || target[0] != '#') return fail();
      const nlohmann::json::json_pointer pointer(target.substr(1));
      if (!root_.contains(pointer)) return fail();
      const nlohmann::json& referenced = root_.at(pointer);
      if (&referenced == &node) return fail();
      const CheckId id = compile(referenced);
      memo_[&node] = id;
      return id;
    }
    const CheckId id = add();
    memo_[&node] = id;
    Check c;
    for (const auto& [key, value] : node.items()) {
      if (!keyword(key, value, c)) return fail();
    }
    out_.checks[static_cast<std::size_t>(id)] = std::move(c);
    return id;
  }

  CheckId add() {
    out_.checks.emplace_back();
    return static_cast<CheckId>(out_.checks.size() - 1);
  }

  CheckId fail() {
    ok = false;
    return kNone;
  }

  // The index of a pattern in the compiled schema's table.
  int regex(const std::string& pattern) {
    const auto it = std::find(out_.patterns.begin(), out_.patterns.end(), pattern);
    if (it != out_.patterns.end()) return static_cast<int>(it - out_.patterns.begin());
    out_.patterns.push_back(pattern);
    return static_cast<int>(out_.patterns.size() - 1);
  }

  static std::optional<std::uint64_t> count(const nlohmann::json& v) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) return std::nullopt;
    return v.get<std::uint64_t>();
  }

  std::vector<CheckId> list(const nlohmann::json& v) {
    std::vector<CheckId> out;
    if (!v.is_array() || v.empty()) {
      ok = false;
      return out;
    }
    for (const auto& s : v) out.push_back(compile(s));
    return out;
  }

  // Reads one keyword into `c`; false for what the checker does not model.
  bool keyword(const std::string& key, const nlohmann::json& v, Check& c) {
    // Annotations.
    if (key == "description" || key == "title" || key == "$schema" || key == "$id" || key == "$comment" ||
        key == "default" || key == "examples" || key == "definitions" || key.rfind("x-", 0) == 0) {
      return true;
    }
    if (key == "type") {
      c.types = 0;
      const auto bit = [&](const nlohmann::json& name) -> bool {
        if (!name.is_string()) return false;
        const auto& n = name.get_ref<const std::string&>();
        if (n == "null") c.types |= kNull;
        else if (n == "boolean") c.types |= kBoolean;
        else if (n == "integer") c.types |= kInteger;
        else if (n == "number") c.types |= kInteger | kDouble;
        else if (n == "string") c.types |= kString;
        else if (n == "array") c.types |= kArray;
        else if (n == "object") c.types |= kObject;
        else return false;
        return true;
      };
      if (v.is_array()) {
        for (const auto& name : v) {
          if (!bit(name)) return false;
        }
        return true;
      }
      return bit(v);
    }
    if (key == "enum" || key == "const") {
      const auto add_value = [&](const nlohmann::json& e) {
        if (e.is_string()) c.enum_strings.push_back(e.get<std::string>());
        else if (e.is_boolean()) (e.get<bool>() ? c.enum_true : c.enum_false) = true;
        else if (e.is_null()) c.enum_null = true;
        else if (e.is_number()) c.enum_numbers.emplace_back(e.is_number_float() ? kDouble : kInteger, e.get<double>());
        else c.enum_other = true;
      };
      if (key == "enum") {
        if (!v.is_array() || c.has_enum) return false;
        for (const auto& e : v) add_value(e);
      } else {
        if (c.has_enum) return false;
        add_value(v);
      }
      c.has_enum = true;
      return true;
    }
    if (key == "minLength") return (c.min_length = count(v)).has_value();
    if (key == "maxLength") return (c.max_length = count(v)).has_value();
    if (key == "minItems") return (c.min_items = count(v)).has_value();
    if (key == "maxItems") return (c.max_items = count(v)).has_value();
    if (key == "minProperties") return (c.min_properties = count(v)).has_value();
    if (key == "maxProperties") return (c.max_properties = count(v)).has_value();
    if (key == "minimum" || key == "maximum") {
      if (!v.is_number()) return false;
      (key == "minimum" ? c.minimum : c.maximum) = v.get<double>();
      return true;
    }
    if (key == "pattern") {
      if (!v.is_string()) return false;
      c.pattern = regex(v.get<std::string>());
      return true;
    }
    if (key == "uniqueItems") {
      if (!v.is_boolean()) return false;
      c.unique_items = v.get<bool>();
      return true;
    }
    if (key == "required") {
      if (!v.is_array()) return false;
      for (const auto& r : v) {
        if (!r.is_string()) return false;
        c.required.push_back(r.get<std::string>());
      }
      return true;
    }
    if (key == "properties") {
      if (!v.is_object()) return false;
      for (const auto& [name, schema] : v.items()) c.properties.emplace_back(name, compile(schema));
      std::sort(c.properties.begin(), c.properties.end());
      return true;
    }
    if (key == "patternProperties") {
      if (!v.is_object()) return false;
      for (const auto& [pattern, schema] : v.items()) c.pattern_properties.emplace_back(regex(pattern), compile(schema));
      return true;
    }
    if (key == "additionalProperties") {
      if (v.is_boolean()) {
        c.no_additional = !v.get<bool>();
        return true;
      }
      c.additional = compile(v);
      return true;
    }
    if (key == "items") {
      if (!v.is_object() && !v.is_boolean()) return false;  // the tuple form is not modelled
      c.items = compile(v);
      return true;
    }
    if (key == "allOf") return !(c.all_of = list(v)).empty();
    if (key == "anyOf") return !(c.any_of = list(v)).empty();
    if (key == "oneOf") return !(c.one_of = list(v)).empty();
    if (key == "not") return (c.not_check = compile(v)) != kNone;
    if (key == "if") return (c.if_check = compile(v)) != kNone;
    if (key == "then") return (c.then_check = compile(v)) != kNone;
    if (key == "else") return (c.else_check = compile(v)) != kNone;
    return false;
  }

  const nlohmann::json& root_;
  CheckSet& out_;
  std::map<const nlohmann::json*, CheckId> memo_;
  int depth_ = 0;
};

}  // namespace

std::optional<CheckSet> compile_schema_checks(const nlohmann::json& schema) {
  CheckSet out;
  Compiler compiler(schema, out);
  out.root = compiler.compile(schema);
  if (!compiler.ok || out.root == kNone) return std::nullopt;
  return out;
}

}  // namespace pipec::schema
