#pragma once
// Matching one compiled pattern against one event, and saying why: for a
// match, which value of each field matched and by which matcher; for a
// mismatch, the field that decided it in each branch, with what the event
// had there. Spans point into the pattern and, where the event has a value,
// into the event.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eventbridge/branch_eval.h"
#include "eventbridge/event_fields.h"
#include "eventbridge/pattern.h"
#include "source/span.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

struct Decision {
  std::size_t branch = 0;       ///< which combination of $or alternatives
  std::string path;             ///< "detail.result"
  source::Span pattern_key;     ///< the field's key in the pattern
  source::Span pattern_value;   ///< the matcher that matched, else the field's value array
  source::Span event_value;     ///< the event value that decided; invalid when there was none
  std::string message;          ///< `"detail.result" is "Success", which is not "SUCCESS" (the case differs)`
};

struct MatchResult {
  bool matched = false;
  /// Matched: one per field of the first branch that matched. Not matched:
  /// the deciding field of every branch.
  std::vector<Decision> decisions;
};

[[nodiscard]] MatchResult match(const CompiledPattern& pattern, const syntax::Document& event);

/// Whether the pattern matches the event: match().matched, without the
/// decisions (their messages are most of match()'s work).
[[nodiscard]] bool matches(const CompiledPattern& pattern, const syntax::Document& event);

/// Matches many events against one pattern, keeping its paths and the
/// working space from one event to the next.
class Explainer {
 public:
  explicit Explainer(const CompiledPattern& pattern);
  [[nodiscard]] MatchResult match(const syntax::Document& event);
  /// match(event).matched, without the decisions.
  [[nodiscard]] bool accepts(const syntax::Document& event);
  /// Whether one of `branches` (of the pattern's fields, or some of them,
  /// in the same order) accepts the event.
  [[nodiscard]] bool accepts(const syntax::Document& event, std::span<const Branch> branches);
  /// match() of the event this JSON text is, read straight from the text
  /// (eventbridge/event_text.h), with the same decisions but no spans into
  /// the event (Decision::event_value is invalid); nullopt when the text
  /// needs the full reader (anything it would warn about or refuse).
  [[nodiscard]] std::optional<MatchResult> match_text(std::string_view json);

 private:
  [[nodiscard]] MatchResult decide(const syntax::Document* event);

  const CompiledPattern& pattern_;
  PathTrie trie_;
  std::vector<PathTrie::NodeId> paths_;
  FlatEvent flat_;
  BranchEvaluator evaluator_;
  BranchOutcome outcome_;
};

}  // namespace pipec::eventbridge
