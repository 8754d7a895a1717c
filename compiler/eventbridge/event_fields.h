#pragma once
// An event as event-ruler sees it: its leaves, each with the dotted path of
// keys that leads to it (array levels leave no trace in the path: every
// element of "resources" is a value of "resources") and the arrays it sits
// in, as (array, element) pairs. Two values are "array-consistent" when they
// agree on the element of every array they share; event-ruler only accepts a
// match whose values are all consistent with one another, so fields matched
// in an array of objects must come from the same element.
//
// Only paths some pattern reads are collected (the PathTrie), as event-ruler
// skips every key no rule uses.

#include <array>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventbridge/value_match.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

enum class TextKeys : std::uint8_t;

/// The paths a set of patterns reads, as a tree of key segments. Keys are
/// split at dots on both sides, so {"a": {"b.c": ...}} and "a.b.c" meet.
class PathTrie {
 public:
  using NodeId = std::uint32_t;
  static constexpr NodeId kRoot = 0;
  static constexpr NodeId kNone = UINT32_MAX;

  PathTrie() : nodes_(1) {}

  /// The node of a path (created if new), marked as a path patterns read.
  NodeId add(std::span<const std::string> segments);
  /// The node below `node` for a key, which may hold dots; kNone if no
  /// pattern reads below it.
  [[nodiscard]] NodeId child(NodeId node, std::string_view key) const;
  [[nodiscard]] bool read(NodeId node) const { return nodes_[node].read; }
  [[nodiscard]] std::size_t size() const { return nodes_.size(); }

 private:
  [[nodiscard]] NodeId step(NodeId node, std::string_view segment) const;
  struct Node {
    std::vector<std::pair<std::string, NodeId>> children;  ///< sorted by segment
    /// The first bytes of the children's segments ('.' for an empty one): a
    /// key starting with no other byte leads nowhere, whole or dotted (most
    /// keys of an event).
    std::array<std::uint64_t, 4> first_bytes{};
    bool read = false;
  };
  std::vector<Node> nodes_;
};

struct FlatField {
  PathTrie::NodeId path = PathTrie::kNone;
  std::uint32_t order = 0;  ///< position in the document, to keep document order within a path
  EventValue value;
};

/// The leaves of one event. Reusable: flatten() clears it first. Refers to
/// the document's strings (or the JSON text flatten_text() read, and its own
/// copies of the strings that held escapes), so those must outlive it.
class FlatEvent {
 public:
  /// The values at a path, in document order.
  [[nodiscard]] std::span<const FlatField> at(PathTrie::NodeId path) const;
  [[nodiscard]] std::span<const std::pair<std::uint32_t, std::uint32_t>> membership(const EventValue& v) const {
    return std::span(memberships_).subspan(v.membership_begin, v.membership_end - v.membership_begin);
  }
  [[nodiscard]] std::span<const FlatField> fields() const { return fields_; }
  [[nodiscard]] bool is_object() const { return object_; }
  [[nodiscard]] bool has_arrays_of_objects() const { return !memberships_.empty(); }

 private:
  friend void flatten(const syntax::Document&, const PathTrie&, FlatEvent&);
  friend bool flatten_text(std::string_view, const PathTrie&, FlatEvent&, TextKeys);
  friend class TextFlattener;
  std::vector<FlatField> fields_;  ///< sorted by (path, order)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> memberships_;  ///< (array, element) runs
  bool object_ = true;
  /// Decoded strings that held escapes (flatten_text); a deque, so the views
  /// into earlier ones survive later ones. Reused: the first decoded_used_.
  std::deque<std::string> decoded_;
  std::size_t decoded_used_ = 0;
  // flatten_text's working space, kept from one event to the next.
  std::string text_scratch_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> text_stack_;
  std::vector<std::string_view> text_keys_;
};

/// Collects the leaves of `event` at the paths `trie` marks as read. An event
/// that is not an object has none (event-ruler refuses it).
void flatten(const syntax::Document& event, const PathTrie& trie, FlatEvent& out);

/// Whether two memberships agree on every array they share.
[[nodiscard]] bool consistent(std::span<const std::pair<std::uint32_t, std::uint32_t>> a,
                              std::span<const std::pair<std::uint32_t, std::uint32_t>> b);

}  // namespace pipec::eventbridge
