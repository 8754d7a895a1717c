#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <fmt/core.h>
#include <memory>
#include <set>

#include "eventbridge/model_pattern.h"
#include "eventbridge/value_match.h"
#include "model/ecr_events.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace impossible_ecr_value {
namespace {

using eventbridge::EventValue;
using eventbridge::Field;
using eventbridge::Matcher;
using eventbridge::Op;
using eventbridge::ValueKind;
using model::EcrEventType;
using model::EcrField;
using model::EcrValueKind;
using syntax::NodeId;

using TypeList = std::vector<const EcrEventType*>;

// "ECR" for every described type, else `"ECR Image Action" or "ECR Replication Action"`.
std::string type_names(const TypeList& types, std::string_view conjunction = "or") {
  const auto all = model::ecr_event_types();
  const auto described = static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [](const EcrEventType& t) { return !t.fields.empty(); }));
  if (types.size() == described) return "ECR";
  std::vector<std::string> names;
  for (const auto* t : types) names.emplace_back(t->detail_type);
  return util::quote_list(names, conjunction);
}

// The path below "detail" as ECR's documentation and EventBridge write it: "finding-severity-counts.CRITICAL".
std::string detail_path(const Field& field, std::size_t segments) {
  std::string out;
  for (std::size_t i = 1; i <= segments && i < field.segments.size(); ++i)
    out += (i > 1 ? "." : "") + field.segments[i];
  return out;
}

// --- where each segment of a field's path is written ----------------------

const syntax::Member* member_with_key(const syntax::Document& doc, NodeId node, const source::Span& key) {
  for (const auto& m : doc.members(node)) {
    if (m.key_span == key) return &m;
    if (const auto* found = member_with_key(doc, m.value, key)) return found;
  }
  for (const NodeId item : doc.items(node)) {
    if (const auto* found = member_with_key(doc, item, key)) return found;
  }
  return nullptr;
}

// The key each segment of a field's path is written with, found by walking
// up from its innermost key: a nested object gives each segment its own key,
// a dotted key ("a.b") is the key of each of its segments, and an $or
// alternative is stepped over. Falls back to the innermost key throughout.
std::vector<source::Span> segment_keys(const syntax::Document& doc, NodeId root, const Field& field) {
  std::vector<source::Span> out;
  const syntax::Member* member = member_with_key(doc, root, field.key);
  while (member != nullptr) {
    const auto parts = static_cast<std::size_t>(std::count(member->key.begin(), member->key.end(), '.')) + 1;
    out.insert(out.end(), parts, member->key_span);
    NodeId object = doc.node(member->value).parent;
    member = nullptr;
    while (object != root && object != syntax::kNoNode) {
      const NodeId up = doc.node(object).parent;
      if (doc.is(up, syntax::NodeKind::array)) {  // an $or alternative
        object = doc.node(up).parent;
        continue;
      }
      member = doc.owning_member(object);
      break;
    }
  }
  std::reverse(out.begin(), out.end());
  if (out.size() != field.segments.size()) out.assign(field.segments.size(), field.key);
  return out;
}

// --- the values a field can take -------------------------------------------

// What an operator can ever match, for the wording of a type mismatch.
enum class Accepts : std::uint8_t { strings, numbers, literal, anything };

Accepts accepts(Op op) {
  switch (op) {
    case Op::exact_number:
    case Op::numeric: return Accepts::numbers;
    case Op::exact_literal: return Accepts::literal;
    case Op::anything_but_strings:
    case Op::anything_but_numbers:
    case Op::anything_but_prefix:
    case Op::anything_but_suffix:
    case Op::anything_but_ignore_case:
    case Op::anything_but_wildcard:
    case Op::exists:
    case Op::not_exists: return Accepts::anything;
    default: return Accepts::strings;
  }
}

// A wildcard operand with its stars dropped and escapes undone: a string it matches.
std::string unglob(std::string_view glob) {
  std::string out;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    if (glob[i] == '\\' && i + 1 < glob.size()) out.push_back(glob[++i]);
    else if (glob[i] != '*') out.push_back(glob[i]);
  }
  return out;
}

