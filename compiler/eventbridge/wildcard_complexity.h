#pragma once
// How much work a pattern's wildcards make for a matcher, measured the way
// EventBridge measures it before accepting a rule: the service refuses a
// rule whose complexity is above 10 with "Rule is too complex - try using
// fewer wildcard characters or fewer repeating character sequences after a
// wildcard character" (localstack content_wildcard_complex_EXC, recorded
// against AWS).
//
// The measure is event-ruler's MachineComplexityEvaluator, whose README
// suggests building a machine from one rule's sub-rules and limiting its
// complexity to 10. Its facts, as this file models them:
//
// - A wildcard operand is compiled with its JSON quotes ("*.png" is the
//   seven tokens `"`, `*`, `.`, `p`, `n`, `g`, `"`), one state per token; a
//   `*` state loops on any byte, and may match nothing.
// - The complexity of one field's value machine is the largest number of
//   states a traversal of any byte string can be in at once, counting only
//   states from which a wildcard or anything-but wildcard pattern can still
//   be reached, and each such state once per distinct pattern it leads to.
//   Two values of one anything-but wildcard are one pattern: a state they
//   share counts once. Other operators count nothing.
// - Sub-rules ($or branches) are added to one machine, fields in
//   event-ruler's order; the value machines of a field are shared where the
//   sub-rules reach the field through the same values of the fields before
//   it, so their wildcards add up there, and the rule's complexity is the
//   largest of its machines'. Fields after an {"exists": false} are reached
//   through a name matcher that the evaluator does not follow.
//
// Where event-ruler's own state sharing depends on the order rules are added
// in, this model follows the shape of the patterns instead; it gives
// event-ruler's numbers for every case recorded against AWS.

#include <cstdint>
#include <optional>

#include "eventbridge/pattern.h"

namespace pipec::eventbridge {

/// EventBridge refuses a pattern whose complexity is above this.
inline constexpr int kMaxWildcardComplexity = 10;

struct WildcardComplexity {
  int value = 0;                        ///< at most the cap asked for
  std::optional<std::uint32_t> field;   ///< a field of the most complex machine (into CompiledPattern::fields)
};

/// The complexity of `pattern`, evaluated up to `cap` (a pattern past it
/// gives `cap`).
[[nodiscard]] WildcardComplexity wildcard_complexity(const CompiledPattern& pattern, int cap = 100);

}  // namespace pipec::eventbridge
