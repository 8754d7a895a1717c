// The building blocks of matching, each against event-ruler's behaviour:
// comparable numbers (ComparableNumberTest), IP addresses and CIDR blocks
// (CIDRTest), wildcards (WildcardParserTest), case mappings
// (EqualsIgnoreCaseParserTest), Java's string order, and the numeric index.

#include <catch2/catch.hpp>

#include <string>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <random>

#include "eventbridge/ip_address.h"
#include "eventbridge/java_string.h"
#include "eventbridge/number.h"
#include "eventbridge/numeric_index.h"
#include "eventbridge/string_match.h"

using namespace pipec::eventbridge;

TEST_CASE("comparable numbers", "[eventbridge][primitives]") {
  CHECK(comparable_number("300") == 300.0);
  CHECK(comparable_number("300.0") == 300.0);
  CHECK(comparable_number("3e2") == 300.0);
  CHECK(comparable_number("3.0E+2") == 300.0);
  CHECK(comparable_number("-4e-6") == -4e-6);
  CHECK(comparable_number("0.1") == 0.1);
  CHECK(comparable_number("123456789012") == 123456789012.0);
  CHECK(comparable_number("1E-320"));                      // subnormal, but exact as Java prints it
  CHECK(comparable_number("-5E11") == -5e11);
  CHECK(comparable_number("4999999999.99999"));
  CHECK_FALSE(comparable_number("0.10000000000000001"));  // more digits than the double holds
  CHECK_FALSE(comparable_number("12345678901234567890"));
  CHECK_FALSE(comparable_number("9007199254740993"));      // 2^53 + 1
  CHECK(comparable_number("9007199254740992"));
  CHECK_FALSE(comparable_number("1e400"));
  CHECK_FALSE(comparable_number("2.0e422"));
  CHECK_FALSE(comparable_number("1E-325"));  // rounds to zero
  // No sign on zero.
  const auto zero = comparable_number("-0.0");
  REQUIRE(zero);
  CHECK_FALSE(std::signbit(*zero));
  CHECK_FALSE(comparable_number("abc"));
  CHECK_FALSE(comparable_number(""));
  // Many digits: zeros on either side of the significant ones cost nothing,
  // digits beyond what a double's shortest form holds never compare.
  CHECK(comparable_number("1" + std::string(60, '0')) == 1e60);
  CHECK(comparable_number("0." + std::string(60, '0') + "1") == 1e-61);
  CHECK(comparable_number("1.5" + std::string(60, '0')) == 1.5);
  CHECK_FALSE(comparable_number("1." + std::string(40, '0') + "1"));
  CHECK_FALSE(comparable_number(std::string(40, '7')));
  CHECK(decimal_places("1." + std::string(40, '3')) == 40);
  CHECK(decimal_places("1." + std::string(40, '0') + "5") == 41);
}

TEST_CASE("IP addresses as event-ruler reads them", "[eventbridge][primitives]") {
  const auto ip = [](const char* text) {
    const auto a = parse_ip(text);
    return a ? format_ip(*a) : std::string("-");
  };
  CHECK(ip("10.0.0.1") == "10.0.0.1");
  CHECK(ip("255.255.255.255") == "255.255.255.255");
  CHECK(ip("256.0.0.1") == "-");
  // Leading zeros are decimal, as the JDK reads IPv4 literals (OpenJDK 17,
  // IPAddressUtil.textToNumericFormatV4); at most 15 characters in all.
  CHECK(ip("01.0.0.1") == "1.0.0.1");
  CHECK(ip("10.0.0.01") == "10.0.0.1");
  CHECK(ip("10.0.0.010") == "10.0.0.10");
  CHECK(ip("10.0.0.08") == "10.0.0.8");
  CHECK(ip("010.000.000.001") == "10.0.0.1");
  CHECK(ip("10.0.0.0001") == "10.0.0.1");
  CHECK(ip("10.0.0.0255") == "10.0.0.255");
  CHECK(ip("10.0.0.0256") == "-");         // past 255
  CHECK(ip("0010.000.000.001") == "-");    // 16 characters
  CHECK(ip("10.0.0.00000000001") == "-");  // 18 characters
  CHECK(ip("10.0.0") == "-");      // the regex wants four parts
  CHECK(ip("10.0.0.1.2") == "-");
  CHECK(ip("::") == "0:0:0:0:0:0:0:0");
  CHECK(ip("::1") == "0:0:0:0:0:0:0:1");
  CHECK(ip("2001:DB8::ff00:42:8329") == "2001:db8:0:0:0:ff00:42:8329");
  CHECK(ip("2001:db8:0:0:1:0:0:1") == "2001:db8:0:0:1:0:0:1");
  CHECK(ip("1::") == "1:0:0:0:0:0:0:0");
  CHECK(ip("::ffff:a00:1") == "10.0.0.1");  // IPv4-mapped becomes IPv4
  CHECK(ip("1:2:3:4:5:6:7:8:9") == "-");
  CHECK(ip("1::2::3") == "-");
  CHECK(ip(":1") == "-");
  CHECK(ip("1:") == "-");
  CHECK(ip("12345::") == "-");
  CHECK(ip("::ffff:10.0.0.1") == "-");  // no dots in event-ruler's IPv6 regex
  CHECK(ip("fe80::1%eth0") == "-");
  CHECK(ip("localhost") == "-");
}

