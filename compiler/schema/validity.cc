#include "schema/validity.h"

#include <algorithm>
#include <atomic>
#include <cmath>
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

#include "schema/checks.h"
#include "schema/instance.h"
#include "util/simple_regex.h"
#include "util/utf8.h"

namespace pipec::schema {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

// Three answers: a value is valid, invalid, or the checker cannot tell.
// `dropped`: not valid, but every error valijson would report lies where
// the caller drops errors (Unknowable, in validator.h).
enum class Verdict { valid, invalid, unknown, dropped };

}  // namespace

// A pattern, as valijson applies it (std::regex_search): by SimpleRegex
// when it is that simple, else by a std::regex. Whichever it is is made at
// the pattern's first search, once for all threads, and only read after
// that: a run opens schemas naming a score of patterns and searches with
// few of them.
class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern) : pattern_(std::move(pattern)) {}
  bool search(std::string_view text) const {
    if (!ready_.load(std::memory_order_acquire)) prepare();
    if (simple_) return simple_->search(text);
    return std::regex_search(text.begin(), text.end(), *regex_);
  }

 private:
  void prepare() const {
    std::call_once(once_, [this] {
      simple_ = util::SimpleRegex::parse(pattern_);
      if (!simple_) regex_.emplace(pattern_);
      ready_.store(true, std::memory_order_release);
    });
  }

  std::string pattern_;
  mutable std::once_flag once_;
  mutable std::atomic<bool> ready_{false};
  mutable std::optional<util::SimpleRegex> simple_;
  mutable std::optional<std::regex> regex_;
};

namespace {

using namespace checks;

// -- checking ----------------------------------------------------------------

Verdict both(Verdict a, Verdict b) {
  if (a == Verdict::invalid || b == Verdict::invalid) return Verdict::invalid;
  if (a == Verdict::unknown || b == Verdict::unknown) return Verdict::unknown;
  if (a == Verdict::dropped || b == Verdict::dropped) return Verdict::dropped;
  return Verdict::valid;
}

// What a combinator that asks whether a value passes (anyOf, oneOf, not, an
// if's condition) makes of an answer: one whose errors would be dropped
// still fails there, and the combinator's own error stands elsewhere.
Verdict decided(Verdict v) { return v == Verdict::dropped ? Verdict::unknown : v; }

class Checker {
 public:
  Checker(const CompiledChecks& compiled, const Document& doc, const Unknowable* unknowable)
      : compiled_(compiled), doc_(doc), unknowable_(unknowable) {}

  Verdict check(CheckId id, NodeId node) {
    if (id == kNone) return Verdict::unknown;
    if (++depth_ > 200) {
      --depth_;
      return Verdict::unknown;
    }
    const Verdict v = run(compiled_.check(id), node);
    --depth_;
    return v;
  }

  // check() of a value reached from the one around it (a property, an item,
  // the root): where a value whose errors the caller drops fails.
  Verdict check_value(CheckId id, NodeId node) {
    const Verdict v = check(id, node);
    if ((v == Verdict::invalid || v == Verdict::unknown) && id != kNone && unknowable_ != nullptr &&
        (*unknowable_)(node) && specific_failure(compiled_.check(id), node, 0)) {
      return Verdict::dropped;
    }
    return v;
  }

