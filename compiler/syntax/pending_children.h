#pragma once
// The members and items of the collections a reader has open, innermost
// last. A reader reads a collection's children before it can attach them
// (an object's node is added when it opens, its members when it closes), so
// they wait here: one pair of stacks for the whole file, not a pair of
// vectors per open collection that are grown and freed each time. Every
// reader (strict JSON, tree-sitter JSON, YAML) keeps its children here.

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "syntax/document.h"

namespace pipec::syntax {

class PendingChildren {
 public:
  /// Where a collection's children start on the stacks: taken when it opens.
  struct Mark {
    std::size_t members = 0;
    std::size_t items = 0;
  };

  [[nodiscard]] Mark mark() const { return {members_.size(), items_.size()}; }

  void add_member(Member member) { members_.push_back(std::move(member)); }
  void add_item(NodeId item) { items_.push_back(item); }

  /// The members of the collection opened at `since`, read so far.
  [[nodiscard]] std::span<Member> members(Mark since) { return std::span<Member>(members_).subspan(since.members); }

  /// Moves the members pushed since `since` into `object` and drops them here.
  void close_object(Document& document, NodeId object, Mark since) {
    document.attach_members(object, members(since));
    drop(since);
  }
  /// The same for the items of `array`.
  void close_array(Document& document, NodeId array, Mark since) {
    document.attach_items(array, std::span<const NodeId>(items_).subspan(since.items));
    drop(since);
  }
  /// Drops what was pushed since `since` (a collection read and discarded).
  void drop(Mark since) {
    members_.resize(since.members);
    items_.resize(since.items);
  }

 private:
  std::vector<Member> members_;
  std::vector<NodeId> items_;
};

}  // namespace pipec::syntax
