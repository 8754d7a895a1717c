#pragma once
// Many compiled patterns at once: which of them match an event, at a cost
// that grows with the event and the number of matches, not with the number
// of patterns. (event-ruler compiles all rules into one state machine for
// the same reason.)
//
// Each branch of each pattern is indexed under one of its fields, the one
// that looks most selective across all patterns (a field whose exact value
// few branches share beats "source": ["aws.ecr"], which all of them have):
// exact values in hash maps, prefixes and suffixes in hash maps by length,
// numeric ranges in a segment tree, and the few operators with no index
// (wildcard, equals-ignore-case, cidr, anything-but, exists) in a list
// checked value by value. A branch whose every field can match by absence
// ({"exists": false}) is checked for every event. The branches an event's
// values select are then checked in full with the same code as a single
// pattern, so the answers are exactly those of matching each pattern alone.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eventbridge/branch_eval.h"
#include "eventbridge/event_fields.h"
#include "eventbridge/event_text.h"
#include "eventbridge/pattern.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

class Machine {
 public:
  /// Reusable per-thread scratch space for match().
  struct Scratch {
    FlatEvent event;
    BranchEvaluator evaluator;
    std::vector<std::uint32_t> branch_stamp, pattern_stamp;
    std::uint32_t stamp = 0;
    std::vector<std::uint32_t> candidates;
    std::string key;
  };

  /// The indexes (in the order they were added) of the patterns that match,
  /// ascending, into `out` (cleared first).
  void match(const syntax::Document& event, std::vector<std::uint32_t>& out, Scratch& scratch) const;
  [[nodiscard]] std::vector<std::uint32_t> match(const syntax::Document& event) const;
  /// The same for an event given as JSON text: read on the fast path
  /// (event_text.h) when it is strictly valid JSON, else as a Document with
  /// syntax::read_json, which gives the same answer either way.
  void match(std::string_view json, std::vector<std::uint32_t>& out, Scratch& scratch) const;
  /// Only the fast path: false (and `out` empty) when the text needs the
  /// full reader. With TextKeys::unique, also when the reader would warn
  /// about a repeated key (see event_text.h).
  [[nodiscard]] bool match_text(std::string_view json, std::vector<std::uint32_t>& out, Scratch& scratch,
                                TextKeys keys = TextKeys::any) const;

  [[nodiscard]] std::size_t size() const { return patterns_.size(); }
  [[nodiscard]] const std::string& id(std::uint32_t pattern) const { return patterns_[pattern].id; }

  Machine(Machine&&) noexcept;
  Machine& operator=(Machine&&) noexcept;
  ~Machine();

 private:
  friend class MachineBuilder;
  Machine();
  struct PathIndex;
  struct Entry {
    std::string id;
    CompiledPattern pattern;
    std::vector<PathTrie::NodeId> paths;  ///< per field
  };
  struct BranchRef {
    std::uint32_t pattern, branch;
  };
  void prepare(std::vector<std::uint32_t>& out, Scratch& scratch) const;
  void match_flat(std::vector<std::uint32_t>& out, Scratch& scratch) const;
  void candidates_for(const FlatField& field, const PathIndex& index, Scratch& scratch) const;

  std::vector<Entry> patterns_;
  std::vector<BranchRef> branches_;
  PathTrie trie_;
  std::vector<std::unique_ptr<PathIndex>> indexes_;  ///< by trie node
  std::vector<std::uint32_t> always_;               ///< branches no value selects
};

class MachineBuilder {
 public:
  /// Adds a pattern (compiled without errors) under an id; returns its index.
  std::uint32_t add(std::string id, CompiledPattern pattern);
  [[nodiscard]] Machine build() &&;

 private:
  std::vector<std::pair<std::string, CompiledPattern>> patterns_;
};

}  // namespace pipec::eventbridge
