#pragma once
// Matching one compiled pattern against one event, and saying why: for a
// match, which value of each field matched and by which matcher; for a
// mismatch, the field that decided it in each branch, with what the event
// had there. Spans point into the pattern and, where the event has a value,
// into the event.

#include <string>
#include <vector>

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

}  // namespace pipec::eventbridge
