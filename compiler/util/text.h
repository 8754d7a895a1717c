#pragma once
// Quoting user text for messages. Everything a user wrote passes through
// quote() before it reaches a terminal: control characters are escaped (no
// terminal injection from a hostile file) and long values are shortened.

#include <string>
#include <string_view>
#include <vector>

namespace pipec::util {

/// `"text"` with JSON-style escapes; longer than `max_code_points` → cut with "…".
[[nodiscard]] std::string quote(std::string_view text, std::size_t max_code_points = 80);

/// `a, b and c`: items as they are, joined for a sentence; stops after `max_items`.
[[nodiscard]] std::string list(const std::vector<std::string>& items, std::string_view conjunction = "and",
                               std::size_t max_items = 12);

/// `"a", "b" or "c"` (for "expected one of" lists); stops after `max_items`.
[[nodiscard]] std::string quote_list(const std::vector<std::string>& items,
                                     std::string_view conjunction = "or",
                                     std::size_t max_items = 12);

/// "1 error", "2 errors".
[[nodiscard]] std::string plural(std::size_t count, std::string_view singular,
                                 std::string_view plural_form = {});

/// Ordinal English name of a 0-based index for messages: "first", "second", … "11th".
[[nodiscard]] std::string ordinal(std::size_t zero_based);

}  // namespace pipec::util