 private:
  // Every error valijson reports for a value is at the value, inside it, or
  // at its key (a missing required key), all dropped for an unknowable
  // value; but its failure also leaves summaries on the values around it
  // ("failed to validate against schema associated with property …"),
  // which the explanation drops only when an error that is not a summary
  // lies below them. True when checking `node` against `c` surely reports
  // such an error at the node: a keyword of `c`, of one of its allOf, or of
  // the branch its if chooses, that the node fails.
  bool specific_failure(const CheckView& c, NodeId node, int depth) {
    if (depth > 32 || c.never()) return false;
    const Seen seen = see(node);
    if (seen.type == 0) return false;
    if ((c.types() & seen.type) == 0) return true;
    if (c.has_enum() && in_enum(c, node, seen) == Verdict::invalid) return true;
    if (seen.type == kObject) {
      for (const std::string_view r : c.required()) {
        if (doc_.get(node, r) == syntax::kNoNode) return true;
      }
      if (c.no_additional() && !has_duplicate_or_invalid_keys(node)) {
        for (const auto& m : doc_.members(node)) {
          if (m.key.size() > kRegexSafeLength) continue;
          const bool named = c.property(m.key) != kNone;
          const auto patterns = c.pattern_properties();
          const bool patterned = std::any_of(patterns.begin(), patterns.end(),
                                             [&](const auto& p) { return regex(p.first).search(m.key); });
          if (!named && !patterned) return true;
        }
      }
    }
    const auto sub = [&](CheckId id) {
      return id != kNone && specific_failure(compiled_.check(id), node, depth + 1);
    };
    for (const CheckId s : c.all_of()) {
      if (sub(s)) return true;
    }
    if (c.if_check() != kNone) {
      const Verdict condition = decided(check(c.if_check(), node));
      if (condition == Verdict::valid && sub(c.then_check())) return true;
      if (condition == Verdict::invalid && sub(c.else_check())) return true;
    }
    return false;
  }

  // A value as valijson sees it after schema::to_instance: its type bit, and
  // for numbers the value compared with minimum and maximum.
  struct Seen {
    std::uint8_t type = 0;
    double number = 0;
  };

  Seen see(NodeId node) const {
    const auto& n = doc_.node(node);
    Seen s;
    switch (n.kind) {
      case NodeKind::null: s.type = kNull; break;
      case NodeKind::boolean: s.type = kBoolean; break;
      case NodeKind::number: {
        const nlohmann::json j = number_json(std::string(n.text));
        s.type = j.is_number_integer() ? kInteger : kDouble;
        s.number = j.get<double>();
        break;
      }
      case NodeKind::string: s.type = kString; break;  // clean: string_clean(), when a check reads it
      case NodeKind::array: s.type = kArray; break;
      case NodeKind::object: s.type = kObject; break;  // its keys: object(), when a check reads them
      case NodeKind::invalid: break;
    }
    return s;
  }

  // Whether valijson sees this string as written: valid UTF-8 (to_instance
  // replaces the rest), no NUL (its lengths stop there), not cut for std::regex.
  bool string_clean(NodeId node) const {
    return remembered(node, [&] {
      const std::string_view text = doc_.node(node).text;
      return text.size() <= kRegexSafeLength && text.find('\0') == std::string::npos && !util::first_invalid_utf8(text);
    });
  }

  bool has_duplicate_or_invalid_keys(NodeId node) const {
    return !remembered(node, [&] {
      const auto members = doc_.members(node);
      for (const auto& m : members) {
        if (util::first_invalid_utf8(m.key)) return false;
      }
      return syntax::repeated_keys(members).empty();
    });
  }

  // `clean()` of a node, worked out once: each value is asked about by every
  // branch of every check that reaches it (an if, its then, anyOf). A node
  // is a string or an object, so one answer per node serves both questions.
  // The answers are a byte per node of the document, made for each value
  // judged: past 64 Ki nodes (a template of megabytes, judged one resource at
  // a time) that would cost more than it saves, and nothing is kept.
  template <typename Clean>
  bool remembered(NodeId node, const Clean& clean) const {
    if (doc_.size() > kMostRemembered) return clean();
    if (clean_.empty()) clean_.assign(doc_.size(), kNotAsked);
    auto& answer = clean_[node];
    if (answer == kNotAsked) answer = clean() ? kClean : kNotClean;
    return answer == kClean;
  }

