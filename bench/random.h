#pragma once
// The benchmarks' random inputs: a xorshift generator with a fixed seed, so
// that every run times the same events.

#include <cstdint>
#include <string>

namespace pipec::bench {

class Random {
 public:
  std::uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }

 private:
  std::uint32_t state_ = 2463534242u;
};

/// `digits` random hexadecimal digits.
inline std::string hex(Random& r, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out.push_back(kHex[r.below(16)]);
  return out;
}

}  // namespace pipec::bench
