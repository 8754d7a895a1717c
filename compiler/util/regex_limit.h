#pragma once
// How long a text std::regex may safely match.

#include <cstddef>

namespace pipec::util {

// libstdc++'s std::regex recurses once per character and overflows the stack
// on long strings (about 50,000 characters, 10,000 under AddressSanitizer):
// a text longer than this is never given to it.
inline constexpr std::size_t kRegexSafeLength = 1024;

}  // namespace pipec::util
