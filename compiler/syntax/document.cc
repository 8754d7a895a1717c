#include "syntax/document.h"

#include <algorithm>
#include <unordered_map>

#include "util/text.h"

namespace pipec::syntax {

std::string_view describe(NodeKind kind) {
  switch (kind) {
    case NodeKind::null: return "null";
    case NodeKind::boolean: return "a boolean";
    case NodeKind::number: return "a number";
    case NodeKind::string: return "a string";
    case NodeKind::array: return "an array";
    case NodeKind::object: return "an object";
    case NodeKind::invalid: return "not a valid value";
  }
  return "a value";
}

std::span<const Member> Document::members(NodeId object) const {
  if (object == kNoNode) return {};
  const Node& n = nodes_[object];
  if (n.kind != NodeKind::object) return {};
  return std::span<const Member>(members_).subspan(n.first, n.count);
}

std::span<const NodeId> Document::items(NodeId array) const {
  if (array == kNoNode) return {};
  const Node& n = nodes_[array];
  if (n.kind != NodeKind::array) return {};
  return std::span<const NodeId>(items_).subspan(n.first, n.count);
}

const Member* Document::member(NodeId object, std::string_view key) const {
  if (object == kNoNode) return nullptr;
  const auto list = members(object);
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

NodeId Document::get(NodeId object, std::string_view key) const {
  const Member* m = member(object, key);
  return m == nullptr ? kNoNode : m->value;
}

const Member* Document::owning_member(NodeId value) const {
  const Node& n = nodes_[value];
  if (n.parent == kNoNode || nodes_[n.parent].kind != NodeKind::object) return nullptr;
  return &members_[nodes_[n.parent].first + n.slot];
}

std::string_view Document::string(NodeId id) const {
  if (!is(id, NodeKind::string)) return {};
  return nodes_[id].text;
}

source::Span Document::name_span(NodeId id) const {
  if (const Member* m = owning_member(id)) return m->key_span;
  return nodes_[id].span;
}

std::string_view Document::key_alias(std::string_view key) const {
  const auto it = key_aliases_.find(key);
  return it == key_aliases_.end() ? key : std::string_view(it->second);
}

std::string Document::display_name(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.parent == kNoNode) return "the document";
  if (const Member* m = owning_member(id)) return util::quote(key_alias(m->key), 60);
  if (nodes_[n.parent].parent == kNoNode) return "the item at index " + std::to_string(n.slot);
  return display_name(n.parent) + "[" + std::to_string(n.slot) + "]";
}

std::string Document::pointer(NodeId id) const {
  std::vector<std::string> parts;
  for (NodeId at = id; nodes_[at].parent != kNoNode; at = nodes_[at].parent) {
    if (const Member* m = owning_member(at)) {
      std::string escaped;
      for (const char c : m->key) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped.push_back(c);
      }
      parts.push_back(std::move(escaped));
    } else {
      parts.push_back(std::to_string(nodes_[at].slot));
    }
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + *it;
  return out;
}

NodeId Document::node_at(std::uint32_t offset) const {
  const auto holds = [&](source::Span span) { return span.begin <= offset && offset < span.end; };
  if (root_ == kNoNode || !holds(nodes_[root_].span)) return kNoNode;
  NodeId at = root_;
  // Descends one level per step; a reader bounds the depth.
  while (true) {
    NodeId next = kNoNode;
    for (const auto& m : members(at)) {
      if (m.value != kNoNode && (holds(m.key_span) || holds(nodes_[m.value].span))) {
        next = m.value;
        break;
      }
    }
    if (next == kNoNode) {
      for (const NodeId item : items(at)) {
        if (holds(nodes_[item].span)) {
          next = item;
          break;
        }
      }
    }
    if (next == kNoNode) return at;
    at = next;
  }
}

// An object's members (an array's items) take their places first, and are
// filled in as their values are copied: no list of children is built on
// the side for each object (CP0102 copies every ECR sample event once for
// each source it tries, and such lists were most of that copy).
NodeId Document::copy_from(const Document& from, NodeId id) {
  Node copy = from.node(id);
  copy.parent = kNoNode;
  copy.slot = copy.first = copy.count = 0;
  const NodeId at = add(copy);
  // The copy of child `i`, `value` of `from`, placed under `at`.
  const auto child = [&](std::uint32_t i, NodeId value) {
    const NodeId copied = copy_from(from, value);
    nodes_[copied].parent = at;
    nodes_[copied].slot = i;
    return copied;
  };
  if (copy.kind == NodeKind::object) {
    const auto members = from.members(id);
    const auto first = static_cast<std::uint32_t>(members_.size());
    nodes_[at].first = first;
    nodes_[at].count = static_cast<std::uint32_t>(members.size());
    for (const auto& m : members) members_.push_back({keep(m.key), m.key_span, kNoNode});
    for (std::uint32_t i = 0; i < members.size(); ++i) {
      if (members[i].value != kNoNode) members_[first + i].value = child(i, members[i].value);
    }
  } else if (copy.kind == NodeKind::array) {
    const auto items = from.items(id);
    const auto first = static_cast<std::uint32_t>(items_.size());
    nodes_[at].first = first;
    nodes_[at].count = static_cast<std::uint32_t>(items.size());
    items_.resize(items_.size() + items.size(), kNoNode);
    for (std::uint32_t i = 0; i < items.size(); ++i) items_[first + i] = child(i, items[i]);
  }
  return at;
}

Document Document::subtree(NodeId node) const {
  Document out(file_);
  out.key_aliases_ = key_aliases_;
  out.synthetic_ = synthetic_;
  if (node == kNoNode) return out;
  if (node == root_) out.reserve_like(*this);  // room made once for the whole document
  out.set_root(out.copy_from(*this, node));
  return out;
}

void Document::reserve_like(const Document& other) {
  nodes_.reserve(other.nodes_.size());
  members_.reserve(other.members_.size());
  items_.reserve(other.items_.size());
  text_.reserve(other.text_.size());
}

NodeId Document::add(Node node) {
  node.text = keep(node.text);
  nodes_.push_back(node);
  return static_cast<NodeId>(nodes_.size() - 1);
}

void Document::attach_members(NodeId object, std::vector<Member> members) {
  attach_members(object, std::span<Member>(members));
}

void Document::attach_items(NodeId array, std::vector<NodeId> items) { attach_items(array, std::span<const NodeId>(items)); }

void Document::attach_members(NodeId object, std::span<Member> members) {
  Node& n = nodes_[object];
  n.first = static_cast<std::uint32_t>(members_.size());
  n.count = static_cast<std::uint32_t>(members.size());
  for (std::uint32_t i = 0; i < members.size(); ++i) {
    if (members[i].value != kNoNode) {
      nodes_[members[i].value].parent = object;
      nodes_[members[i].value].slot = i;
    }
    members_.push_back({keep(members[i].key), members[i].key_span, members[i].value});
  }
}

void Document::attach_items(NodeId array, std::span<const NodeId> items) {
  Node& n = nodes_[array];
  n.first = static_cast<std::uint32_t>(items_.size());
  n.count = static_cast<std::uint32_t>(items.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    nodes_[items[i]].parent = array;
    nodes_[items[i]].slot = i;
    items_.push_back(items[i]);
  }
}

std::vector<RepeatedKey> repeated_keys(std::span<const Member> members) {
  std::vector<RepeatedKey> out;
  // Most objects have a few keys: comparing each with those before it costs
  // less than a hash table's allocations, which every object of every file
  // would pay (the readers and the schema checks ask of each).
  constexpr std::size_t kSmall = 16;
  if (members.size() <= kSmall) {
    for (std::size_t k = 1; k < members.size(); ++k) {
      for (std::size_t j = 0; j < k; ++j) {
        if (members[j].key == members[k].key) {
          out.push_back({k, j});
          break;
        }
      }
    }
    return out;
  }
  std::unordered_map<std::string_view, std::size_t> first_seen;
  first_seen.reserve(members.size());
  for (std::size_t k = 0; k < members.size(); ++k) {
    const std::size_t first = first_seen.emplace(members[k].key, k).first->second;
    if (first != k) out.push_back({k, first});
  }
  return out;
}

}  // namespace pipec::syntax
