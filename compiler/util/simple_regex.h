#pragma once
// The regular expressions JSON Schema patterns are: characters, character
// classes and groups of alternatives, each with a count ("^[A-Za-z0-9_]+$",
// "^arn:aws(-[\w]+)*:iam::[0-9]{12}:role/.*$"). std::regex takes about half a
// millisecond to compile one (its bracket expressions ask the locale about
// all 256 bytes); this takes microseconds. Whether a text matches is a
// question about a regular language, so it is answered by carrying the set of
// positions each part can end at, in time proportional to the text's length
// times the pattern's, with no backtracking.
//
// Its answer is std::regex_search's (ECMAScript grammar, "C" locale, bytes):
// "." is any byte but "\n" and "\r"; \d, \w and \s are the ASCII digits, word
// characters and " \t\n\v\f\r". Anything else — alternation outside a group,
// backreferences, assertions, lazy counts, escapes such as \n — is not
// parsed: parse() says nothing, and the caller uses std::regex. A unit test
// compares the two on random patterns and texts.

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::util {

class SimpleRegex {
 public:
  /// The pattern, if it is a sequence of counted characters, classes and
  /// groups between an optional "^" and an optional "$".
  [[nodiscard]] static std::optional<SimpleRegex> parse(std::string_view pattern);

  /// Whether some part of `text` matches (all of it, between "^" and "$").
  [[nodiscard]] bool search(std::string_view text) const;

  struct Part;
  using Sequence = std::vector<Part>;
  /// A byte of a class, or a group of alternatives, with its count.
  struct Part {
    std::bitset<256> bytes;
    std::vector<Sequence> alternatives;  // a group when not empty
    std::uint32_t min = 1, max = 1;      // max: kUnbounded for "*", "+" and "{m,}"
  };
  static constexpr std::uint32_t kUnbounded = 0xFFFF'FFFF;

 private:
  // Most schema patterns are one class between "^" and "$"
  // ("^[0-9A-Za-z_-]+$") or a literal ("#\\{"); those are answered in one
  // pass, without the position sets.
  enum class Shape : std::uint8_t { general, one_class, literal };

  Sequence parts_;
  bool anchored_start_ = false, anchored_end_ = false;
  Shape shape_ = Shape::general;
  static Shape shape_of(const Sequence& parts, bool anchored_both, std::string& literal);
  std::string literal_;  ///< the bytes of a literal pattern
};

}  // namespace pipec::util
