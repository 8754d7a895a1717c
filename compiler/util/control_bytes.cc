#include "util/control_bytes.h"

#include <cstdint>
#include <cstring>

namespace pipec::util {

namespace {

using Word = std::uint64_t;

constexpr Word repeat(unsigned char b) { return Word{b} * 0x0101010101010101ULL; }
constexpr Word kHigh = repeat(0x80), kLow7 = repeat(0x7F);

// The high bit of each byte of `w` that is zero (exact per byte: the
// addition cannot carry from one byte into the next).
Word zero_bytes(Word w) { return ~(((w & kLow7) + kLow7) | w) & kHigh; }

// The high bit of each byte below 0x20: its low seven bits plus 0x60 reach
// the high bit only from 0x20 up, and a byte with its high bit set is not.
Word bytes_below_space(Word w) { return ~(((w & kLow7) + repeat(0x60)) | w) & kHigh; }

bool control_byte(unsigned char b) { return (b < 0x20 && b != '\n') || b == 0x7F; }

}  // namespace

bool has_control_byte(std::string_view text) {
  std::size_t i = 0;
  for (; i + sizeof(Word) <= text.size(); i += sizeof(Word)) {
    Word w = 0;
    std::memcpy(&w, text.data() + i, sizeof w);
    const Word control = (bytes_below_space(w) & ~zero_bytes(w ^ repeat('\n'))) | zero_bytes(w ^ repeat(0x7F));
    if (control != 0) return true;
  }
  for (; i < text.size(); ++i) {
    if (control_byte(static_cast<unsigned char>(text[i]))) return true;
  }
  return false;
}

}  // namespace pipec::util
