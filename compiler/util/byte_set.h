#pragma once
// A set of bytes as a table, built at compile time: the scanners that look at
// every byte of a file (the YAML readers, the credential scan) ask it once per
// byte, where a search of a string of characters would call memchr.

#include <array>
#include <string_view>

namespace pipec::util {

class ByteSet {
 public:
  /// The set of the bytes of `bytes`.
  constexpr explicit ByteSet(std::string_view bytes) {
    for (const char c : bytes) table_[static_cast<unsigned char>(c)] = true;
  }

  [[nodiscard]] constexpr bool has(char c) const { return table_[static_cast<unsigned char>(c)]; }

 private:
  std::array<bool, 256> table_{};
};

}  // namespace pipec::util