  Verdict run(const CheckView& c, NodeId node) {
    if (c.never()) return Verdict::invalid;
    const Seen seen = see(node);
    if (seen.type == 0) return Verdict::unknown;  // an invalid node: valijson sees null, pipec said why
    if ((c.types() & seen.type) == 0) return Verdict::invalid;
    Verdict verdict = Verdict::valid;

    if (c.has_enum()) verdict = both(verdict, in_enum(c, node, seen));
    if (seen.type == kString && (c.min_length() || c.max_length() || c.pattern() >= 0)) {
      if (!string_clean(node)) return Verdict::unknown;
      const std::string_view text = doc_.node(node).text;
      const std::uint64_t length = util::count_code_points(text);
      if (c.min_length() && length < *c.min_length()) return Verdict::invalid;
      if (c.max_length() && length > *c.max_length()) return Verdict::invalid;
      if (c.pattern() >= 0 && !regex(c.pattern()).search(text)) return Verdict::invalid;
    }
    if ((seen.type == kInteger || seen.type == kDouble) && (c.minimum() || c.maximum())) {
      if (c.minimum() && seen.number < *c.minimum()) return Verdict::invalid;
      if (c.maximum() && seen.number > *c.maximum()) return Verdict::invalid;
    }
    if (seen.type == kObject) verdict = both(verdict, object(c, node));
    if (seen.type == kArray) verdict = both(verdict, array(c, node));
    if (verdict == Verdict::invalid) return verdict;

    for (const CheckId s : c.all_of()) verdict = both(verdict, check(s, node));
    if (!c.any_of().empty()) {
      Verdict any = Verdict::invalid;
      for (const CheckId s : c.any_of()) {
        const Verdict v = decided(check(s, node));
        if (v == Verdict::valid) {
          any = Verdict::valid;
          break;
        }
        if (v == Verdict::unknown) any = Verdict::unknown;
      }
      verdict = both(verdict, any);
    }
    if (!c.one_of().empty()) {
      int matched = 0;
      bool unsure = false;
      for (const CheckId s : c.one_of()) {
        const Verdict v = decided(check(s, node));
        if (v == Verdict::valid) ++matched;
        if (v == Verdict::unknown) unsure = true;
      }
      verdict = both(verdict, unsure ? Verdict::unknown : matched == 1 ? Verdict::valid : Verdict::invalid);
    }
    if (c.not_check() != kNone) {
      const Verdict v = decided(check(c.not_check(), node));
      verdict = both(verdict, v == Verdict::unknown ? v : v == Verdict::valid ? Verdict::invalid : Verdict::valid);
    }
    if (c.if_check() != kNone) {
      const Verdict condition = decided(check(c.if_check(), node));
      if (condition == Verdict::unknown) return Verdict::unknown;
      const CheckId branch = condition == Verdict::valid ? c.then_check() : c.else_check();
      if (branch != kNone) verdict = both(verdict, check(branch, node));
    }
    return verdict;
  }

  Verdict in_enum(const CheckView& c, NodeId node, const Seen& seen) const {
    switch (seen.type) {
      case kString: {
        if (!string_clean(node)) return Verdict::unknown;
        const std::string_view text = doc_.node(node).text;
        const auto strings = c.enum_strings();
        const bool found = std::find(strings.begin(), strings.end(), text) != strings.end();
        return found ? Verdict::valid : Verdict::invalid;
      }
      case kBoolean:
        return (doc_.node(node).boolean ? c.enum_true() : c.enum_false()) ? Verdict::valid : Verdict::invalid;
      case kNull: return c.enum_null() ? Verdict::valid : Verdict::invalid;
      case kInteger:
      case kDouble:
        // Equal values of one kind are equal to valijson too (integers only
        // where a double holds them exactly); an integer and a double that
        // are equal are left to its rules.
        for (const auto [type, value] : c.enum_numbers()) {
          if (value != seen.number) continue;
          if (type != seen.type || (type == kInteger && std::abs(value) >= 9007199254740992.0)) return Verdict::unknown;
          return Verdict::valid;
        }
        return c.enum_other() ? Verdict::unknown : Verdict::invalid;
      default:
        // Arrays and objects compare by valijson's rules of equality.
        return c.enum_other() ? Verdict::unknown : Verdict::invalid;
    }
  }

