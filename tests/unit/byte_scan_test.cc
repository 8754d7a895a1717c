// util/byte_scan.h: the eight-bytes-at-a-time scans give the answer of a
// scan of one byte at a time, for every start, wherever the match falls in
// a word, next to bytes that borrow (0x00, 0x80, 0xFF) and bytes just above
// and below the bound.

#include <catch2/catch.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include "util/byte_scan.h"

using namespace pipec::util;

namespace {

std::size_t naive_find(std::string_view text, std::size_t from, std::string_view bytes, unsigned char below) {
  for (std::size_t i = from; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (bytes.find(text[i]) != std::string_view::npos || c < below) return i;
  }
  return text.size();
}

std::size_t naive_skip(std::string_view text, std::size_t from, char c) {
  for (; from < text.size(); ++from) {
    if (text[from] != c) return from;
  }
  return text.size();
}

}  // namespace

TEST_CASE("find_first and skip_run answer as a scan of one byte at a time") {
  // Bytes that sit next to the ones looked for, and ones that make a word's
  // subtraction borrow.
  std::string alphabet = "\"\\\x1f\x20\x21 \n{}[],a\x7f\x80\x81\xff";
  alphabet.push_back('\0');
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t length = random() % 40;
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
      // Mostly one byte, so that runs and far matches happen too.
      text.push_back(random() % 3 == 0 ? alphabet[random() % alphabet.size()] : 'a');
    }
    INFO("round " << round);
    for (std::size_t from = 0; from <= text.size() + 2; ++from) {
      CHECK(find_first<0x20, '"', '\\'>(text, from) == naive_find(text, from, "\"\\", 0x20));
      CHECK(find_first<0, '\\', '"', '\n'>(text, from) == naive_find(text, from, "\\\"\n", 0));
      CHECK(find_first<0, ',', '}', ']', '\n'>(text, from) == naive_find(text, from, ",}]\n", 0));
      CHECK(find_first<0x80>(text, from) == naive_find(text, from, "", 0x80));
      CHECK(skip_run(text, from, 'a') == naive_skip(text, from, 'a'));
      CHECK(skip_run(text, from, ' ') == naive_skip(text, from, ' '));
    }
  }
}

TEST_CASE("find_first finds a match in every place of a word") {
  for (std::size_t at = 0; at < 24; ++at) {
    std::string text(24, 'x');
    text[at] = '"';
    CHECK(find_first<0x20, '"', '\\'>(text, 0) == at);
    text[at] = '\x1f';  // just below the bound
    CHECK(find_first<0x20, '"', '\\'>(text, 0) == at);
    text[at] = '\x20';  // the bound itself is not below it
    CHECK(find_first<0x20, '"', '\\'>(text, 0) == text.size());
    std::string spaces(24, ' ');
    spaces[at] = '\n';
    CHECK(skip_run(spaces, 0, ' ') == at);
  }
}
