#pragma once
// FNV-1a, 64 bits: the hash of pipec's fingerprints (a baseline's "line:"
// entries, GitLab's finding fingerprints). Not cryptographic, and needs no
// dependency. Its values are stored by users (baselines, GitLab's record of
// which findings are new), so they must never change.

#include <cstdint>
#include <string_view>

namespace pipec::util {

class Fnv1a {
 public:
  /// The bytes of `text`.
  Fnv1a& add(std::string_view text) {
    for (const char c : text) byte(static_cast<unsigned char>(c));
    return *this;
  }
  /// `text`, then a separator no text holds, so that the fields ("ab", "c")
  /// and ("a", "bc") hash apart.
  Fnv1a& add_field(std::string_view text) {
    add(text);
    byte(0xFF);
    return *this;
  }
  [[nodiscard]] std::uint64_t value() const { return hash_; }
  /// The value through murmur3's finalizer: FNV-1a spreads its last bytes
  /// over few bits, so texts that differ only at their end would get
  /// look-alike hashes; the finalizer mixes every bit into every other.
  [[nodiscard]] std::uint64_t mixed() const {
    std::uint64_t h = hash_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

 private:
  void byte(unsigned char c) {
    hash_ ^= c;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace pipec::util
