#include "schema/validity.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schema/instance.h"
#include "util/simple_regex.h"
#include "util/utf8.h"

namespace pipec::schema {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

// What valijson, with strong types, takes each value for.
enum TypeBit : std::uint8_t {
  kNull = 1,
  kBoolean = 2,
  kInteger = 4,
  kDouble = 8,
  kString = 16,
  kArray = 32,
  kObject = 64,
};
constexpr std::uint8_t kAnyType = 127;

// Three answers: a value is valid, invalid, or the checker cannot tell.
enum class Verdict { valid, invalid, unknown };

// A pattern, as valijson applies it (std::regex_search): by SimpleRegex
// when it is that simple, else by a std::regex compiled on first use, once
// for every thread (a compiled std::regex is only read by regex_search).
class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern) : pattern_(std::move(pattern)), simple_(util::SimpleRegex::parse(pattern_)) {}
  bool search(const std::string& text) const {
    if (simple_) return simple_->search(text);
    std::call_once(once_, [this] { regex_.emplace(pattern_); });
    return std::regex_search(text, *regex_);
  }

 private:
  std::string pattern_;
  std::optional<util::SimpleRegex> simple_;
  mutable std::once_flag once_;
  mutable std::optional<std::regex> regex_;
};

using CheckId = int;
constexpr CheckId kNone = -1;

struct Check {
  bool never = false;  // the schema `false`
  std::uint8_t types = kAnyType;
  // enum and const: strings and booleans and null are compared; any other
  // value in the list makes a number, array or object instance undecided.
  bool has_enum = false;
  std::vector<std::string> enum_strings;
  bool enum_true = false, enum_false = false, enum_null = false, enum_other = false;
  std::optional<std::uint64_t> min_length, max_length;
  const LazyRegex* pattern = nullptr;
  std::vector<std::pair<std::string, CheckId>> properties;  // sorted by key
  std::vector<std::pair<const LazyRegex*, CheckId>> pattern_properties;
  CheckId additional = kNone;
  bool no_additional = false;
  std::vector<std::string> required;
  std::optional<std::uint64_t> min_properties, max_properties;
  CheckId items = kNone;
  std::optional<std::uint64_t> min_items, max_items;
  bool unique_items = false;
  std::optional<double> minimum, maximum;
  std::vector<CheckId> all_of, any_of, one_of;
  CheckId not_check = kNone, if_check = kNone, then_check = kNone, else_check = kNone;

  bool has_string_constraints() const {
    return has_enum || min_length || max_length || pattern != nullptr;
  }
};

}  // namespace

class CompiledChecks {
 public:
  std::vector<Check> checks;
  CheckId root = kNone;
};

namespace {

// -- compiling ---------------------------------------------------------------

class Compiler {
 public:
  Compiler(const nlohmann::json& root, CompiledChecks& out) : root_(root), out_(out) {}

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

  // One LazyRegex per pattern for the whole process: schemas repeat their
  // patterns, and each is compiled once, however many use it.
  static const LazyRegex* regex(const std::string& pattern) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<LazyRegex>, std::less<>> regexes;
    const std::lock_guard lock(mutex);
    auto& slot = regexes[pattern];
    if (!slot) slot = std::make_unique<LazyRegex>(pattern);
    return slot.get();
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
  CompiledChecks& out_;
  std::map<const nlohmann::json*, CheckId> memo_;
  int depth_ = 0;
};

// -- checking ----------------------------------------------------------------

Verdict both(Verdict a, Verdict b) {
  if (a == Verdict::invalid || b == Verdict::invalid) return Verdict::invalid;
  if (a == Verdict::unknown || b == Verdict::unknown) return Verdict::unknown;
  return Verdict::valid;
}

class Checker {
 public:
  Checker(const CompiledChecks& compiled, const Document& doc) : compiled_(compiled), doc_(doc) {}

  Verdict check(CheckId id, NodeId node) {
    if (id == kNone) return Verdict::unknown;
    if (++depth_ > 200) {
      --depth_;
      return Verdict::unknown;
    }
    const Verdict v = run(compiled_.checks[static_cast<std::size_t>(id)], node);
    --depth_;
    return v;
  }

 private:
  // A value as valijson sees it after schema::to_instance: its type bit, and
  // for numbers the value compared with minimum and maximum.
  struct Seen {
    std::uint8_t type = 0;
    double number = 0;
    bool clean = true;  // objects: no duplicate keys, keys valid UTF-8
  };

