#pragma once
// Numbers as event-ruler compares them. A JSON number takes part in numeric
// matching (numeric ranges, numeric anything-but, the numeric side of an
// exact number) only if the decimal it is written as is exactly the value of
// a finite double: event-ruler (ComparableNumber.generate) parses the text as
// a BigDecimal, converts it to a double, and refuses it unless Java's shortest
// round-trip decimal of that double compares equal. "0.1", "300.0" and "3e2"
// pass (the last two are the same number); "0.10000000000000001",
// "12345678901234567890" and "1e400" do not, and only ever match as the
// exact text they are written with.

#include <cstdint>
#include <optional>
#include <string_view>

namespace pipec::eventbridge {

/// The value of a JSON number if event-ruler can compare it, else nothing.
/// Negative zero is folded into zero (a BigDecimal has no sign on zero).
[[nodiscard]] std::optional<double> comparable_number(std::string_view json_number);

/// The digits after the decimal point of a JSON number's value, trailing
/// zeros dropped (BigDecimal's scale after stripTrailingZeros, never below
/// 0): 0 for 300, 3e2 and 1.50e1; 7 for 0.1234567 and 1.5e-6. Nothing for
/// text that is not a JSON number.
[[nodiscard]] std::optional<std::int64_t> decimal_places(std::string_view json_number);

}  // namespace pipec::eventbridge