// The values to try the matchers of `field` on, as events of one type can
// carry them in `ecr`: every value of a field with a value set. A field that
// takes any string or any count cannot be listed, so the candidates are
// built from the pattern's own operands (each operand, and strings just
// beside it), which include a value an operator accepts whenever it accepts
// any: a matcher none of them satisfies matches no value at all. Matching
// itself is the engine's (eventbridge::matches), operator by operator.
class Candidates {
 public:
  Candidates(const EcrField& ecr, const Field& field) {
    if (ecr.kind == EcrValueKind::count) {
      counts(field);
    } else if (!ecr.values.empty()) {
      for (const auto v : ecr.values) values_.push_back({ValueKind::string, v, std::nullopt});
    } else {
      strings(field);
    }
  }
  Candidates(const Candidates&) = delete;
  Candidates& operator=(const Candidates&) = delete;

  [[nodiscard]] bool any(const Matcher& m) const {
    return std::any_of(values_.begin(), values_.end(), [&](const EventValue& v) { return eventbridge::matches(m, v); });
  }

 private:
  void strings(const Field& field) {
    std::vector<std::string> bases{"", "x"};
    for (const auto& m : field.matchers) {
      switch (m.op) {
        case Op::cidr: bases.push_back(m.text.substr(0, m.text.find('/'))); break;
        case Op::wildcard: bases.push_back(unglob(m.text)); break;
        case Op::anything_but_wildcard:
          for (const auto& t : m.texts) bases.push_back(unglob(t));
          break;
        default:
          if (accepts(m.op) == Accepts::strings) bases.push_back(m.text);
          bases.insert(bases.end(), m.texts.begin(), m.texts.end());
      }
    }
    for (const auto& b : bases) {
      for (auto text : {b, b + "~", "~" + b}) {
        texts_.push_back(std::move(text));
        values_.push_back({ValueKind::string, texts_.back(), std::nullopt});
      }
    }
  }

  void counts(const Field& field) {
    std::vector<double> xs{1, 2};
    const auto near = [&](double x) {
      if (!std::isfinite(x)) return;
      for (const double d : {-1.0, 0.0, 1.0}) {
        xs.push_back(std::floor(x) + d);
        xs.push_back(std::ceil(x) + d);
      }
    };
    for (const auto& m : field.matchers) {
      if (m.op == Op::numeric) {
        near(m.low);
        near(m.high);
      } else if (m.op == Op::exact_number) {
        // As written too: an integer written 3.0 is still a count.
        const double x = std::strtod(m.text.c_str(), nullptr);
        if (std::isfinite(x) && x >= 1 && x == std::floor(x)) {
          texts_.push_back(m.text);
          values_.push_back({ValueKind::number, texts_.back(), x});
        }
        near(x);
      } else if (m.op == Op::anything_but_numbers) {
        for (const double n : m.numbers) near(n);
      }
    }
    for (const double x : xs) {
      if (x < 1 || x > 1e15) continue;  // counts are whole numbers from 1
      texts_.push_back(fmt::format("{}", static_cast<long long>(x)));
      values_.push_back({ValueKind::number, texts_.back(), x});
    }
  }

  std::deque<std::string> texts_;  ///< stable storage for the values' text
  std::vector<EventValue> values_;
};

// --- reporting --------------------------------------------------------------

struct Leaf {
  const EcrEventType* type;
  const EcrField* field;
};

std::vector<std::string> sorted_values(const std::vector<Leaf>& leaves) {
  std::set<std::string> unique;
  for (const auto& l : leaves) unique.insert(l.field->values.begin(), l.field->values.end());
  return {unique.begin(), unique.end()};
}

bool closed(const std::vector<Leaf>& leaves) {
  return std::all_of(leaves.begin(), leaves.end(),
                     [](const Leaf& l) { return l.field->kind == EcrValueKind::string && !l.field->values.empty(); });
}

// "did you mean" for a value operand, against the values the field takes
// (for a prefix or a suffix, against theirs of the same length).
void suggest_value(check::Finding& f, const Matcher& m, const std::vector<std::string>& values) {
  const bool prefix = m.op == Op::prefix || m.op == Op::prefix_ignore_case;
  const bool suffix = m.op == Op::suffix || m.op == Op::suffix_ignore_case;
  const bool exact = m.op == Op::exact_string || m.op == Op::equals_ignore_case;
  if (!prefix && !suffix && !exact) return;
  std::vector<std::string> candidates;
  for (const auto& v : values) {
    if (exact) candidates.push_back(v);
    else if (v.size() >= m.text.size())
      candidates.push_back(prefix ? v.substr(0, m.text.size()) : v.substr(v.size() - m.text.size()));
  }
  const auto guess = util::closest_match(m.text, candidates);
  if (!guess) return;
  const std::string what = prefix ? "prefix " : suffix ? "suffix " : "";
  // One candidate for a whole value ("Success" for "SUCCESS") is the fix.
  if (exact) f.with_fix(m.span, *guess, true);
  f.with_help(
      fmt::format("did you mean {}{}?{}", what, util::quote(*guess),
                  m.op == Op::equals_ignore_case || m.op == Op::prefix_ignore_case || m.op == Op::suffix_ignore_case
                      ? ""
                      : " event values are matched exactly, case included"));
}

