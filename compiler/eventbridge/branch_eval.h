#pragma once
// Matching one branch of a compiled pattern against a flattened event, with
// event-ruler's array consistency. Fields are taken in the branch's order;
// for each, the search picks an event value that one of the field's matchers
// accepts and that is consistent with the values picked so far, or, for
// {"exists": false}, finds no value consistent with them. It backtracks over
// the choices, as event-ruler's state machine explores every path, so the
// answer does not depend on which value comes first. Failed states are
// remembered (keyed by the array elements that still matter), which keeps
// events with several large arrays of objects from exploding.

#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "eventbridge/event_fields.h"
#include "eventbridge/pattern.h"

namespace pipec::eventbridge {

struct Choice {
  std::uint32_t field = 0;            ///< index into CompiledPattern::fields
  const Matcher* matcher = nullptr;   ///< what accepted it ({"exists": false} when absent)
  const FlatField* value = nullptr;   ///< null when the field was matched by being absent
};

struct BranchOutcome {
  bool matched = false;
  std::vector<Choice> choices;  ///< when matched: one per field, in the branch's order
  std::size_t failed = 0;       ///< when not: position in Branch::fields no search got past
};

/// Holds the scratch space of the search; reuse one per thread.
class BranchEvaluator {
 public:
  /// `paths[i]` is the trie node of `pattern.fields[i]`.
  [[nodiscard]] bool evaluate(const CompiledPattern& pattern, const Branch& branch,
                              std::span<const PathTrie::NodeId> paths, const FlatEvent& event,
                              BranchOutcome* outcome = nullptr);

 private:
  using Entry = std::pair<std::uint32_t, std::uint32_t>;
  struct Frame {
    std::uint32_t level = 0;
    std::uint32_t mem_begin = 0, mem_end = 0;  ///< the choices' memberships, in arena_
    bool owns = false;                         ///< mem range was pushed for this frame
    std::uint32_t next = 0;                    ///< next value to try
    bool absence_done = false;
    bool unchanged_tried = false;              ///< a choice that adds no membership was tried
    const FlatField* chosen = nullptr;
    const Matcher* matcher = nullptr;
  };
  [[nodiscard]] std::string memo_key(std::uint32_t level, std::uint32_t begin, std::uint32_t end) const;

  std::vector<Frame> frames_;
  std::vector<Entry> arena_;
  std::vector<std::vector<std::uint32_t>> relevant_;  ///< per level: arrays later fields can see
  std::unordered_set<std::string> failed_;
};

}  // namespace pipec::eventbridge
