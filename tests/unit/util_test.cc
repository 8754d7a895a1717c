#include <catch2/catch.hpp>

#include <atomic>
#include <cctype>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "util/ascii.h"
#include "util/fnv1a.h"
#include "util/parallel.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

using namespace pipec::util;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("prefix", "prefix", 3) == 0);
  CHECK(edit_distance("prefx", "prefix", 3) == 1);
  CHECK(edit_distance("perfix", "prefix", 3) == 1);  // adjacent swap
  CHECK(edit_distance("suffix", "prefix", 3) == 3);
  CHECK(edit_distance("a", "abcdefgh", 3) == 4);  // bounded: more than the limit
}

TEST_CASE("closest_match suggests likely typos and nothing for unrelated words") {
  const std::vector<std::string> regions = {"us-east-1", "us-east-2", "us-west-1", "eu-west-1"};
  CHECK(closest_match("us-east-3", regions) == std::optional<std::string>("us-east-1"));
  CHECK(closest_match("US-EAST-1", regions) == std::optional<std::string>("us-east-1"));
  CHECK_FALSE(closest_match("ap-south-1", regions).has_value());
  CHECK_FALSE(closest_match("", regions).has_value());
  const std::vector<std::string> values = {"SUCCESS", "FAILED"};
  CHECK(closest_match("Success", values) == std::optional<std::string>("SUCCESS"));
}

TEST_CASE("quote escapes control characters and shortens long text") {
  CHECK(quote("plain") == "\"plain\"");
  CHECK(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quote("tab\there") == "\"tab\\there\"");
  CHECK(quote("\x1b[31mred") == "\"\\u001b[31mred\"");
  CHECK(quote("bad\xff") == "\"bad\\xff\"");
  CHECK(quote("abcdef", 3) == "\"abc…\"");
  CHECK(quote("héllo") == "\"héllo\"");
  // The plain ASCII at the front, and what follows it.
  CHECK(quote("abc", 3) == "\"abc\"");
  CHECK(quote("abcd", 0) == "\"…\"");
  CHECK(quote("ab\"cdef", 4) == "\"ab\\\"c…\"");
  CHECK(quote("") == "\"\"");
}

TEST_CASE("quote_list, plural and ordinal read as English") {
  CHECK(quote_list({"a"}) == "\"a\"");
  CHECK(quote_list({"a", "b"}) == "\"a\" or \"b\"");
  CHECK(quote_list({"a", "b", "c"}, "and") == "\"a\", \"b\" and \"c\"");
  CHECK(plural(1, "stage") == "1 stage");
  CHECK(plural(2, "stage") == "2 stages");
  CHECK(ordinal(0) == "first");
  CHECK(ordinal(10) == "11th");
  CHECK(ordinal(21) == "22nd");
}

TEST_CASE("UTF-8 validation finds the first ill-formed byte") {
  CHECK_FALSE(first_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(first_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80").has_value());
  CHECK(first_invalid_utf8("caf\xe9!") == std::optional<std::size_t>(3));       // Latin-1
  CHECK(first_invalid_utf8("\xc0\xaf") == std::optional<std::size_t>(0));       // overlong
  CHECK(first_invalid_utf8("\xed\xa0\x80") == std::optional<std::size_t>(0));   // surrogate
  CHECK(first_invalid_utf8("ok\xe2\x82") == std::optional<std::size_t>(2));     // truncated
  // ASCII is skipped 32 bytes and then a word at a time: a bad byte, or a
  // sequence cut off or completed across a word's or a block's edge, at
  // every position of a longer text.
  for (std::size_t at = 0; at < 80; ++at) {
    INFO(at);
    std::string text(80, 'a');
    text[at] = '\xff';
    CHECK(first_invalid_utf8(text) == std::optional<std::size_t>(at));
    std::string euro = std::string(at, 'a') + "\xe2\x82\xac" + std::string(7, 'b');
    CHECK_FALSE(first_invalid_utf8(euro).has_value());
    euro.erase(at + 2, 1);  // the last byte of the sequence
    CHECK(first_invalid_utf8(euro) == std::optional<std::size_t>(at));
    // After a sequence, ASCII is skipped in blocks again.
    const std::string after = std::string(at, 'a') + "\xc3\xa9" + std::string(70, 'b') + "\xff";
    CHECK(first_invalid_utf8(after) == std::optional<std::size_t>(at + 72));
  }
  CHECK(count_code_points("h\xc3\xa9llo") == 5);
  CHECK(count_code_points("a\xffz") == 3);
  // Counting skips ASCII the same way: a sequence (or an ill-formed byte,
  // which counts as one) at every position across a word's or a block's edge.
  const std::pair<std::string, std::size_t> sequences[] = {
      {"\xc3\xa9", 1}, {"\xe2\x82\xac", 1}, {"\xf0\x9f\x9a\x80", 1}, {"\xff", 1}, {"\xe2\x82", 2}};
  for (std::size_t at = 0; at < 80; ++at) {
    for (const auto& [sequence, code_points] : sequences) {
      INFO(at << " " << sequence.size());
      CHECK(count_code_points(std::string(at, 'a') + sequence + std::string(7, 'b')) == at + code_points + 7);
    }
  }
}

TEST_CASE("ASCII case folding is std::tolower's in the C locale, for every byte") {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    CHECK(pipec::util::ascii_lower(c) == static_cast<char>(std::tolower(b)));
  }
  CHECK(pipec::util::equal_ignoring_ascii_case("ECR:PutImage", "ecr:putimage"));
  CHECK_FALSE(pipec::util::equal_ignoring_ascii_case("ecr:PutImage", "ecr:PutImages"));
  CHECK_FALSE(pipec::util::equal_ignoring_ascii_case("\xC3\x89", "\xC3\xA9"));  // É and é: not ASCII
  CHECK(pipec::util::ascii_lowered("Secret_Key") == "secret_key");
}

TEST_CASE("FNV-1a gives the published values, which baselines and GitLab keep") {
  // The reference test vectors of FNV-1a, 64 bits.
  CHECK(pipec::util::Fnv1a().value() == 0xcbf29ce484222325ULL);
  CHECK(pipec::util::Fnv1a().add("a").value() == 0xaf63dc4c8601ec8cULL);
  CHECK(pipec::util::Fnv1a().add("foobar").value() == 0x85944171f73967e8ULL);
  CHECK(pipec::util::Fnv1a().add("foo").add("bar").value() == 0x85944171f73967e8ULL);
  // Fields are told apart where their bytes are not.
  CHECK(pipec::util::Fnv1a().add_field("ab").add_field("c").value() !=
        pipec::util::Fnv1a().add_field("a").add_field("bc").value());
  CHECK(pipec::util::Fnv1a().add("a").mixed() != pipec::util::Fnv1a().add("a").value());
}

TEST_CASE("parallel_for runs every job once, and an exception reaches the caller") {
  std::vector<int> slots(1000, 0);
  pipec::util::parallel_for(slots.size(), [&](std::size_t i) { slots[i] += static_cast<int>(i); });
  for (std::size_t i = 0; i < slots.size(); ++i) CHECK(slots[i] == static_cast<int>(i));
  std::atomic<int> ran{0};
  CHECK_THROWS_WITH(pipec::util::parallel_for(100, [&](std::size_t i) {
                      ++ran;
                      if (i == 7) throw std::logic_error("job 7");
                    }),
                    "job 7");
  CHECK(ran >= 8);
}
