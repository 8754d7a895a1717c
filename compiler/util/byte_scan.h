#pragma once
// Scans for a byte eight bytes at a time, where a loop over one byte at a
// time with a test per byte (or ByteSet, a load per byte) is the cost of
// reading a file: the strict JSON reader's strings and indentation, the
// reader of events straight from their text (eventbridge/event_text.cc), the
// scan that tells a JSON file's kind, the decoding of JSON strings. (The YAML
// reader's runs of spaces are too short to gain.) Each word of eight bytes is
// tested with the bit trick that finds a zero byte ("haszero", Hacker's
// Delight 6-1): `(v - 0x01…) & ~v & 0x80…` sets the high bit of each zero
// byte, and of no byte below the first zero byte, so the lowest bit set says
// where the first match is. On a big-endian machine, which would read the
// word's bytes the other way round, the scans test one byte at a time.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace pipec::util {

namespace byte_scan {

constexpr std::uint64_t kOnes = 0x0101010101010101;
constexpr std::uint64_t kHighs = 0x8080808080808080;
constexpr bool kByWords = std::endian::native == std::endian::little;

inline std::uint64_t word_at(const char* at) {
  std::uint64_t v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

// The high bit of each byte of `v` equal to `c`, exact up to the first.
constexpr std::uint64_t equal(std::uint64_t v, unsigned char c) {
  const std::uint64_t x = v ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighs;
}

// The high bit of each byte of `v` below `n` (at most 0x80), exact up to the first.
constexpr std::uint64_t below(std::uint64_t v, unsigned char n) { return (v - kOnes * n) & ~v & kHighs; }

}  // namespace byte_scan

/// The index of the first byte of `text`, from `from` on, that is one of
/// `Bytes` or is below `Below` (0: no byte is), or text.size() when none is.
template <unsigned char Below, char... Bytes>
[[nodiscard]] std::size_t find_first(std::string_view text, std::size_t from) {
  using namespace byte_scan;
  static_assert(Below <= 0x80, "below() is exact only up to 0x80");
  if constexpr (kByWords) {
    for (; from + 8 <= text.size(); from += 8) {
      const std::uint64_t v = word_at(text.data() + from);
      std::uint64_t hit = (equal(v, static_cast<unsigned char>(Bytes)) | ... | 0);
      if constexpr (Below != 0) hit |= below(v, Below);
      if (hit != 0) return from + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
    }
  }
  // The last bytes, or all of them on a big-endian machine: a table lookup each.
  static constexpr auto kStops = [] {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < Below; ++c) t[c] = true;
    ((t[static_cast<unsigned char>(Bytes)] = true), ...);
    return t;
  }();
  while (from < text.size() && !kStops[static_cast<unsigned char>(text[from])]) ++from;
  return std::min(from, text.size());
}

/// The index of the first byte of `text`, from `from` on, that is not `c`,
/// or text.size() when none is: the end of a run of spaces.
[[nodiscard]] inline std::size_t skip_run(std::string_view text, std::size_t from, char c) {
  using namespace byte_scan;
  if constexpr (kByWords) {
    const std::uint64_t run = kOnes * static_cast<unsigned char>(c);
    for (; from + 8 <= text.size(); from += 8) {
      const std::uint64_t other = word_at(text.data() + from) ^ run;  // zero where the byte is c
      if (other != 0) return from + static_cast<std::size_t>(std::countr_zero(other)) / 8;
    }
  }
  while (from < text.size() && text[from] == c) ++from;
  return std::min(from, text.size());
}

}  // namespace pipec::util
