#pragma once
// String operators as event-ruler evaluates them. Its state machine sees a
// string value with its JSON quotes ("abc" is the 5 bytes "abc" with quotes)
// and compiles an operand with the quotes the operator implies: a prefix
// keeps the opening quote only, a suffix the closing one. So {"prefix":
// "ab\""} matches the value ab (the pattern's quote meets the value's closing
// quote), and no prefix, suffix, wildcard or ignore-case operand ever matches
// a number, null or a boolean. The functions here take the value without
// quotes and account for them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::eventbridge {

/// `"` + value: the part of a quoted value a prefix can see, minus the
/// leading quote the operand also has; so prefix p matches when p is a prefix
/// of value + '"'.
[[nodiscard]] bool prefix_matches(std::string_view prefix, std::string_view value);
/// Suffix s matches when s is a suffix of '"' + value.
[[nodiscard]] bool suffix_matches(std::string_view suffix, std::string_view value);

/// equals-ignore-case, and its prefix and suffix forms, the way
/// EqualsIgnoreCaseParser compiles them: for each UTF-16 unit of the operand,
/// the value must hold the UTF-8 of the unit's lower-case or upper-case
/// mapping (Java, Locale.ROOT). "ß" matches "ß" and "SS" but not "ss"; a
/// character outside the BMP becomes two lone surrogates, which Java encodes
/// as "??", so such an operand matches "??" and not itself.
class IgnoreCase {
 public:
  explicit IgnoreCase(std::string_view operand);
  [[nodiscard]] bool equals(std::string_view value) const;
  [[nodiscard]] bool prefix_of(std::string_view value) const;  ///< of value + '"'
  [[nodiscard]] bool suffix_of(std::string_view value) const;  ///< of '"' + value

 private:
  struct Unit {
    std::string lower, upper;  ///< upper empty when the same as lower
  };
  std::vector<Unit> units_;
  // When each unit's spellings are one byte each (every operand in ASCII),
  // each unit takes exactly one byte of the value: the spellings side by
  // side, compared byte for byte, without the general walk's position sets.
  // Set only then, so they are as long as units_ exactly then.
  std::string lower_bytes_, upper_bytes_;
  [[nodiscard]] bool one_byte_units() const { return lower_bytes_.size() == units_.size(); }
};

/// A wildcard operand: '*' is any run of bytes; "\*" and "\\" are a literal
/// '*' and '\'.
class Wildcard {
 public:
  struct Error {
    std::string message;     ///< event-ruler's, positions counted with the opening quote
    std::size_t begin, end;  ///< the offending bytes in the operand
  };
  /// Why event-ruler refuses an operand ("Consecutive wildcard characters at
  /// pos 4"), or nothing.
  [[nodiscard]] static std::optional<Error> check(std::string_view operand);

  explicit Wildcard(std::string_view operand);  ///< a checked operand
  [[nodiscard]] bool matches(std::string_view value) const;

  static constexpr int kStar = 256;
  /// The operand's bytes (escapes resolved), and kStar for each '*'.
  [[nodiscard]] const std::vector<int>& tokens() const { return tokens_; }

 private:
  std::vector<int> tokens_;
};

}  // namespace pipec::eventbridge
