// aws/arn.h: whether two ARN patterns (* any run, ? one character) can
// match one ARN, held to a reference that tries every text.

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "aws/arn.h"

using pipec::aws::patterns_overlap;

namespace {

// Whether `pattern` matches `text`, by the definition.
bool matches(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '*') return matches(pattern.substr(1), text) || (!text.empty() && matches(pattern, text.substr(1)));
  return !text.empty() && (pattern[0] == '?' || pattern[0] == text[0]) && matches(pattern.substr(1), text.substr(1));
}

// Whether some text over the patterns' letters (and one other) up to
// `longest` characters matches both.
bool overlap_by_search(const std::string& a, const std::string& b, std::size_t longest) {
  const std::string letters = "abx";
  std::string text;
  const auto search = [&](auto&& self) -> bool {
    if (matches(a, text) && matches(b, text)) return true;
    if (text.size() == longest) return false;
    for (const char c : letters) {
      text.push_back(c);
      if (self(self)) return true;
      text.pop_back();
    }
    return false;
  };
  return search(search);
}

// Whether `pattern` matches the literal `text`, by a table (for texts too
// long for the recursive definition).
bool matches_long(std::string_view pattern, std::string_view text) {
  std::vector<char> below(text.size() + 1, 0), row(text.size() + 1, 0);
  below[text.size()] = 1;
  for (std::size_t i = pattern.size(); i-- > 0;) {
    row[text.size()] = pattern[i] == '*' && below[text.size()];
    for (std::size_t j = text.size(); j-- > 0;) {
      row[j] = pattern[i] == '*' ? (below[j] || row[j + 1])
                                 : ((pattern[i] == '?' || pattern[i] == text[j]) && below[j + 1]);
    }
    std::swap(row, below);
  }
  return below[0] != 0;
}

// `text` with some runs replaced by "*" and some characters by "?".
std::string wildcarded(const std::string& text, std::mt19937& random) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto roll = random() % 20;
    if (roll == 0) {
      out += '*';
      i += random() % 6;
    } else {
      out += roll == 1 ? '?' : text[i];
      ++i;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("ARN patterns overlap when one ARN can match both") {
  CHECK(patterns_overlap("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"));
  CHECK_FALSE(patterns_overlap("arn:aws:s3:::bucket/*", "arn:aws:s3:::other/key"));
  CHECK(patterns_overlap("arn:*:ecr:*:123456789012:repository/web-*", "arn:aws:ecr:us-east-1:*:repository/*"));
  CHECK_FALSE(patterns_overlap("arn:aws:ecr:*:*:repository/*", "arn:aws:logs:*:*:*"));
  CHECK(patterns_overlap("*", ""));
  CHECK_FALSE(patterns_overlap("?", ""));
  CHECK(patterns_overlap("a*b", "a*b"));
  CHECK_FALSE(patterns_overlap("a*b", "a*c"));
  // Stars alone take anything the other side can be.
  CHECK(patterns_overlap("*", "arn:*:iam:*:*:role/*"));
  CHECK(patterns_overlap("shop-?*x", "**"));
  // Random patterns of a few letters and wildcards, against every text of
  // as long as both together (a shortest common text is no longer).
  std::mt19937 random(20261206);
  const std::string alphabet = "ab*?";
  for (int i = 0; i < 3000 / PIPEC_TEST_ROUNDS_DIVISOR; ++i) {
    std::string a, b;
    for (std::size_t k = random() % 5; k > 0; --k) a += alphabet[random() % alphabet.size()];
    for (std::size_t k = random() % 5; k > 0; --k) b += alphabet[random() % alphabet.size()];
    INFO(a << " / " << b);
    CHECK(patterns_overlap(a, b) == overlap_by_search(a, b, a.size() + b.size()));
  }
}

TEST_CASE("long ARN patterns overlap as the definition says") {
  // Long enough to take every way patterns_overlap has (patterns of fewer
  // and of more than 64 characters), with the stars in the middle so that
  // trimming the common ends leaves them long.
  std::mt19937 random(20261207);
  const std::string alphabet = "ab:/";
  for (int i = 0; i < 2000 / PIPEC_TEST_ROUNDS_DIVISOR; ++i) {
    std::string text = "x";
    for (std::size_t k = 20 + random() % 130; k > 0; --k) text += alphabet[random() % alphabet.size()];
    text += "y";
    std::string pattern = "*" + wildcarded(text, random) + "*";
    // Against a literal: exactly when the pattern matches it, the text it
    // came from or that text with one character changed.
    std::string other = text;
    if (random() % 2 == 0) other[1 + random() % (other.size() - 2)] = 'z';
    INFO(pattern << " / " << other);
    CHECK(patterns_overlap(pattern, other) == matches_long(pattern, other));
    CHECK(patterns_overlap(other, pattern) == matches_long(pattern, other));
    // Two patterns made from one text: that text matches both.
    const std::string second = wildcarded(text, random);
    INFO(pattern << " / " << second);
    CHECK(patterns_overlap(pattern, second));
    CHECK(patterns_overlap(second, pattern));
  }
}