TEST_CASE("CIDR blocks", "[eventbridge][primitives]") {
  const auto in = [](const char* cidr, const char* address) {
    const auto block = parse_cidr(cidr);
    REQUIRE(block.range);
    const auto a = parse_ip(address);
    REQUIRE(a);
    return ip_in_range(*a, *block.range);
  };
  CHECK(in("10.0.0.0/24", "10.0.0.0"));
  CHECK(in("10.0.0.0/24", "10.0.0.255"));
  CHECK_FALSE(in("10.0.0.0/24", "10.0.1.0"));
  CHECK_FALSE(in("10.0.0.0/24", "9.255.255.255"));
  CHECK(in("10.0.0.7/24", "10.0.0.1"));  // host bits are ignored
  CHECK(in("10.0.0.0/31", "10.0.0.1"));
  CHECK_FALSE(in("10.0.0.0/31", "10.0.0.2"));
  CHECK(in("0.0.0.0/0", "1.2.3.4"));
  CHECK(in("2001:db8::/32", "2001:db8:ffff::1"));
  CHECK_FALSE(in("2001:db8::/32", "2001:db9::"));
  CHECK(in("::/0", "ffff::"));
  // Digit by digit: an IPv6 address is compared on its first 8 hex digits
  // against an IPv4 block (and an IPv4 address can fall in a short IPv6 one).
  CHECK(in("10.0.0.0/8", "a01::"));
  CHECK_FALSE(in("10.0.0.0/8", "b00::"));
  CHECK(in("::/1", "1.2.3.4"));
  // Exact addresses: a range of one, even across the F/0 edge of a digit.
  const auto one = [](const char* pattern, const char* value) {
    return ip_in_range(*parse_ip(value), exact_ip_range(*parse_ip(pattern)));
  };
  CHECK(one("10.0.0.15", "10.0.0.15"));
  CHECK_FALSE(one("10.0.0.15", "10.0.0.14"));
  CHECK_FALSE(one("10.0.0.15", "10.0.0.16"));
  CHECK(one("10.0.0.16", "10.0.0.16"));
  CHECK_FALSE(one("10.0.0.16", "10.0.0.17"));
  CHECK(one("::ffff", "0:0:0:0:0:0:0:ffff"));
  // Leading zeros in a block are decimal too (event-ruler probe on JDK 17).
  CHECK(in("10.0.0.01/24", "10.0.0.5"));
  CHECK(in("010.0.0.0/24", "10.0.0.5"));
  CHECK(parse_cidr("10.0.0.0256/24").error == "Invalid IP address: 10.0.0.0256");
  CHECK(parse_cidr("0010.000.000.000/8").error == "Invalid IP address: 0010.000.000.000");
  // Errors, with event-ruler's messages.
  CHECK(parse_cidr("10.0.0.0").error == "Malformed CIDR, one '/' required");
  CHECK(parse_cidr("/8").error == "Nonstandard IP address: ");
  CHECK(parse_cidr("10.0.0.0/+8").range);  // Java's parseInt takes a sign
  CHECK(parse_cidr("10.0.0.0/99999999999").error == "Malformed CIDR, mask bits must be an integer");
  CHECK(parse_cidr("1::/128").error == "IPv6 mask bits must be < 128");
}

TEST_CASE("wildcard operands", "[eventbridge][primitives]") {
  CHECK_FALSE(Wildcard::check("a*b*c"));
  CHECK_FALSE(Wildcard::check("a\\*b\\\\c"));
  CHECK(Wildcard::check("**")->message == "Consecutive wildcard characters at pos 1");
  CHECK(Wildcard::check("a\\b")->message == "Invalid escape character at pos 2");
  CHECK(Wildcard::check("abc\\")->message == "Invalid escape character at pos 4");
  const auto w = [](const char* pattern, const char* value) { return Wildcard(pattern).matches(value); };
  CHECK(w("", ""));
  CHECK_FALSE(w("", "a"));
  CHECK(w("*", ""));
  CHECK(w("a*", "a"));
  CHECK(w("*a*", "bab"));
  CHECK(w("*ab*ab", "abxabab"));
  CHECK_FALSE(w("*ab*ab", "abxaba"));
  CHECK(w("a\\*", "a*"));
  CHECK_FALSE(w("a\\*", "ab"));
  CHECK(w("*.jar", "/bin/x.jar"));
}

TEST_CASE("prefix and suffix see the value's quotes", "[eventbridge][primitives]") {
  CHECK(prefix_matches("ab", "abc"));
  CHECK(prefix_matches("abc\"", "abc"));
  CHECK(prefix_matches("", ""));
  CHECK_FALSE(prefix_matches("abcd", "abc"));
  CHECK(suffix_matches("bc", "abc"));
  CHECK(suffix_matches("\"abc", "abc"));
  CHECK_FALSE(suffix_matches("xabc", "abc"));
}