  Seen see(NodeId node) const {
    const auto& n = doc_.node(node);
    Seen s;
    switch (n.kind) {
      case NodeKind::null: s.type = kNull; break;
      case NodeKind::boolean: s.type = kBoolean; break;
      case NodeKind::number: {
        const nlohmann::json j = number_json(n.text);
        s.type = j.is_number_integer() ? kInteger : kDouble;
        s.number = j.get<double>();
        break;
      }
      case NodeKind::string: s.type = kString; break;  // clean: string_clean(), when a check reads it
      case NodeKind::array: s.type = kArray; break;
      case NodeKind::object: {
        s.type = kObject;
        s.clean = !has_duplicate_or_invalid_keys(node);
        break;
      }
      case NodeKind::invalid: s.clean = false; break;
    }
    return s;
  }

  // Whether valijson sees this string as written: valid UTF-8 (to_instance
  // replaces the rest), no NUL (its lengths stop there), not cut for std::regex.
  bool string_clean(NodeId node) const {
    const std::string& text = doc_.node(node).text;
    return text.size() <= kRegexSafeLength && text.find('\0') == std::string::npos && !util::first_invalid_utf8(text);
  }

  bool has_duplicate_or_invalid_keys(NodeId node) const {
    const auto members = doc_.members(node);
    std::vector<std::string_view> keys;
    keys.reserve(members.size());
    for (const auto& m : members) {
      if (util::first_invalid_utf8(m.key)) return true;
      keys.push_back(m.key);
    }
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
  }

  Verdict run(const Check& c, NodeId node) {
    if (c.never) return Verdict::invalid;
    const Seen seen = see(node);
    if (seen.type == 0) return Verdict::unknown;  // an invalid node: valijson sees null, pipec said why
    if ((c.types & seen.type) == 0) return Verdict::invalid;
    Verdict verdict = Verdict::valid;

    if (c.has_enum) verdict = both(verdict, in_enum(c, node, seen));
    if (seen.type == kString && (c.min_length || c.max_length || c.pattern != nullptr)) {
      if (!string_clean(node)) return Verdict::unknown;
      const std::string& text = doc_.node(node).text;
      const std::uint64_t length = util::count_code_points(text);
      if (c.min_length && length < *c.min_length) return Verdict::invalid;
      if (c.max_length && length > *c.max_length) return Verdict::invalid;
      if (c.pattern != nullptr && !c.pattern->search(text)) return Verdict::invalid;
    }
    if ((seen.type == kInteger || seen.type == kDouble) && (c.minimum || c.maximum)) {
      if (c.minimum && seen.number < *c.minimum) return Verdict::invalid;
      if (c.maximum && seen.number > *c.maximum) return Verdict::invalid;
    }
    if (seen.type == kObject) {
      if (!seen.clean) return Verdict::unknown;
      verdict = both(verdict, object(c, node));
    }
    if (seen.type == kArray) verdict = both(verdict, array(c, node));
    if (verdict == Verdict::invalid) return verdict;

    for (const CheckId s : c.all_of) verdict = both(verdict, check(s, node));
    if (!c.any_of.empty()) {
      Verdict any = Verdict::invalid;
      for (const CheckId s : c.any_of) {
        const Verdict v = check(s, node);
        if (v == Verdict::valid) {
          any = Verdict::valid;
          break;
        }
        if (v == Verdict::unknown) any = Verdict::unknown;
      }
      verdict = both(verdict, any);
    }
    if (!c.one_of.empty()) {
      int matched = 0;
      bool unsure = false;
      for (const CheckId s : c.one_of) {
        const Verdict v = check(s, node);
        if (v == Verdict::valid) ++matched;
        if (v == Verdict::unknown) unsure = true;
      }
      verdict = both(verdict, unsure ? Verdict::unknown : matched == 1 ? Verdict::valid : Verdict::invalid);
    }
    if (c.not_check != kNone) {
      const Verdict v = check(c.not_check, node);
      verdict = both(verdict, v == Verdict::unknown ? v : v == Verdict::valid ? Verdict::invalid : Verdict::valid);
    }
    if (c.if_check != kNone) {
      const Verdict condition = check(c.if_check, node);
      if (condition == Verdict::unknown) return Verdict::unknown;
      const CheckId branch = condition == Verdict::valid ? c.then_check : c.else_check;
      if (branch != kNone) verdict = both(verdict, check(branch, node));
    }
    return verdict;
  }

