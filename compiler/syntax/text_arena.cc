#include "syntax/text_arena.h"

#include <algorithm>

namespace pipec::syntax {

namespace {
// Blocks double from the first, so a document of n bytes of text has about
// log2(n / kFirstBlock) of them, up to kLargestBlock; a text larger than the
// next block gets a block of its own size.
constexpr std::size_t kFirstBlock = 1024;
constexpr std::size_t kLargestBlock = 1024 * 1024;
}  // namespace

void TextArena::add_block_for(std::size_t bytes) {
  const std::size_t grown = blocks_.empty() ? kFirstBlock : std::min(blocks_.back().size * 2, kLargestBlock);
  add_block(std::max(grown, bytes));
}

void TextArena::reserve(std::size_t bytes) {
  if (bytes > left_) add_block(bytes);
}

void TextArena::add_block(std::size_t size) {
  blocks_.push_back({std::make_unique_for_overwrite<char[]>(size), size});
  next_ = blocks_.back().bytes.get();
  last_ = next_;
  last_size_ = size;
  left_ = size;
}

}  // namespace pipec::syntax