// A field no event of the types has (or has as an object): only
// {"exists": false} matches it.
void report_missing(const Field& field, const std::vector<source::Span>& keys, const TypeList& types,
                    check::Reporter& out) {
  if (std::all_of(field.matchers.begin(), field.matchers.end(),
                  [](const Matcher& m) { return m.op == Op::not_exists; })) {
    return;  // matches every event, which has no such field
  }
  const std::vector<std::string> segments(field.segments.begin() + 1, field.segments.end());
  std::string names = type_names(types);
  // An object: its fields hold the values.
  TypeList objects;
  std::vector<std::string> inside;
  for (const auto* t : types) {
    const auto found = model::find_ecr_field(*t, segments);
    if (found.field == nullptr || found.field->kind != EcrValueKind::object) continue;
    objects.push_back(t);
    for (const auto& f : found.field->fields) inside.emplace_back(f.name);
  }
  if (!objects.empty()) {
    out.report(field.key, fmt::format("detail field {} of {} events is an object; no value matches it",
                                      util::quote(detail_path(field, segments.size())), type_names(objects)))
        .with_label("never matches")
        .with_help(fmt::format("match a field inside it: {}", util::quote_list(inside)));
    return;
  }
  // The deepest point any type reaches is where the path goes wrong.
  std::size_t depth = 0;
  std::vector<std::string> siblings;
  const EcrField* parent = nullptr;
  TypeList reached;  // the types that have the path up to there
  for (const auto* t : types) {
    const auto found = model::find_ecr_field(*t, segments);
    if (found.found > depth) {
      depth = found.found;
      siblings.clear();
      reached.clear();
    }
    if (found.found != depth) continue;
    reached.push_back(t);
    if (found.parent != nullptr) parent = found.parent;
    for (const auto& f : found.siblings) {
      if (std::find(siblings.begin(), siblings.end(), f.name) == siblings.end()) siblings.emplace_back(f.name);
    }
  }
  const std::string& missing = segments[depth];
  if (depth > 0) names = type_names(reached);
  const source::Span at = keys[depth + 1];
  std::string message;
  if (depth == 0) {
    message = fmt::format("no {} event has a detail field {}", names, util::quote(missing));
  } else if (parent != nullptr && parent->kind == EcrValueKind::object) {
    message = fmt::format("no {} event has a field {} in detail {}", names, util::quote(missing),
                          util::quote(detail_path(field, depth)));
  } else {
    message = fmt::format(
        "detail {} of {} events holds {}, not an object with a field {}", util::quote(detail_path(field, depth)), names,
        parent != nullptr && parent->kind == EcrValueKind::count ? "a number" : "a string", util::quote(missing));
  }
  auto& f = out.report(at, std::move(message)).with_label("never matches");
  const auto guess = util::closest_match(missing, siblings);
  if (guess) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
  if (depth == 0) {
    // A field of other ECR events ("image-tag" on a scan event), a camelCase
    // name from the API, or a name ECR never uses.
    TypeList others;
    for (const auto& t : model::ecr_event_types()) {
      if (std::find(types.begin(), types.end(), &t) != types.end()) continue;
      const std::string_view first = missing;
      if (std::any_of(t.fields.begin(), t.fields.end(), [&](const EcrField& e) { return e.name == first; })) {
        others.push_back(&t);
      }
    }
    if (!others.empty()) {
      f.with_note(fmt::format("{} is a detail field of {} events", util::quote(missing), type_names(others, "and")));
    } else if (std::any_of(missing.begin(), missing.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; })) {
      f.with_note(
          "ECR event detail fields are lower-case and hyphenated (repository-name, image-digest); camelCase "
          "names belong to the ECR API and imageDetail.json");
    } else if (!guess) {
      f.with_note(fmt::format("{} events have {}", names, util::quote_list(siblings, "and")));
    }
  } else if (!siblings.empty()) {
    f.with_note(fmt::format("{} holds {}", util::quote(detail_path(field, depth)), util::quote_list(siblings, "and")));
  }
}

