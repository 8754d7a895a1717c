#include "eventbridge/match.h"

#include <algorithm>

#include "eventbridge/event_text.h"
#include "util/text.h"

namespace pipec::eventbridge {

namespace {

std::string show(const EventValue& v) {
  return v.kind == ValueKind::string ? util::quote(v.text, 80) : std::string(v.text);
}

std::string any_of_matchers(const Field& field) {
  std::vector<std::string> words;
  for (const auto& m : field.matchers) words.push_back(describe(m));
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

bool same_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// Why a value is not what a field wants, when there is a short reason.
std::string hint(const Field& field, const EventValue& v) {
  for (const auto& m : field.matchers) {
    if (m.op == Op::exact_string && v.kind == ValueKind::string && same_ignoring_ascii_case(m.text, v.text)) {
      return " (the case differs; strings match exactly)";
    }
    if (m.op == Op::exact_string && v.kind == ValueKind::number && m.text == v.text) {
      return " (the event has a number, the pattern a string)";
    }
    if (m.op == Op::exact_number && v.kind == ValueKind::string && m.text == v.text) {
      return " (the event has a string, the pattern a number)";
    }
    if (m.op == Op::numeric && v.kind == ValueKind::string) return " (numeric matching needs a JSON number)";
    if (m.op == Op::exact_literal && m.text == "null" && v.kind == ValueKind::string && v.text.empty()) {
      return " (an empty string is not null)";
    }
  }
  return {};
}

Decision failure(const CompiledPattern& pattern, const Branch& branch, std::size_t index,
                 const BranchOutcome& outcome, const FlatEvent& event, const syntax::Document* doc,
                 std::span<const PathTrie::NodeId> paths) {
  Decision d;
  d.branch = index;
  if (!event.is_object()) {
    d.message = "the event is not a JSON object";
    return d;
  }
  if (outcome.failed >= branch.fields.size()) return d;
  const Field& field = pattern.fields[branch.fields[outcome.failed]];
  d.path = field.path;
  d.pattern_key = field.key;
  d.pattern_value = field.value;
  const auto values = event.at(paths[branch.fields[outcome.failed]]);
  const std::string name = util::quote(field.path, 80);
  if (values.empty()) {
    d.message = name + " is not in the event; the pattern wants " + any_of_matchers(field);
    return d;
  }
  std::vector<const FlatField*> accepted;
  for (const auto& v : values) {
    bool ok = false;
    for (const auto& m : field.matchers) ok = ok || (m.op != Op::not_exists && matches(m, v.value));
    if (ok) accepted.push_back(&v);
  }
  const bool wants_absent = std::any_of(field.matchers.begin(), field.matchers.end(),
                                        [](const Matcher& m) { return m.op == Op::not_exists; });
  if (doc != nullptr) d.event_value = doc->node((accepted.empty() ? values.front() : *accepted.front()).value.node).span;
  if (!accepted.empty()) {
    d.message = name + " is " + show(accepted.front()->value) +
                " in the event, but only in other elements of the array than the values matched by the fields "
                "before it; event-ruler matches fields of one array element together";
    return d;
  }
  std::string had = values.size() == 1 ? "is " + show(values.front().value) : "has ";
  if (values.size() > 1) {
    for (std::size_t i = 0; i < values.size() && i < 5; ++i) had += (i ? ", " : "") + show(values[i].value);
    if (values.size() > 5) had += ", …";
  }
  if (wants_absent && field.matchers.size() == 1) {
    d.message = name + " " + had + " in the event, and the pattern wants it absent";
  } else {
    d.message = name + " " + had + " in the event, " + (values.size() == 1 ? "which is not " : "none of which is ") +
                any_of_matchers(field) + hint(field, values.front().value);
  }
  return d;
}

}  // namespace

Explainer::Explainer(const CompiledPattern& pattern) : pattern_(pattern) {
  for (const auto& f : pattern.fields) paths_.push_back(trie_.add(f.segments));
}

MatchResult Explainer::match(const syntax::Document& event) {
  flatten(event, trie_, flat_);
  return decide(&event);
}

bool Explainer::accepts(const syntax::Document& event) { return accepts(event, pattern_.branches); }

bool Explainer::accepts(const syntax::Document& event, std::span<const Branch> branches) {
  flatten(event, trie_, flat_);
  return std::any_of(branches.begin(), branches.end(),
                     [&](const Branch& branch) { return evaluator_.evaluate(pattern_, branch, paths_, flat_); });
}

std::optional<MatchResult> Explainer::match_text(std::string_view json) {
  if (!flatten_text(json, trie_, flat_, TextKeys::unique)) return std::nullopt;
  return decide(nullptr);
}

MatchResult Explainer::decide(const syntax::Document* event) {
  MatchResult result;
  for (std::size_t b = 0; b < pattern_.branches.size(); ++b) {
    const Branch& branch = pattern_.branches[b];
    if (evaluator_.evaluate(pattern_, branch, paths_, flat_, &outcome_)) {
      result.matched = true;
      result.decisions.clear();
      for (const auto& c : outcome_.choices) {
        const Field& field = pattern_.fields[c.field];
        Decision d;
        d.branch = b;
        d.path = field.path;
        d.pattern_key = field.key;
        d.pattern_value = c.matcher ? c.matcher->span : field.value;
        const std::string name = util::quote(field.path, 80);
        if (c.value) {
          if (event != nullptr) d.event_value = event->node(c.value->value.node).span;
          d.message = name + " is " + show(c.value->value) + ", matched by " + describe(*c.matcher);
        } else {
          d.message = name + " is not in the event, as exists: false wants";
        }
        result.decisions.push_back(std::move(d));
      }
      return result;
    }
    result.decisions.push_back(failure(pattern_, branch, b, outcome_, flat_, event, paths_));
  }
  return result;
}

MatchResult match(const CompiledPattern& pattern, const syntax::Document& event) { return Explainer(pattern).match(event); }

bool matches(const CompiledPattern& pattern, const syntax::Document& event) { return Explainer(pattern).accepts(event); }

}  // namespace pipec::eventbridge
