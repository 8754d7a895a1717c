// util/credentials.h: where AWS access key IDs and secret access keys are
// in a text, held to the definition (a base64 run of exactly 40 characters
// with an upper-case letter, a lower-case letter and a digit).

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "util/credentials.h"

using pipec::util::find_access_key_ids;
using pipec::util::find_secret_access_keys;

namespace {

bool base64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Every maximal base64 run of 40 that looks like a secret, by the definition.
std::vector<std::size_t> secrets_by_definition(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!base64(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && base64(text[end])) ++end;
    if (end - i == 40 && pipec::util::looks_like_secret_access_key(std::string_view(text).substr(i, 40))) out.push_back(i);
    i = end;
  }
  return out;
}

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Every "AKIA" (or ASIA, ABIA, ACCA) that starts a run of exactly 20
// upper-case letters and digits, by the definition.
std::vector<std::size_t> ids_by_definition(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + 20 <= text.size(); ++i) {
    const std::string prefix = text.substr(i, 4);
    if (prefix != "AKIA" && prefix != "ASIA" && prefix != "ABIA" && prefix != "ACCA") continue;
    if (i > 0 && upper_or_digit(text[i - 1])) continue;
    bool all = true;
    for (std::size_t k = i; k < i + 20; ++k) all = all && upper_or_digit(text[k]);
    if (!all || (i + 20 < text.size() && upper_or_digit(text[i + 20]))) continue;
    out.push_back(i);
  }
  return out;
}

const std::string kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";  // AWS's documentation example

}  // namespace

TEST_CASE("secret access keys are base64 runs of exactly 40") {
  REQUIRE(kSecret.size() == 40);
  CHECK(find_secret_access_keys(kSecret) == std::vector<std::size_t>{0});
  CHECK(find_secret_access_keys("secret: " + kSecret + "\n") == std::vector<std::size_t>{8});
  CHECK(find_secret_access_keys("\"" + kSecret + "==\"") == std::vector<std::size_t>{1});
  // One character more or less is not a key.
  CHECK(find_secret_access_keys("x" + kSecret).empty());
  CHECK(find_secret_access_keys(kSecret.substr(1)).empty());
  CHECK(find_secret_access_keys(kSecret + ":" + kSecret) == std::vector<std::size_t>{0, 41});
  // All lower case: base64, but not a key.
  CHECK(find_secret_access_keys(std::string(40, 'a')).empty());
}

TEST_CASE("secret access keys are found where the definition finds them") {
  // Texts of short words and of long runs, with runs of 39 to 41 characters
  // placed at random, so that every skip the scan takes is crossed.
  std::mt19937 random(20261206);
  const std::string words = "aZ9+/ :\n-\"";
  for (int round = 0; round < 3000 / PIPEC_TEST_ROUNDS_DIVISOR; ++round) {
    std::string text;
    for (std::size_t parts = random() % 8; parts > 0; --parts) {
      if (random() % 3 == 0) {
        const std::size_t length = 39 + random() % 3;
        for (std::size_t k = 0; k < length; ++k) text += kSecret[(k + random() % 2) % kSecret.size()];
      } else {
        for (std::size_t k = random() % 50; k > 0; --k) text += words[random() % words.size()];
      }
    }
    INFO(text);
    CHECK(find_secret_access_keys(text) == secrets_by_definition(text));
  }
}

TEST_CASE("access key IDs are AKIA and the like, then 16 upper-case letters or digits") {
  CHECK(find_access_key_ids("id: AKIAIOSFODNN7EXAMPLE") == std::vector<std::size_t>{4});
  CHECK(find_access_key_ids("ASIAIOSFODNN7EXAMPLE") == std::vector<std::size_t>{0});
  CHECK(find_access_key_ids("XAKIAIOSFODNN7EXAMPLE").empty());
  CHECK(find_access_key_ids("AKIAIOSFODNN7EXAMPLEX").empty());
  CHECK(find_access_key_ids("AKIAIOSFODNN7EXAMPL").empty());
}

TEST_CASE("access key IDs are found where the definition finds them") {
  std::mt19937 random(20261208);
  const std::string id = "AKIAIOSFODNN7EXAMPLE";
  const std::string words = "AKS9z :\n";
  for (int round = 0; round < 3000 / PIPEC_TEST_ROUNDS_DIVISOR; ++round) {
    std::string text;
    for (std::size_t parts = random() % 8; parts > 0; --parts) {
      if (random() % 3 == 0) {
        text += id.substr(0, 19 + random() % 2);
        if (random() % 2 == 0) text += 'Q';
      } else {
        for (std::size_t k = random() % 30; k > 0; --k) text += words[random() % words.size()];
      }
    }
    INFO(text);
    CHECK(find_access_key_ids(text) == ids_by_definition(text));
  }
}