// Each matcher of a field events of the types have that no value of it satisfies.
void report_values(const Field& field, const std::vector<Leaf>& leaves, bool may_be_absent, const TypeList& types,
                   check::Reporter& out) {
  const std::string name = util::quote(detail_path(field, field.segments.size() - 1));
  std::vector<std::unique_ptr<Candidates>> candidates;
  for (const auto& l : leaves) candidates.push_back(std::make_unique<Candidates>(*l.field, field));
  const bool strings =
      std::any_of(leaves.begin(), leaves.end(), [](const Leaf& l) { return l.field->kind == EcrValueKind::string; });
  const bool numbers =
      std::any_of(leaves.begin(), leaves.end(), [](const Leaf& l) { return l.field->kind == EcrValueKind::count; });
  const std::string names = type_names(types);
  const std::vector<std::string> values = sorted_values(leaves);

  for (const auto& m : field.matchers) {
    bool possible = false;
    if (m.op == Op::not_exists) possible = may_be_absent;
    else if (m.op == Op::exists) possible = true;
    else possible = std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c->any(m); });
    if (possible) continue;

    if (m.op == Op::not_exists) {
      out.report(m.span, fmt::format("every {} event has {}; exists: false never matches", names, name))
          .with_label("never matches")
          .with_help("remove this condition, or match the values the field takes");
      continue;
    }
    const Accepts kind = accepts(m.op);
    const bool mismatch =
        (kind == Accepts::strings && !strings) || (kind == Accepts::numbers && !numbers) || kind == Accepts::literal;
    if (mismatch) {
      const std::string holds = strings ? "a string" : "a number";
      const std::string only = kind == Accepts::strings ? "strings" : kind == Accepts::numbers ? "numbers" : m.text;
      const std::string what = m.op == Op::exact_number ? "the number " + m.text : eventbridge::describe(m);
      auto& f = out.report(m.span,
                           fmt::format("{} holds {} in {} events; {} only matches {}", name, holds, names, what, only))
                    .with_label("never matches");
      if (m.op == Op::exact_number && strings) {
        f.with_help(fmt::format("write it as a string: {}", util::quote(m.text)));
      } else if (kind == Accepts::strings && numbers) {
        f.with_help("compare numbers with numeric: {\"numeric\": [\">=\", 1]}");
      }
      if (closed(leaves)) f.with_note(fmt::format("{} is one of {}", name, util::quote_list(values)));
      continue;
    }
    const std::string message =
        m.op == Op::exact_string
            ? fmt::format("no {} event has {} {}", names, name, util::quote(m.text))
            : fmt::format("no {} event has a {} that matches {}", names, name, eventbridge::describe(m));
    auto& f = out.report(m.span, message).with_label("never matches");
    if (closed(leaves)) {
      suggest_value(f, m, values);
      if (kind == Accepts::anything) f.with_help(fmt::format("it leaves out every value {} takes", name));
      f.with_note(fmt::format("{} is one of {}", name, util::quote_list(values)));
    } else if (numbers && !strings) {
      f.with_note(fmt::format("{} is a count of at least 1; a severity with no findings is left out", name));
    }
  }
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  const auto all_types = model::ecr_event_types();
  for (const auto& pattern : ws.patterns) {
    // Each field is judged on its own, so a field EventBridge refuses (CP0103,
    // CP3001, CP3002 say why) does not keep the others from being judged.
    const auto compiled = eventbridge::compile_model_pattern(pattern, context.patterns, {.skip_refused_fields = true});
    if (!compiled) continue;
    const auto& p = compiled->pattern;

    // For each field under "detail", the ECR event types it is read against:
    // those its $or branches can match. A field of a branch that may see
    // other events (another source, CloudTrail's any API call, no ECR
    // detail-type) is not judged at all.
    std::vector<std::vector<bool>> field_types(p.fields.size(), std::vector<bool>(all_types.size(), false));
    std::vector<bool> used(p.fields.size(), false), judged(p.fields.size(), true);
    for (const auto& branch : p.branches) {
      const Field* source = nullptr;
      const Field* detail_type = nullptr;
      for (const auto index : branch.fields) {
        if (p.fields[index].path == "source") source = &p.fields[index];
        if (p.fields[index].path == "detail-type") detail_type = &p.fields[index];
      }
      const bool ecr_only =
          source != nullptr && std::all_of(source->matchers.begin(), source->matchers.end(), [](const Matcher& m) {
            return m.op == Op::exact_string && m.text == model::kEcrSource;
          });
      std::vector<bool> types(all_types.size(), false);
      bool judgeable = ecr_only;
      bool any_type = false;
      for (std::size_t t = 0; t < all_types.size(); ++t) {
        const EventValue name{ValueKind::string, all_types[t].detail_type, std::nullopt};
        types[t] =
            detail_type == nullptr || std::any_of(detail_type->matchers.begin(), detail_type->matchers.end(),
                                                  [&](const Matcher& m) { return eventbridge::matches(m, name); });
        any_type = any_type || types[t];
        if (types[t] && all_types[t].fields.empty()) judgeable = false;  // CloudTrail: any detail
      }
      if (!any_type) judgeable = false;  // no ECR event at all: CP3003's finding
      for (const auto index : branch.fields) {
        const Field& f = p.fields[index];
        if (f.segments.size() < 2 || f.segments[0] != "detail") continue;
        used[index] = true;
        if (!judgeable) judged[index] = false;
        for (std::size_t t = 0; t < all_types.size(); ++t) {
          if (types[t]) field_types[index][t] = true;
        }
      }
    }

    for (std::size_t index = 0; index < p.fields.size(); ++index) {
      if (!used[index] || !judged[index]) continue;
      const Field& field = p.fields[index];
      TypeList types;
      for (std::size_t t = 0; t < all_types.size(); ++t) {
        if (field_types[index][t]) types.push_back(&all_types[t]);
      }
      const std::vector<std::string> segments(field.segments.begin() + 1, field.segments.end());
      std::vector<Leaf> leaves;
      bool may_be_absent = false;
      for (const auto* t : types) {
        const auto found = model::find_ecr_field(*t, segments);
        if (found.field != nullptr && found.field->kind != EcrValueKind::object) {
          leaves.push_back({t, found.field});
          // A list may be empty, and an empty list holds no value.
          if (!found.field->always || found.field->list) may_be_absent = true;
        } else {
          may_be_absent = true;
        }
      }
      if (leaves.empty()) {
        report_missing(field, segment_keys(*pattern.document, pattern.root, field), types, out);
      } else {
        TypeList with;
        for (const auto& l : leaves) with.push_back(l.type);
        report_values(field, leaves, may_be_absent, with, out);
      }
    }
  }
}

}  // namespace
}  // namespace impossible_ecr_value

