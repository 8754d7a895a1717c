#pragma once
// ASCII case, as std::tolower has it in the "C" locale pipec runs in (pipec
// never sets another), without a call into libc for every character: IAM
// action names, AWS service prefixes and credential key names are compared
// this way by the thousand in a run.

#include <algorithm>
#include <string>
#include <string_view>

namespace pipec::util {

[[nodiscard]] constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

[[nodiscard]] inline std::string ascii_lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

[[nodiscard]] inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace pipec::util
