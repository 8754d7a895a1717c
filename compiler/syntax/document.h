#pragma once
// The value tree every front end produces: JSON (a strict reader, or
// tree-sitter's with error recovery), YAML (CloudFormation), and the
// documents a .pipe file is lowered into. Each value and each key keeps its
// span. Nodes live in one arena and refer to each other by index, so a
// 100,000-deep file neither recurses on destruction nor fragments memory;
// their strings and keys are views into the document's TextArena.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "source/span.h"
#include "syntax/text_arena.h"

namespace pipec::syntax {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeKind : std::uint8_t { null, boolean, number, string, array, object, invalid };

[[nodiscard]] std::string_view describe(NodeKind kind);  ///< "a string", "an object", …

struct Member {
  DocumentText key;       ///< decoded
  source::Span key_span;  ///< includes the quotes
  NodeId value = kNoNode;
};

/// A member whose key an earlier member of the same object has: its index,
/// and the index of the first member with that key.
struct RepeatedKey {
  std::size_t at = 0, first = 0;
};
/// Every repeated key of an object's members, in order (none: no allocation).
[[nodiscard]] std::vector<RepeatedKey> repeated_keys(std::span<const Member> members);

struct Node {
  NodeKind kind = NodeKind::invalid;
  bool boolean = false;
  source::Span span;           ///< the whole value, quotes and brackets included
  NodeId parent = kNoNode;
  std::uint32_t slot = 0;      ///< index among the parent's members or items
  std::uint32_t first = 0;     ///< first member / item in the arena
  std::uint32_t count = 0;     ///< number of members / items
  DocumentText text;           ///< decoded string, or a number as written
};

class Document {
 public:
  explicit Document(source::FileId file = source::kNoFile) : file_(file) {}
  // Nodes and keys point into the document's own text: a copy would point
  // into the original's (subtree() copies).
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  [[nodiscard]] source::FileId file() const { return file_; }
  [[nodiscard]] NodeId root() const { return root_; }
  [[nodiscard]] bool empty() const { return root_ == kNoNode; }
  [[nodiscard]] const Node& node(NodeId id) const { return nodes_[id]; }
  [[nodiscard]] std::size_t size() const { return nodes_.size(); }

  /// Members of an object, items of an array; empty for any other node and
  /// for kNoNode, so lookups chain without checks.
  [[nodiscard]] std::span<const Member> members(NodeId object) const;
  [[nodiscard]] std::span<const NodeId> items(NodeId array) const;

  /// The value of `key` in an object (the last one if the key repeats, as
  /// EventBridge and most JSON readers do), or kNoNode.
  [[nodiscard]] NodeId get(NodeId object, std::string_view key) const;
  [[nodiscard]] const Member* member(NodeId object, std::string_view key) const;
  /// The member that holds `value`, if its parent is an object.
  [[nodiscard]] const Member* owning_member(NodeId value) const;

  [[nodiscard]] bool is(NodeId id, NodeKind kind) const {
    return id != kNoNode && nodes_[id].kind == kind;
  }
  /// Decoded string value, or empty if the node is not a string.
  [[nodiscard]] std::string_view string(NodeId id) const;

  /// Where to point for this value's name: the key of its member, else itself.
  [[nodiscard]] source::Span name_span(NodeId id) const;
  /// The name a message uses for a value: its key (`"roleArn"`), or its parent's
  /// name and index (`"stages"[2]`); "the document" for the root.
  [[nodiscard]] std::string display_name(NodeId id) const;
  /// RFC 6901 pointer of a value ("/pipeline/stages/0/name").
  [[nodiscard]] std::string pointer(NodeId id) const;
  /// The innermost value whose text holds `offset`, a member's key counting
  /// as its value's (a finding on a key is about that value); kNoNode when
  /// the offset is outside the root. For a document read from text only.
  [[nodiscard]] NodeId node_at(std::uint32_t offset) const;

  /// Words for keys in messages: a document lowered from the DSL names
  /// "RepositoryName" as "repository", the way its author wrote it.
  void set_key_alias(std::string key, std::string alias) { key_aliases_[std::move(key)] = std::move(alias); }
  /// The word for `key` in messages (its alias, or the key itself).
  [[nodiscard]] std::string_view key_alias(std::string_view key) const;

  /// A document built by pipec (from the DSL), not read from text: its
  /// strings are not in its file, and its spans point at what asked for
  /// each value.
  [[nodiscard]] bool synthetic() const { return synthetic_; }
  void set_synthetic() { synthetic_ = true; }

  /// A document of its own holding a copy of `node` and everything under it,
  /// spans unchanged (an event written inline in a test suite, matched as a
  /// whole event). Readers bound the depth, so the copy recurses.
  [[nodiscard]] Document subtree(NodeId node) const;

  // Building (used by readers).
  /// Room for as many nodes, members and items as `other` holds (a copy of
  /// it is about to be built), so that building does not move them all
  /// each time the arenas grow.
  void reserve_like(const Document& other);
  /// Room for about as many nodes, members and items (a reader's estimate
  /// from the text's size): each arena that doubles moves what it holds and
  /// writes fresh pages, and a reservation costs only address space until
  /// it is written.
  void reserve(std::size_t nodes, std::size_t members, std::size_t items) {
    nodes_.reserve(nodes);
    members_.reserve(members);
    items_.reserve(items);
  }
  /// `text` as this document's own: a string or key for a node of it.
  [[nodiscard]] DocumentText keep(std::string_view text) { return DocumentText(text_.keep(text)); }
  /// Adds a node; its text becomes the document's own (copied, unless it
  /// was just kept), so a node may come from another document.
  NodeId add(Node node);
  void set_root(NodeId root) { root_ = root; }
  /// Attaches children built elsewhere: members_ or items_ get appended and
  /// their parent/slot fields are set; keys become the document's own, as
  /// in add().
  void attach_members(NodeId object, std::vector<Member> members);
  void attach_items(NodeId array, std::vector<NodeId> items);
  /// The same, moving from a readers' pending stack (the members are left
  /// moved-from).
  void attach_members(NodeId object, std::span<Member> members);
  void attach_items(NodeId array, std::span<const NodeId> items);
  Node& mutable_node(NodeId id) { return nodes_[id]; }

 private:
  /// Adds a copy of `id` of `from` (another document) and everything under
  /// it; its id.
  NodeId copy_from(const Document& from, NodeId id);

  source::FileId file_;
  NodeId root_ = kNoNode;
  bool synthetic_ = false;
  std::vector<Node> nodes_;
  std::vector<Member> members_;
  std::vector<NodeId> items_;
  TextArena text_;
  std::map<std::string, std::string, std::less<>> key_aliases_;
};

}  // namespace pipec::syntax
