#include "eventbridge/java_string.h"

#include <algorithm>
#include <cstdint>

#include "util/utf8.h"

namespace pipec::eventbridge {

std::vector<char16_t> utf16_units(std::string_view text) {
  std::vector<char16_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = util::utf8_sequence_length(text, i);
    if (n == 0) {
      out.push_back(u'\uFFFD');
      ++i;
      continue;
    }
    std::uint32_t cp = static_cast<unsigned char>(text[i]);
    if (n > 1) {
      cp &= 0xFFu >> (n + 1);
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += n;
  }
  return out;
}

bool java_less(std::string_view a, std::string_view b) {
  const auto ua = utf16_units(a), ub = utf16_units(b);
  return std::lexicographical_compare(ua.begin(), ua.end(), ub.begin(), ub.end());
}

}  // namespace pipec::eventbridge
