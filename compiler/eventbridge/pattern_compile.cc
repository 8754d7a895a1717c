// Compiling an event pattern, step for step as event-ruler's JsonRuleCompiler
// does, so that a pattern is refused for the same reasons and with the same
// words. event-ruler stops at the first error; we go on to the next field or
// match expression, so one run shows every error (one per match expression:
// what follows the first error in an expression would only be its echo).

#include <algorithm>
#include <cmath>
#include <limits>

#include "eventbridge/java_string.h"
#include "eventbridge/json_write.h"
#include "eventbridge/number.h"
#include "eventbridge/pattern.h"
#include "eventbridge/wildcard_complexity.h"
#include "syntax/json/json_reader.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::eventbridge {

namespace {

using syntax::Member;
using syntax::NodeId;
using syntax::NodeKind;

// Field names event-ruler keeps for itself inside $or
// (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
constexpr std::string_view kReservedInOr[] = {
    "exactly",    "equals-ignore-case", "prefix",       "suffix",     "anything-but",      "exists",
    "wildcard",   "numeric",            "cidr",         "=",          "<",                 "<=",
    ">",          ">=",                 "regex",        "not-wildcard", "not-equals-ignore-case", "date-after",
    "date-on-or-after", "date-before",  "date-on-or-before", "in-date-range", "ip-address-in-range",
    "ip-address-not-in-range"};

constexpr double kDocumentedNumericLimit = 5.0e9;
// The EventBridge quota on a pattern's length: 2048 characters by default,
// 4096 at most once raised.
constexpr std::size_t kDefaultPatternLength = 2048;
constexpr std::size_t kMaxPatternLength = 4096;
constexpr std::int64_t kDocumentedDecimalPlaces = 6;

// User text inside an EventBridge message: as written, but with control
// characters escaped and long text cut (util::quote without its quotes).
std::string plain(std::string_view text) {
  const std::string q = util::quote(text, 80);
  return q.substr(1, q.size() - 2);
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

class Compiler {
 public:
  Compiler(const syntax::Document& doc, const CompileOptions& options) : doc_(doc), options_(options) {}

  CompileResult run(NodeId root) {
    result_.pattern.span = doc_.node(root).span;
    if (!doc_.is(root, NodeKind::object)) {
      if (!doc_.is(root, NodeKind::invalid)) error(root, "Filter is not an object");
      return std::move(result_);
    }
    check_length(root);
    object(root, "", false);
    for (auto& build : branches_) {
      Branch b;
      for (const auto& [path, index] : build) b.fields.push_back(index);
      std::sort(b.fields.begin(), b.fields.end(), [&](std::uint32_t x, std::uint32_t y) {
        return java_less(result_.pattern.fields[x].path, result_.pattern.fields[y].path);
      });
      result_.pattern.branches.push_back(std::move(b));
    }
    // Also beside other errors (over the fields that compiled), so that one
    // run shows them all.
    if (!too_many_) check_complexity();
    return std::move(result_);
  }

 private:
  using BranchBuild = std::vector<std::pair<std::string, std::uint32_t>>;  // path -> field

  // --- structure -------------------------------------------------------------

  void object(NodeId node, const std::string& prefix, bool in_or) {
    const auto members = doc_.members(node);
    if (members.empty()) {
      error(node, "Empty objects are not allowed");
      return;
    }
    for (const Member& m : members) {
      if (m.key == "$or") {
        or_array(m, prefix);
        continue;
      }
      if (in_or && std::find(std::begin(kReservedInOr), std::end(kReservedInOr), m.key) != std::end(kReservedInOr)) {
        error(m.key_span, plain(m.key) + " is Ruler reserved fieldName which cannot be used inside $or.");
        continue;
      }
      switch (kind(m.value)) {
        case NodeKind::object: object(m.value, prefix + std::string(m.key) + ".", in_or); break;
        case NodeKind::array: field(m, prefix + std::string(m.key)); break;
        case NodeKind::invalid: break;  // a syntax error, reported by the reader
        default:
          error(m.value, "\"" + plain(m.key) + "\" must be an object or an array", PatternProblem::not_an_array);
      }
    }
  }

  void or_array(const Member& m, const std::string& prefix) {
    if (!doc_.is(m.value, NodeKind::array)) {
      if (!doc_.is(m.value, NodeKind::invalid)) error(m.value, "It must be an Array followed with $or.");
      return;
    }
    const std::vector<BranchBuild> current = branches_;
    std::vector<BranchBuild> collected;
    std::size_t count = 0;
    for (const NodeId item : doc_.items(m.value)) {
      ++count;
      if (!doc_.is(item, NodeKind::object)) {
        if (!doc_.is(item, NodeKind::invalid)) error(item, "Only JSON object is allowed in array of $or relationship.");
        continue;
      }
      if (too_many_) {
        // Past the limit: still check the alternative, but build nothing.
        branches_ = {BranchBuild{}};
        object(item, prefix, true);
        continue;
      }
      branches_ = current.empty() ? std::vector<BranchBuild>{BranchBuild{}} : current;
      object(item, prefix, true);
      for (auto& b : branches_) collected.push_back(std::move(b));
      if (collected.size() > options_.max_branches) {
        too_many_ = true;
        error(m.value,
              "pipec cannot run this pattern offline: its $or alternatives make more than " +
                  std::to_string(options_.max_branches) + " combinations (a limit of pipec, not of EventBridge)",
              PatternProblem::pipec_limit);
        collected.resize(options_.max_branches);
      }
    }
    if (count < 2) error(m.value, "There must have at least 2 Objects in $or relationship.");
    branches_ = too_many_ ? std::vector<BranchBuild>{BranchBuild{}} : std::move(collected);
  }

  void field(const Member& m, const std::string& path) {
    const auto items = doc_.items(m.value);
    if (items.empty()) error(m.value, "Empty arrays are not allowed");
    Field f;
    f.path = path;
    f.segments = split_path(path);
    f.key = m.key_span;
    f.value = doc_.node(m.value).span;
    for (const NodeId item : items) {
      if (auto matcher = value(item)) f.matchers.push_back(std::move(*matcher));
    }
    const auto index = static_cast<std::uint32_t>(result_.pattern.fields.size());
    result_.pattern.fields.push_back(std::move(f));
    if (branches_.empty()) branches_.emplace_back();
    bool overrides = false;
    for (auto& b : branches_) {
      const auto it = std::find_if(b.begin(), b.end(), [&](const auto& entry) { return entry.first == path; });
      if (it != b.end()) {
        it->second = index;
        overrides = true;
      } else {
        b.emplace_back(path, index);
      }
    }
    if (overrides) {
      result_.warnings.push_back({m.key_span,
                                  util::quote(path) + " is given more than once in the pattern; only the last one is used",
                                  PatternProblem::repeated_path, {}});
    }
  }

  // --- values ----------------------------------------------------------------

  std::optional<Matcher> value(NodeId item) {
    const auto& n = doc_.node(item);
    Matcher m;
    m.span = n.span;
    switch (n.kind) {
      case NodeKind::object: return expression(item);
      case NodeKind::string:
        if (const auto ip = parse_ip(n.text)) {
          m.op = Op::exact_ip;
          m.range = exact_ip_range(*ip);
        } else {
          m.op = Op::exact_string;
        }
        m.text = n.text;
        return m;
      case NodeKind::number:
        m.op = Op::exact_number;
        m.text = n.text;
        if (options_.exact_numbers_by_value) m.number = comparable_number(n.text);
        return m;
      case NodeKind::null: m.op = Op::exact_literal; m.text = "null"; return m;
      case NodeKind::boolean: m.op = Op::exact_literal; m.text = n.boolean ? "true" : "false"; return m;
      case NodeKind::invalid: return std::nullopt;
      case NodeKind::array: break;
    }
    error(item, "Match value must be String, number, true, false, or null");
    return std::nullopt;
  }

  std::optional<Matcher> expression(NodeId node) {
    const auto members = doc_.members(node);
    if (members.empty()) return fail(node, "Match expression name not found");
    const Member& first = members[0];
    const Member* extra = members.size() > 1 ? &members[1] : nullptr;
    const std::string_view name = first.key;
    const NodeId v = first.value;
    Matcher m;
    m.span = doc_.node(node).span;
    if (name == "exactly") {
      if (!is_string(v)) return fail(v, "exact match pattern must be a string");
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      result_.warnings.push_back({first.key_span,
                                  "\"exactly\" is accepted by event-ruler but not documented by EventBridge; write "
                                  "the string itself",
                                  PatternProblem::undocumented, {}});
      m.op = Op::exact_string;
      m.text = text(v);
      return m;
    }
    if (name == "prefix" || name == "suffix") {
      const bool prefix = name == "prefix";
      if (doc_.is(v, NodeKind::object)) return affix_ignore_case(m, v, extra, prefix);
      if (!is_string(v)) return fail(v, std::string(name) + " match pattern must be a string");
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      m.op = prefix ? Op::prefix : Op::suffix;
      m.text = text(v);
      return m;
    }
    if (name == "numeric") {
      if (!doc_.is(v, NodeKind::array)) return fail(v, "Value of numeric must be an array.");
      if (!numeric(m, v)) return std::nullopt;
      if (extra) return fail(extra->key_span, "Too many elements in numeric expression");
      return m;
    }
    if (name == "anything-but") return anything_but(m, v, extra);
    if (name == "exists") {
      if (!doc_.is(v, NodeKind::boolean)) return fail(v, "exists match pattern must be either true or false.");
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      m.op = doc_.node(v).boolean ? Op::exists : Op::not_exists;
      return m;
    }
    if (name == "cidr") {
      // event-ruler's message for a cidr that is not a string does say "prefix".
      if (!is_string(v)) return fail(v, "prefix match pattern must be a string");
      const auto cidr = parse_cidr(text(v));
      if (!cidr.range) return fail(v, cidr.error);
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      m.op = Op::cidr;
      m.text = text(v);
      m.range = *cidr.range;
      return m;
    }
    if (name == "equals-ignore-case") {
      if (!is_string(v)) return fail(v, "equals-ignore-case match pattern must be a string");
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      m.op = Op::equals_ignore_case;
      m.text = text(v);
      m.folded.emplace_back(m.text);
      return m;
    }
    if (name == "wildcard") {
      if (!is_string(v)) return fail(v, "wildcard match pattern must be a string");
      if (const auto bad = Wildcard::check(text(v))) return fail(inside(v, bad->begin, bad->end), bad->message);
      if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
      m.op = Op::wildcard;
      m.text = text(v);
      m.globs.emplace_back(m.text);
      return m;
    }
    error(first.key_span, "Unrecognized match type " + plain(name), PatternProblem::unknown_operator);
    return std::nullopt;
  }

  // {"prefix": {"equals-ignore-case": "x"}} and the suffix form.
  std::optional<Matcher> affix_ignore_case(Matcher& m, NodeId inner, const Member* extra, bool prefix) {
    const auto members = doc_.members(inner);
    const std::string which = prefix ? "Prefix" : "Suffix";
    if (members.empty()) return fail(inner, which + " expression name not found");
    if (members[0].key != "equals-ignore-case") {
      return fail(members[0].key_span, "Unsupported " + std::string(prefix ? "prefix" : "suffix") +
                                           " pattern: " + plain(members[0].key));
    }
    const NodeId v = members[0].value;
    if (!is_string(v)) return fail(v, "equals-ignore-case match pattern must be a string");
    if (members.size() > 1) return fail(members[1].key_span, "Only one key allowed in match expression");
    if (extra) return fail(extra->key_span, "Only one key allowed in match expression");
    m.op = prefix ? Op::prefix_ignore_case : Op::suffix_ignore_case;
    m.text = text(v);
    m.folded.emplace_back(m.text);
    return m;
  }

  bool numeric(Matcher& m, NodeId array) {
    const auto items = doc_.items(array);
    const auto at = [&](std::size_t i) { return i < items.size() ? items[i] : array; };
    const auto number_at = [&](std::size_t i) { return i < items.size() && doc_.is(items[i], NodeKind::number); };
    if (items.empty() || !is_string(items[0])) {
      return bad(at(0), "Invalid member in numeric match: " + token_text(items.empty() ? syntax::kNoNode : items[0]));
    }
    const std::string op(text(items[0]));
    m.op = Op::numeric;
    m.low = -std::numeric_limits<double>::infinity();
    m.high = std::numeric_limits<double>::infinity();
    if (op == "=") {
      if (!number_at(1)) return bad(at(1), "Value of equals must be numeric");
      if (items.size() > 2) return bad(items[2], "Too many elements in numeric expression");
      const auto value = comparable(items[1]);
      if (!value) return false;
      m.low = m.high = *value;
      return true;
    }
    if (op == ">=" || op == ">") {
      if (!number_at(1)) return bad(at(1), "Value of " + op + " must be numeric");
      m.open_low = op == ">";
      if (items.size() == 2) {
        const auto value = comparable(items[1]);
        if (!value) return false;
        m.low = *value;
        return true;
      }
      // [">", a, "<", b]
      if (!is_string(items[2])) return bad(items[2], "Bad value in numeric range: " + token_text(items[2]));
      const std::string top_op(text(items[2]));
      if (top_op != "<" && top_op != "<=") return bad(items[2], "Bad numeric range operator: " + plain(top_op));
      if (!number_at(3)) return bad(at(3), "Value of " + top_op + " must be numeric");
      if (items.size() > 4) return bad(items[4], "Too many terms in numeric range expression");
      const auto low = comparable(items[1]);
      if (!low) return false;
      const auto high = comparable(items[3]);
      if (!high) return false;
      if (!(*low < *high)) return bad(array, "Bottom must be less than top");
      m.low = *low;
      m.high = *high;
      m.open_high = top_op == "<";
      return true;
    }
    if (op == "<=" || op == "<") {
      if (!number_at(1)) return bad(at(1), "Value of " + op + " must be numeric");
      if (items.size() > 2) return bad(items[2], "Too many elements in numeric expression");
      const auto value = comparable(items[1]);
      if (!value) return false;
      m.high = *value;
      m.open_high = op == "<";
      return true;
    }
    return bad(items[0], "Unrecognized numeric range operator: " + plain(op));
  }

  std::optional<double> comparable(NodeId number) {
    const std::string_view written = doc_.node(number).text;
    const auto value = comparable_number(written);
    if (!value) {
      fail(number, "Cannot compare number : " + std::string(written));
      return std::nullopt;
    }
    if (std::abs(*value) > kDocumentedNumericLimit) {
      result_.warnings.push_back({doc_.node(number).span,
                                  std::string(written) + " is outside -5.0e9 to 5.0e9, the range EventBridge documents for numeric "
                                            "matching",
                                  PatternProblem::limit, {}});
    }
    if (const auto places = decimal_places(written); places && *places > kDocumentedDecimalPlaces) {
      result_.warnings.push_back({doc_.node(number).span,
                                  std::string(written) + " has " + std::to_string(*places) +
                                      " digits after the decimal point; EventBridge documents numeric matching to 6",
                                  PatternProblem::limit, {}});
    }
    return value;
  }

  std::optional<Matcher> anything_but(Matcher& m, NodeId value, const Member* extra) {
    enum class Kind { plain, ignore_case, prefix, suffix, wildcard } kind = Kind::plain;
    NodeId v = value;
    const Member* inner_extra = nullptr;
    if (doc_.is(v, NodeKind::object)) {
      const auto members = doc_.members(v);
      if (members.empty()) return fail(v, "Anything-But expression name not found");
      const std::string_view op = members[0].key;
      if (op == "equals-ignore-case") kind = Kind::ignore_case;
      else if (op == "prefix") kind = Kind::prefix;
      else if (op == "suffix") kind = Kind::suffix;
      else if (op == "wildcard") kind = Kind::wildcard;
      else {
        error(members[0].key_span, "Unsupported anything-but pattern: " + plain(op), PatternProblem::unknown_operator);
        return std::nullopt;
      }
      v = members[0].value;
      if (members.size() > 1) inner_extra = &members[1];
    }
    if (!doc_.is(v, NodeKind::array) && !is_string(v) && !doc_.is(v, NodeKind::number)) {
      return fail(v, "Value of anything-but must be an array or single string/number value.");
    }
    std::vector<NodeId> values;
    if (doc_.is(v, NodeKind::array)) {
      const auto items = doc_.items(v);
      values.assign(items.begin(), items.end());
    } else {
      values.push_back(v);
    }

    if (kind == Kind::plain) {
      bool strings = false, numbers = false;
      for (const NodeId item : values) {
        if (is_string(item)) {
          strings = true;
          m.texts.emplace_back(text(item));
        } else if (doc_.is(item, NodeKind::number)) {
          numbers = true;
          const auto n = comparable_number(doc_.node(item).text);
          if (!n) return fail(item, "Cannot compare number : " + std::string(doc_.node(item).text));
          m.numbers.push_back(*n);
        } else {
          return fail(item, "Inside anything but list, start|null|boolean is not supported.");
        }
      }
      if (strings == numbers) {
        return fail(v, "Inside anything but list, either all values are number or string, mixed type is not supported");
      }
      m.op = strings ? Op::anything_but_strings : Op::anything_but_numbers;
    } else {
      for (const NodeId item : values) {
        if (!is_string(item)) {
          if (kind == Kind::ignore_case) {
            return fail(item, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.");
          }
          if (kind == Kind::wildcard) return fail(item, "wildcard match pattern must be a string");
          return fail(item, "prefix/suffix match pattern must be a string");
        }
        if ((kind == Kind::prefix || kind == Kind::suffix) && text(item).empty()) {
          return fail(item, "Null prefix/suffix not allowed");
        }
        m.texts.emplace_back(text(item));
      }
      if (kind == Kind::wildcard) {
        for (std::size_t i = 0; i < values.size(); ++i) {
          if (const auto bad = Wildcard::check(m.texts[i])) return fail(inside(values[i], bad->begin, bad->end), bad->message);
        }
      }
      switch (kind) {
        case Kind::ignore_case: m.op = Op::anything_but_ignore_case; break;
        case Kind::prefix: m.op = Op::anything_but_prefix; break;
        case Kind::suffix: m.op = Op::anything_but_suffix; break;
        default: m.op = Op::anything_but_wildcard; break;
      }
      for (const auto& t : m.texts) {
        if (m.op == Op::anything_but_ignore_case) m.folded.emplace_back(t);
        if (m.op == Op::anything_but_wildcard) m.globs.emplace_back(t);
      }
    }
    // event-ruler's message for any extra key here is the numeric one.
    if (inner_extra) return fail(inner_extra->key_span, "Too many elements in numeric expression");
    if (extra) return fail(extra->key_span, "Too many elements in numeric expression");
    return m;
  }

  // The pattern's characters as PutRule receives them: as written when it is
  // written as JSON, else (a template's object, YAML) as minified JSON.
  std::size_t length(NodeId root) const {
    const source::Span span = doc_.node(root).span;
    if (!options_.serialized && options_.sources != nullptr && span.file != source::kNoFile) {
      const auto& file = options_.sources->file(span.file);
      const std::string_view text = file.text().substr(span.begin, span.size());
      const std::string_view path = file.path();
      const std::size_t slash = path.find_last_of('/');
      const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
      if (!text.empty() && text.front() == '{' && !syntax::is_yaml_file(name, file.text())) {
        return util::count_code_points(text);
      }
    }
    std::string json;
    write_json(doc_, root, json);
    return util::count_code_points(json);
  }

  void check_length(NodeId root) {
    const std::size_t n = length(root);
    if (n > kMaxPatternLength) {
      error(root,
            "the pattern is " + std::to_string(n) + " characters; EventBridge allows at most " +
                std::to_string(kMaxPatternLength) + " (its event pattern quota, " + std::to_string(kDefaultPatternLength) +
                " unless raised)",
            PatternProblem::limit);
    } else if (n > kDefaultPatternLength) {
      result_.warnings.push_back({doc_.node(root).span,
                                  "the pattern is " + std::to_string(n) + " characters; EventBridge allows " +
                                      std::to_string(kDefaultPatternLength) + " unless the account's quota is raised (to " +
                                      std::to_string(kMaxPatternLength) + " at most)",
                                  PatternProblem::limit, {}});
    }
  }

  // EventBridge measures the rule's wildcards before accepting it
  // (wildcard_complexity.h); the message is the service's, without a place.
  void check_complexity() {
    const auto& fields = result_.pattern.fields;
    const bool wildcards = std::any_of(fields.begin(), fields.end(), [](const Field& f) {
      return std::any_of(f.matchers.begin(), f.matchers.end(),
                         [](const Matcher& m) { return m.op == Op::wildcard || m.op == Op::anything_but_wildcard; });
    });
    if (!wildcards) return;
    const auto complexity = wildcard_complexity(result_.pattern, 100);
    if (complexity.value <= kMaxWildcardComplexity) return;
    const source::Span at = complexity.field ? fields[*complexity.field].value : result_.pattern.span;
    result_.errors.push_back(
        {at,
         "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a "
         "wildcard character",
         PatternProblem::limit,
         "its wildcards' complexity is " + std::string(complexity.value >= 100 ? "at least " : "") +
             std::to_string(complexity.value) + ", and EventBridge refuses more than " +
             std::to_string(kMaxWildcardComplexity) + " (event-ruler's MachineComplexityEvaluator)"});
  }

  // --- helpers ---------------------------------------------------------------

  NodeKind kind(NodeId id) const { return doc_.node(id).kind; }
  bool is_string(NodeId id) const { return doc_.is(id, NodeKind::string); }
  std::string_view text(NodeId id) const { return doc_.node(id).text; }

  // What Jackson's getText() gives for a token, for event-ruler's messages.
  std::string token_text(NodeId id) const {
    if (id == syntax::kNoNode) return "]";
    const auto& n = doc_.node(id);
    switch (n.kind) {
      case NodeKind::object: return "{";
      case NodeKind::array: return "[";
      case NodeKind::null: return "null";
      case NodeKind::boolean: return n.boolean ? "true" : "false";
      default: return plain(n.text);
    }
  }

  // Bytes [begin, end) of a string value, as a span of its source text.
  source::Span inside(NodeId string, std::size_t begin, std::size_t end) const {
    const source::Span whole = doc_.node(string).span;
    if (options_.sources == nullptr || whole.file == source::kNoFile) return whole;
    const std::string_view text = options_.sources->file(whole.file).text();
    // Only a JSON string literal maps byte by byte (not a YAML scalar).
    if (whole.begin >= text.size() || text[whole.begin] != '"') return whole;
    const auto decoded = syntax::decode_string_literal(text, whole);
    if (end >= decoded.offsets.size() || begin > end) return whole;
    return source::Span{whole.file, decoded.offsets[begin], decoded.offsets[end]};
  }

  void error(NodeId node, std::string message, PatternProblem problem = PatternProblem::other) {
    error(doc_.node(node).span, std::move(message), problem);
  }
  void error(source::Span span, std::string message, PatternProblem problem = PatternProblem::other) {
    result_.errors.push_back({span, std::move(message), problem, {}});
  }
  std::nullopt_t fail(NodeId node, std::string message) {
    error(node, std::move(message));
    return std::nullopt;
  }
  bool bad(NodeId node, std::string message) {
    error(node, std::move(message));
    return false;
  }
  std::nullopt_t fail(source::Span span, std::string message) {
    error(span, std::move(message));
    return std::nullopt;
  }

  const syntax::Document& doc_;
  const CompileOptions& options_;
  CompileResult result_;
  std::vector<BranchBuild> branches_;
  bool too_many_ = false;
};

}  // namespace

CompileResult compile_pattern(const syntax::Document& document, NodeId root, const CompileOptions& options) {
  return Compiler(document, options).run(root);
}

}  // namespace pipec::eventbridge
