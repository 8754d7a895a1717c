#include "util/text.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/utf8.h"

namespace pipec::util {

std::string quote(std::string_view text, std::size_t max_code_points) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  // Most text is printable ASCII with nothing to escape: copied in one piece.
  std::size_t i = 0;
  const std::size_t plain_limit = std::min(text.size(), max_code_points);
  while (i < plain_limit && text[i] >= 0x20 && text[i] < 0x7F && text[i] != '"' && text[i] != '\\') ++i;
  out.append(text.substr(0, i));
  std::size_t shown = i;
  while (i < text.size()) {
    if (shown == max_code_points) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\u{:04x}", c);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
    } else {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out += fmt::format("\\x{:02x}", c);
        ++i;
      } else {
        // C1 controls (U+0080..U+009F) are two bytes starting 0xC2 0x80..0x9F.
        if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
        } else {
          out.append(text.substr(i, length));
        }
        i += length;
      }
    }
    ++shown;
  }
  out += "\"";
  return out;
}

std::string list(const std::vector<std::string>& items, std::string_view conjunction, std::size_t max_items) {
  std::string out;
  const std::size_t shown = std::min(items.size(), max_items);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? fmt::format(" {} ", conjunction) : ", ";
    out += items[i];
  }
  if (shown < items.size()) out += fmt::format(", … ({} more)", items.size() - shown);
  return out;
}

std::string quote_list(const std::vector<std::string>& items, std::string_view conjunction,
                       std::size_t max_items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const auto& item : items) quoted.push_back(quote(item));
  return list(quoted, conjunction, max_items);
}

std::string plural(std::size_t count, std::string_view singular, std::string_view plural_form) {
  if (count == 1) return fmt::format("1 {}", singular);
  if (plural_form.empty()) return fmt::format("{} {}s", count, singular);
  return fmt::format("{} {}", count, plural_form);
}

std::string ordinal(std::size_t zero_based) {
  static constexpr const char* kNames[] = {"first",   "second", "third", "fourth", "fifth",
                                           "sixth",   "seventh", "eighth", "ninth", "tenth"};
  if (zero_based < 10) return kNames[zero_based];
  const std::size_t n = zero_based + 1;
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                       : n % 10 == 1                     ? "st"
                       : n % 10 == 2                     ? "nd"
                       : n % 10 == 3                     ? "rd"
                                                         : "th";
  return fmt::format("{}{}", n, suffix);
}

}  // namespace pipec::util
