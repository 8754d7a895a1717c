#include "eventbridge/number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace pipec::eventbridge {

namespace {

// A decimal as sign, significant digits (no leading or trailing zeros) and
// the power of ten of the last digit: 12.50 is {false, "125", -1}. Zero has
// no digits. Two decimals are equal exactly when these are.
struct Decimal {
  bool negative = false;
  std::string digits;
  std::int64_t exponent = 0;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// Reads JSON number syntax (and what std::to_chars writes, which is a
// subset). Exponents are clamped: past a billion the number is out of the
// double range anyway, and the comparison still fails as it should.
std::optional<Decimal> read_decimal(std::string_view text) {
  Decimal d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  std::string all;
  std::int64_t fraction_digits = 0;
  bool seen_digit = false;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      all.push_back(c);
      seen_digit = true;
      if (in_fraction) ++fraction_digits;
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
  std::size_t first = all.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};  // zero, whatever its sign
  std::size_t last = all.find_last_not_of('0');
  d.digits = all.substr(first, last - first + 1);
  d.exponent = exponent - fraction_digits + static_cast<std::int64_t>(all.size() - 1 - last);
  return d;
}

}  // namespace

std::optional<std::int64_t> decimal_places(std::string_view json_number) {
  const auto d = read_decimal(json_number);
  if (!d) return std::nullopt;
  return d->exponent < 0 ? -d->exponent : 0;
}

std::optional<double> comparable_number(std::string_view json_number) {
  const auto written = read_decimal(json_number);
  if (!written) return std::nullopt;
  double value = 0;
  const char* begin = json_number.data();
  const char* end = begin + json_number.size();
  // from_chars takes no leading '+', which JSON does not allow either.
  const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  if (value == 0) value = 0;  // -0.0 becomes 0.0
  char buffer[64];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, value);
  const auto shortest = read_decimal(std::string_view(buffer, static_cast<std::size_t>(printed.ptr - buffer)));
  if (!shortest || !(*shortest == *written)) return std::nullopt;
  return value;
}

}  // namespace pipec::eventbridge
