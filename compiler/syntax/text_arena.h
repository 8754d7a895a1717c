#pragma once
// The bytes of a document's strings and keys. A node used to carry a
// std::string of its own: 32 bytes in every node and key, a heap block for
// each text past 15 bytes, and a copy each time the node arena grew. Now the
// document copies each text once into blocks it owns, which never move, and
// nodes and keys hold a view (16 bytes).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace pipec::syntax {

class Document;

/// A string a Document owns: a view into its TextArena, readable as any
/// std::string_view. Only a Document makes one, so a temporary std::string
/// cannot be assigned to a node and left dangling; an empty one needs no
/// document.
class DocumentText : public std::string_view {
 public:
  constexpr DocumentText() = default;

 private:
  friend class Document;
  constexpr explicit DocumentText(std::string_view text) : std::string_view(text) {}
};

/// Blocks of bytes handed out in order and freed together.
class TextArena {
 public:
  TextArena() = default;
  // A moved-from arena is empty, so that keeping text in it again cannot
  // write into the blocks it gave away.
  TextArena(TextArena&& other) noexcept { *this = std::move(other); }
  TextArena& operator=(TextArena&& other) noexcept {
    blocks_ = std::move(other.blocks_);
    other.blocks_.clear();
    last_ = std::exchange(other.last_, nullptr);
    last_size_ = std::exchange(other.last_size_, 0);
    next_ = std::exchange(other.next_, nullptr);
    left_ = std::exchange(other.left_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  /// A copy of `text` that lives as long as the arena; `text` itself if it
  /// is already in the block being filled (a reader keeps each string it
  /// reads, and the document keeps it again as the node is added). A text
  /// in an earlier block is copied again, which is rare and harmless.
  /// Inline, since every string and key of a document comes here twice.
  [[nodiscard]] std::string_view keep(std::string_view text) {
    if (text.empty() || in_last_block(text)) return text;
    if (text.size() > left_) add_block_for(text.size());
    return append(text);
  }
  /// Room for `bytes` more without another block (a reader's estimate).
  void reserve(std::size_t bytes);
  /// Bytes handed out.
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  struct Block {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  void add_block(std::size_t size);
  void add_block_for(std::size_t bytes);
  [[nodiscard]] bool in_last_block(std::string_view text) const {
    // Compared as integers: pointers into different objects have no order.
    const auto at = reinterpret_cast<std::uintptr_t>(text.data()) - reinterpret_cast<std::uintptr_t>(last_);
    return at < last_size_ && text.size() <= last_size_ - at;
  }
  std::string_view append(std::string_view text) {
    char* at = next_;
    std::memcpy(at, text.data(), text.size());
    next_ += text.size();
    left_ -= text.size();
    size_ += text.size();
    return {at, text.size()};
  }

  std::vector<Block> blocks_;
  const char* last_ = nullptr;  ///< the last block
  std::size_t last_size_ = 0;
  char* next_ = nullptr;  ///< the free part of the last block
  std::size_t left_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pipec::syntax
