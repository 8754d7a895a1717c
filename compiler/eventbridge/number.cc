#include "eventbridge/number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace pipec::eventbridge {

namespace {

// A decimal as sign, significant digits (no leading or trailing zeros) and
// the power of ten of the last digit: 12.50 is {false, "125", -1}. Zero has
// no digits. Two decimals are equal exactly when these are. The digits are
// held in place (reading numbers is on the path of every event): a decimal
// with more of them than a double's shortest form ever has (17) keeps only
// its exponent right, and is equal to no other.
struct Decimal {
  static constexpr std::size_t kDigits = 32;
  bool negative = false;
  bool too_many = false;  ///< more than kDigits significant digits; `digits` unset
  std::uint8_t count = 0;
  char digits[kDigits];  // the first `count`
  std::int64_t exponent = 0;
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return !a.too_many && !b.too_many && a.negative == b.negative && a.count == b.count && a.exponent == b.exponent &&
           std::memcmp(a.digits, b.digits, a.count) == 0;
  }
};

// Reads JSON number syntax (and what std::to_chars writes, which is a
// subset). Exponents are clamped: past a billion the number is out of the
// double range anyway, and the comparison still fails as it should.
std::optional<Decimal> read_decimal(std::string_view text) {
  Decimal d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  std::int64_t fraction_digits = 0;
  std::int64_t zeros = 0;  // zeros since the last significant digit
  bool seen_digit = false, significant = false, in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (in_fraction) ++fraction_digits;
      if (c == '0') {
        if (significant) ++zeros;  // leading zeros count for nothing
        continue;
      }
      if (significant && !d.too_many) {
        if (static_cast<std::size_t>(d.count) + static_cast<std::size_t>(zeros) + 1 > Decimal::kDigits) {
          d.too_many = true;
        } else {
          for (; zeros > 0; --zeros) d.digits[d.count++] = '0';
        }
      }
      if (!d.too_many) d.digits[d.count++] = c;
      significant = true;
      zeros = 0;
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative_exponent = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (text[i] - '0');
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  if (!significant) return Decimal{};  // zero, whatever its sign
  d.exponent = exponent - fraction_digits + zeros;
  return d;
}

}  // namespace

std::optional<std::int64_t> decimal_places(std::string_view json_number) {
  const auto d = read_decimal(json_number);
  if (!d) return std::nullopt;
  return d->exponent < 0 ? -d->exponent : 0;
}

std::optional<double> comparable_number(std::string_view json_number) {
  double value = 0;
  const char* begin = json_number.data();
  const char* end = begin + json_number.size();
  // from_chars takes no leading '+', which JSON does not allow either.
  const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  if (value == 0) value = 0;  // -0.0 becomes 0.0
  char buffer[64];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, value);
  const std::string_view shortest_text(buffer, static_cast<std::size_t>(printed.ptr - buffer));
  // Written as the shortest form is (as most producers of JSON write
  // doubles): the same decimal, with no need to read either.
  if (shortest_text == json_number) return value;
  const auto written = read_decimal(json_number);
  const auto shortest = read_decimal(shortest_text);
  if (!written || !shortest || !(*shortest == *written)) return std::nullopt;
  return value;
}

}  // namespace pipec::eventbridge