TEST_CASE("ignore-case operands", "[eventbridge][primitives]") {
  CHECK(IgnoreCase("Child").equals("CHILD"));
  CHECK(IgnoreCase("").equals(""));
  CHECK_FALSE(IgnoreCase("").equals("a"));
  CHECK(IgnoreCase("EventB").prefix_of("eventbridge"));
  CHECK(IgnoreCase("eventbridge\"").prefix_of("EVENTBRIDGE"));  // the closing quote
  CHECK(IgnoreCase(".PNG").suffix_of("image.png"));
  CHECK(IgnoreCase("\"IMAGE.PNG").suffix_of("image.png"));
  CHECK_FALSE(IgnoreCase(".png").suffix_of("image.pn"));
  CHECK(IgnoreCase("ǅ").equals("ǆ"));   // a title-case letter: its lower or upper case,
  CHECK_FALSE(IgnoreCase("ǅ").equals("ǅ"));  // not itself
  CHECK(IgnoreCase("İ").equals("i\u0307"));
  CHECK(IgnoreCase("ß").suffix_of("STRASS"));
}

TEST_CASE("an ASCII ignore-case operand matches byte by byte as the general walk does", "[eventbridge][primitives]") {
  // An ASCII operand takes the byte-by-byte path; the same operand with "é"
  // at its open end takes the general walk, whose answer on the value with
  // "é" or "É" there must be the same.
  std::mt19937 rng(11);
  const std::string alphabet = "aAbBkKsSzZ09\"-_. ";
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), length(0, 5), coin(0, 3);
  const auto random_text = [&](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += alphabet[letter(rng)];
    return t;
  };
  std::size_t matched = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string operand = random_text(length(rng));
    // Values near the operand (its case flipped here and there) and far from it.
    std::string value = operand;
    for (auto& c : value) {
      if (coin(rng) == 0) c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? std::tolower(c) : std::toupper(c));
    }
    if (coin(rng) == 0) value = random_text(length(rng));
    if (coin(rng) == 0) value = random_text(length(rng)) + value + random_text(length(rng));
    INFO("operand \"" << operand << "\", value \"" << value << "\"");
    const std::string e = coin(rng) == 0 ? "É" : "é";
    const IgnoreCase ascii(operand);
    const bool equals = ascii.equals(value), prefix = ascii.prefix_of(value), suffix = ascii.suffix_of(value);
    CHECK(equals == IgnoreCase(operand + "é").equals(value + e));
    CHECK(prefix == IgnoreCase("é" + operand).prefix_of(e + value));
    CHECK(suffix == IgnoreCase(operand + "é").suffix_of(value + e));
    matched += equals + prefix + suffix;
  }
  CHECK(matched > 5000);  // the values were near enough to match often
}

TEST_CASE("Java's string order", "[eventbridge][primitives]") {
  CHECK(java_less("a", "b"));
  CHECK(java_less("a", "ab"));
  CHECK(java_less("detail.c-count", "detail.detail-type"));
  CHECK(java_less("Z", "a"));
  // UTF-16 order puts U+10000 (a surrogate pair, D800...) before U+FFFD,
  // where UTF-8 byte order puts it after.
  CHECK(java_less("\U00010000", "\uFFFD"));
  CHECK_FALSE(java_less("\uFFFD", "\U00010000"));
  CHECK(utf16_units("a\U0001F600").size() == 3);
}

TEST_CASE("the numeric index returns every range holding a value", "[eventbridge][primitives]") {
  struct Range {
    double low, high;
    bool open_low, open_high;
  };
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<Range> ranges = {{0, 5, true, false}, {-inf, 0, false, true}, {300, 300, false, false},
                               {5, inf, false, false}, {-2.5, 2.5, false, true}, {1, 2, true, true}};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(-10, 10);
  for (int i = 0; i < 200; ++i) {
    const double a = pick(rng), b = pick(rng);
    ranges.push_back({std::min(a, b), std::max(a, b), pick(rng) > 0, pick(rng) > 0});
  }
  NumericIndex index;
  for (std::uint32_t i = 0; i < ranges.size(); ++i) {
    index.add(ranges[i].low, ranges[i].open_low, ranges[i].high, ranges[i].open_high, i);
  }
  index.build();
  for (double x = -12; x <= 12; x += 0.25) {
    std::vector<std::uint32_t> got, want;
    index.stab(x, [&](std::uint32_t v) { got.push_back(v); });
    for (std::uint32_t i = 0; i < ranges.size(); ++i) {
      const auto& r = ranges[i];
      if ((r.open_low ? x > r.low : x >= r.low) && (r.open_high ? x < r.high : x <= r.high)) want.push_back(i);
    }
    std::sort(got.begin(), got.end());
    INFO(x);
    CHECK(got == want);
  }
  std::vector<std::uint32_t> at300;
  index.stab(300, [&](std::uint32_t v) { at300.push_back(v); });
  std::sort(at300.begin(), at300.end());
  CHECK(at300 == std::vector<std::uint32_t>{2, 3});
}