  Verdict object(const CheckView& c, NodeId node) {
    const bool constrained = !c.properties().empty() || !c.pattern_properties().empty() || c.no_additional() ||
                             c.additional() != kNone;
    if (!constrained && !c.min_properties() && !c.max_properties() && c.required().empty()) return Verdict::valid;
    // valijson sees the object as to_instance makes it: the last of duplicate
    // keys, keys made valid UTF-8. Only checks that read the keys ask.
    if (has_duplicate_or_invalid_keys(node)) return Verdict::unknown;
    const auto members = doc_.members(node);
    if (c.min_properties() && members.size() < *c.min_properties()) return Verdict::invalid;
    if (c.max_properties() && members.size() > *c.max_properties()) return Verdict::invalid;
    for (const std::string_view r : c.required()) {
      if (doc_.get(node, r) == syntax::kNoNode) return Verdict::invalid;
    }
    Verdict verdict = Verdict::valid;
    if (!constrained) return verdict;
    for (const auto& m : members) {
      bool matched = false;
      if (const CheckId named = c.property(m.key); named != kNone) {
        matched = true;
        verdict = both(verdict, check_value(named, m.value));
      }
      for (const auto [pattern, schema] : c.pattern_properties()) {
        if (m.key.size() > kRegexSafeLength) return Verdict::unknown;
        if (regex(pattern).search(m.key)) {
          matched = true;
          verdict = both(verdict, check_value(schema, m.value));
        }
      }
      if (!matched) {
        if (c.no_additional()) return Verdict::invalid;
        if (c.additional() != kNone) verdict = both(verdict, check_value(c.additional(), m.value));
      }
      if (verdict == Verdict::invalid) return verdict;
    }
    return verdict;
  }

  Verdict array(const CheckView& c, NodeId node) {
    const auto items = doc_.items(node);
    if (c.min_items() && items.size() < *c.min_items()) return Verdict::invalid;
    if (c.max_items() && items.size() > *c.max_items()) return Verdict::invalid;
    Verdict verdict = Verdict::valid;
    if (c.unique_items() && items.size() > 1) verdict = unique(items);
    if (c.items() != kNone) {
      for (const NodeId item : items) {
        verdict = both(verdict, check_value(c.items(), item));
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
        case kInteger: keys.emplace_back(kInteger, number_json(std::string(n.text)).dump()); break;
        default: return Verdict::unknown;
      }
    }
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end() ? Verdict::invalid : Verdict::valid;
  }

  const LazyRegex& regex(int index) const { return *compiled_.regexes[static_cast<std::size_t>(index)]; }

  const CompiledChecks& compiled_;
  const Document& doc_;
  const Unknowable* unknowable_;
  int depth_ = 0;
  static constexpr std::uint8_t kNotAsked = 0, kClean = 1, kNotClean = 2;
  static constexpr std::size_t kMostRemembered = 64 << 10;
  mutable std::vector<std::uint8_t> clean_;  ///< by node: string_clean, or keys unique and valid
};

}  // namespace

void link_regexes(CompiledChecks& compiled) {
  // One LazyRegex per pattern for the whole process: schemas repeat their
  // patterns, and each is compiled once, however many use it.
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<LazyRegex>, std::less<>> regexes;
  const std::lock_guard lock(mutex);
  compiled.regexes.clear();
  for (std::size_t i = 0; i < compiled.pattern_count(); ++i) {
    const std::string_view pattern = compiled.pattern(i);
    auto it = regexes.find(pattern);
    if (it == regexes.end()) it = regexes.emplace(std::string(pattern), std::make_unique<LazyRegex>(std::string(pattern))).first;
    compiled.regexes.push_back(it->second.get());
  }
}

std::shared_ptr<const CompiledChecks> compile_checks(const nlohmann::json& schema) {
  const auto compiled = compile_schema_checks(schema);
  if (!compiled) return nullptr;
  auto out = read_checks(write_checks(*compiled));
  if (out) link_regexes(*out);
  return out;
}

std::shared_ptr<const CompiledChecks> load_checks(std::string_view bytes) {
  auto out = open_checks(bytes);
  if (out) link_regexes(*out);
  return out;
}

Validity judge(const CompiledChecks& checks, const Document& document, NodeId node, const Unknowable* unknowable) {
  if (node == syntax::kNoNode) return Validity::not_known;
  switch (Checker(checks, document, unknowable).check_value(checks.root(), node)) {
    case Verdict::valid: return Validity::valid;
    case Verdict::dropped: return Validity::errors_dropped;
    default: return Validity::not_known;
  }
}

bool known_valid(const CompiledChecks& checks, const Document& document, NodeId node) {
  return judge(checks, document, node, nullptr) == Validity::valid;
}

}  // namespace pipec::schema