  Verdict in_enum(const Check& c, NodeId node, const Seen& seen) const {
    const Document& doc = doc_;
    switch (seen.type) {
      case kString: {
        if (!string_clean(node)) return Verdict::unknown;
        const std::string& text = doc.node(node).text;
        const bool found = std::find(c.enum_strings.begin(), c.enum_strings.end(), text) != c.enum_strings.end();
        return found ? Verdict::valid : Verdict::invalid;
      }
      case kBoolean:
        return (doc.node(node).boolean ? c.enum_true : c.enum_false) ? Verdict::valid : Verdict::invalid;
      case kNull: return c.enum_null ? Verdict::valid : Verdict::invalid;
      default:
        // Numbers, arrays and objects compare by valijson's rules of equality.
        return c.enum_other ? Verdict::unknown : Verdict::invalid;
    }
  }

  Verdict object(const Check& c, NodeId node) {
    const auto members = doc_.members(node);
    if (c.min_properties && members.size() < *c.min_properties) return Verdict::invalid;
    if (c.max_properties && members.size() > *c.max_properties) return Verdict::invalid;
    for (const auto& r : c.required) {
      if (doc_.get(node, r) == syntax::kNoNode) return Verdict::invalid;
    }
    Verdict verdict = Verdict::valid;
    const bool constrained = !c.properties.empty() || !c.pattern_properties.empty() || c.no_additional ||
                             c.additional != kNone;
    if (!constrained) return verdict;
    for (const auto& m : members) {
      bool matched = false;
      const auto it = std::lower_bound(c.properties.begin(), c.properties.end(), m.key,
                                       [](const auto& p, const std::string& key) { return p.first < key; });
      if (it != c.properties.end() && it->first == m.key) {
        matched = true;
        verdict = both(verdict, check(it->second, m.value));
      }
      for (const auto& [regex, schema] : c.pattern_properties) {
        if (m.key.size() > kRegexSafeLength) return Verdict::unknown;
        if (regex->search(m.key)) {
          matched = true;
          verdict = both(verdict, check(schema, m.value));
        }
      }
      if (!matched) {
        if (c.no_additional) return Verdict::invalid;
        if (c.additional != kNone) verdict = both(verdict, check(c.additional, m.value));
      }
      if (verdict == Verdict::invalid) return verdict;
    }
    return verdict;
  }

  Verdict array(const Check& c, NodeId node) {
    const auto items = doc_.items(node);
    if (c.min_items && items.size() < *c.min_items) return Verdict::invalid;
    if (c.max_items && items.size() > *c.max_items) return Verdict::invalid;
    Verdict verdict = Verdict::valid;
    if (c.unique_items && items.size() > 1) verdict = unique(items);
    if (c.items != kNone) {
      for (const NodeId item : items) {
        verdict = both(verdict, check(c.items, item));
        if (verdict == Verdict::invalid) return verdict;
      }
    }
    return verdict;
  }

  // Strings, booleans, null and integers compare as valijson compares them;
  // anything else leaves the answer to valijson.
  Verdict unique(std::span<const NodeId> items) const {
    std::vector<std::pair<std::uint8_t, std::string>> keys;
    keys.reserve(items.size());
    for (const NodeId item : items) {
      const Seen s = see(item);
      const auto& n = doc_.node(item);
      switch (s.type) {
        case kString:
          if (!string_clean(item)) return Verdict::unknown;
          keys.emplace_back(kString, n.text);
          break;
        case kBoolean: keys.emplace_back(kBoolean, n.boolean ? "true" : "false"); break;
        case kNull: keys.emplace_back(kNull, ""); break;
        case kInteger: keys.emplace_back(kInteger, number_json(n.text).dump()); break;
        default: return Verdict::unknown;
      }
    }
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end() ? Verdict::invalid : Verdict::valid;
  }

  const CompiledChecks& compiled_;
  const Document& doc_;
  int depth_ = 0;
};

}  // namespace

std::shared_ptr<const CompiledChecks> compile_checks(const nlohmann::json& schema) {
  auto out = std::make_shared<CompiledChecks>();
  Compiler compiler(schema, *out);
  out->root = compiler.compile(schema);
  if (!compiler.ok || out->root == kNone) return nullptr;
  return out;
}

bool known_valid(const CompiledChecks& checks, const Document& document, NodeId node) {
  if (node == syntax::kNoNode) return false;
  return Checker(checks, document).check(checks.root, node) == Verdict::valid;
}

}  // namespace pipec::schema
