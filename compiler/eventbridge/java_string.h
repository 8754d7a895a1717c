#pragma once
// Strings as Java holds them, where event-ruler's behaviour depends on it:
// UTF-16 code units, and String.compareTo's order (which is not UTF-8 byte
// order for characters above U+FFFF against U+E000-U+FFFF).

#include <string_view>
#include <vector>

namespace pipec::eventbridge {

/// The UTF-16 code units of UTF-8 text; ill-formed bytes become U+FFFD, as
/// Java's decoder makes them.
[[nodiscard]] std::vector<char16_t> utf16_units(std::string_view utf8);

/// a.compareTo(b) < 0 in Java.
[[nodiscard]] bool java_less(std::string_view a, std::string_view b);

}  // namespace pipec::eventbridge