extern const check::Rule kImpossibleEcrValue{
    {
        .id = "CP3004",
        .name = "impossible-ecr-value",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary =
            "an aws.ecr event pattern matches a detail field or value that no ECR event of its detail-type carries",
        .rationale = R"md(## What it checks
In patterns whose `source` is `aws.ecr`, every field under `detail` (nested ones such as
`finding-severity-counts.CRITICAL`, and those inside `$or` alternatives) against what ECR sends for the
detail types the pattern (or its `$or` alternative) can match:

- the field must exist: names are lower-case and hyphenated (`repository-name`, not `repositoryName`;
  `image-tag` on push events, `image-tags` on scan events), and an object such as `finding-severity-counts`
  is matched through its fields, never as a value;
- each value of the field's array must match some value ECR sends, judged by EventBridge's own matching for
  every operator: `result` is `SUCCESS` (or `FAILED` for replication), so `"Success"`, `{"prefix": "Succ"}` and
  `{"anything-but": ["SUCCESS", "FAILURE"]}` never match, while `{"prefix": "SUCC"}` and
  `{"equals-ignore-case": "success"}` do; `action-type`, `scan-status`, `scan-type`, `scan-frequency` and
  the others with a documented set of values are judged the same way;
- types: `numeric` never matches a string such as `result`, a string operator never matches a count;
- `{"exists": false}` never matches a field every event of the type carries (`result`, `action-type`,
  `repository-name`, `scan-status`, …).

Fields that take any value (`repository-name`, `image-digest`, `image-tag`) are judged only for their type.
Patterns that may match other events (another `source`, no `detail-type`, or `AWS API Call via CloudTrail`)
are not judged.

## Why it matters
EventBridge matches exactly and accepts any field name and any value, so such a rule is created without
complaint and never fires.

## How to fix
Use the value or field the help line suggests; the note lists the values that exist.

## References
- Amazon ECR User Guide: Amazon ECR events and EventBridge
- Amazon EventBridge User Guide: Event patterns (matching is exact and case-sensitive), Comparison operators
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html",
    },
    impossible_ecr_value::check};

}  // namespace pipec::rules
