#include "eventbridge/event_fields.h"

#include <algorithm>

#include "eventbridge/number.h"

namespace pipec::eventbridge {

using syntax::NodeKind;

PathTrie::NodeId PathTrie::add(std::span<const std::string> segments) {
  NodeId at = kRoot;
  for (const auto& segment : segments) {
    auto& children = nodes_[at].children;
    const auto it = std::lower_bound(children.begin(), children.end(), segment,
                                     [](const auto& entry, const std::string& s) { return entry.first < s; });
    if (it != children.end() && it->first == segment) {
      at = it->second;
      continue;
    }
    const auto id = static_cast<NodeId>(nodes_.size());
    children.insert(it, {segment, id});
    // An empty segment is found by an empty key (which child() lets through
    // unasked) or by a dotted key that starts with its dot (".b").
    const auto c = static_cast<unsigned char>(segment.empty() ? '.' : segment.front());
    nodes_[at].first_bytes[c >> 6] |= std::uint64_t{1} << (c & 63);
    nodes_.emplace_back();
    at = id;
  }
  nodes_[at].read = true;
  return at;
}

PathTrie::NodeId PathTrie::step(NodeId node, std::string_view segment) const {
  const auto& children = nodes_[node].children;
  if (children.size() <= 8) {
    for (const auto& [name, id] : children) {
      if (name == segment) return id;
    }
    return kNone;
  }
  const auto it = std::lower_bound(children.begin(), children.end(), segment,
                                   [](const auto& entry, std::string_view s) { return entry.first < s; });
  return it != children.end() && it->first == segment ? it->second : kNone;
}

PathTrie::NodeId PathTrie::child(NodeId node, std::string_view key) const {
  if (!key.empty()) {
    const auto c = static_cast<unsigned char>(key.front());
    if (((nodes_[node].first_bytes[c >> 6] >> (c & 63)) & 1) == 0) return kNone;
  }
  // Segments never hold dots, so a key found whole is the common case; only
  // a key that is not found can still be a dotted path ("a.b" is the key "a"
  // holding the key "b", as event-ruler joins paths with dots).
  if (const NodeId whole = step(node, key); whole != kNone) return whole;
  std::size_t start = 0;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != '.') continue;
    node = step(node, key.substr(start, i - start));
    if (node == kNone) return kNone;
    start = i + 1;
  }
  return start == 0 ? kNone : step(node, key.substr(start));
}

std::span<const FlatField> FlatEvent::at(PathTrie::NodeId path) const {
  const auto lo = std::lower_bound(fields_.begin(), fields_.end(), path,
                                   [](const FlatField& f, PathTrie::NodeId p) { return f.path < p; });
  auto hi = lo;
  while (hi != fields_.end() && hi->path == path) ++hi;
  return {lo, hi};
}

namespace {

constexpr int kMaxFieldDepth = 300;  // documents are cut at 256 levels by the reader

class Flattener {
 public:
  Flattener(const syntax::Document& doc, const PathTrie& trie, std::vector<FlatField>& fields,
            std::vector<std::pair<std::uint32_t, std::uint32_t>>& pool)
      : doc_(doc), trie_(trie), fields_(fields), pool_(pool) {}

  void object(syntax::NodeId node, PathTrie::NodeId at, int depth) {
    if (depth > kMaxFieldDepth) return;
    for (const auto& m : doc_.members(node)) {
      const auto next = trie_.child(at, m.key);
      if (next != PathTrie::kNone) value(m.value, next, depth + 1);
    }
  }

 private:
  void value(syntax::NodeId node, PathTrie::NodeId at, int depth) {
    const auto& n = doc_.node(node);
    switch (n.kind) {
      case NodeKind::object: object(node, at, depth); return;
      case NodeKind::array: array(node, at, depth); return;
      case NodeKind::invalid: return;
      default: leaf(node, at); return;
    }
  }

  void array(syntax::NodeId node, PathTrie::NodeId at, int depth) {
    if (depth > kMaxFieldDepth) return;
    const std::uint32_t id = arrays_++;
    std::uint32_t index = 0;
    for (const auto item : doc_.items(node)) {
      const auto kind = doc_.node(item).kind;
      if (kind == NodeKind::object || kind == NodeKind::array) {
        // Only elements that are objects or arrays give membership: the
        // elements of an array of strings are all values of the same field.
        stack_.emplace_back(id, index);
        ++version_;
        value(item, at, depth + 1);
        stack_.pop_back();
        ++version_;
      } else {
        value(item, at, depth + 1);
      }
      ++index;
    }
  }

  void leaf(syntax::NodeId node, PathTrie::NodeId at) {
    if (!trie_.read(at)) return;
    const auto& n = doc_.node(node);
    FlatField f;
    f.path = at;
    f.order = static_cast<std::uint32_t>(fields_.size());
    f.value.node = node;
    switch (n.kind) {
      case NodeKind::string: f.value.kind = ValueKind::string; f.value.text = n.text; break;
      case NodeKind::number:
        f.value.kind = ValueKind::number;
        f.value.text = n.text;
        f.value.number = comparable_number(n.text);
        break;
      case NodeKind::null: f.value.kind = ValueKind::literal; f.value.text = "null"; break;
      default: f.value.kind = ValueKind::literal; f.value.text = n.boolean ? "true" : "false"; break;
    }
    if (!stack_.empty()) {
      if (copied_version_ != version_) {
        copied_begin_ = static_cast<std::uint32_t>(pool_.size());
        pool_.insert(pool_.end(), stack_.begin(), stack_.end());
        copied_version_ = version_;
      }
      f.value.membership_begin = copied_begin_;
      f.value.membership_end = copied_begin_ + static_cast<std::uint32_t>(stack_.size());
    }
    fields_.push_back(f);
  }

  const syntax::Document& doc_;
  const PathTrie& trie_;
  std::vector<FlatField>& fields_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& pool_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack_;
  std::uint32_t arrays_ = 0;
  std::uint64_t version_ = 0, copied_version_ = UINT64_MAX;
  std::uint32_t copied_begin_ = 0;
};

}  // namespace

void flatten(const syntax::Document& event, const PathTrie& trie, FlatEvent& out) {
  out.fields_.clear();
  out.memberships_.clear();
  out.object_ = !event.empty() && event.is(event.root(), NodeKind::object);
  if (!out.object_) return;
  Flattener(event, trie, out.fields_, out.memberships_).object(event.root(), PathTrie::kRoot, 0);
  std::sort(out.fields_.begin(), out.fields_.end(), [](const FlatField& a, const FlatField& b) {
    return a.path != b.path ? a.path < b.path : a.order < b.order;
  });
}

bool consistent(std::span<const std::pair<std::uint32_t, std::uint32_t>> a,
                std::span<const std::pair<std::uint32_t, std::uint32_t>> b) {
  for (const auto& [array, element] : a) {
    for (const auto& [other_array, other_element] : b) {
      if (array == other_array && element != other_element) return false;
    }
  }
  return true;
}

}  // namespace pipec::eventbridge
