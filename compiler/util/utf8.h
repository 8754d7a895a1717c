#pragma once
// UTF-8 helpers: validation with the position of the first bad byte, and code
// point counting that treats each invalid byte as one column.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipec::util {

/// Byte offset of the first byte that does not start a well-formed UTF-8
/// sequence (overlongs, surrogates and values above U+10FFFF are ill-formed).
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Length of the well-formed sequence starting at text[i], or 0 if ill-formed.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// Number of code points in text; each ill-formed byte counts as one.
[[nodiscard]] std::size_t count_code_points(std::string_view text);

/// `text` with every ill-formed byte replaced by U+FFFD: what a library that
/// assumes valid UTF-8 may be given. Code point counts are unchanged.
[[nodiscard]] std::string valid_utf8(std::string_view text);

/// Appends the UTF-8 encoding of a code point (U+FFFD for invalid ones).
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace pipec::util
