// util::SimpleRegex answers as std::regex_search does, on every pattern of the
// bundled schemas it parses and on random patterns of its grammar, over
// random texts; and it declines what it does not model.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "schema/bundled.h"
#include "util/simple_regex.h"

using namespace pipec;

namespace {

void collect_patterns(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "pattern" && value.is_string()) out.push_back(value.get<std::string>());
      if (key == "patternProperties" && value.is_object()) {
        for (const auto& [pattern, schema] : value.items()) {
          out.push_back(pattern);
          collect_patterns(schema, out);
        }
        continue;
      }
      if (key != "enum" && key != "const") collect_patterns(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect_patterns(item, out);
  }
}

// Random texts over the bytes a pattern names, and some it does not: a text
// that matches, then small edits of it, are where the two could differ.
std::string random_text(std::mt19937& rng, const std::string& alphabet, int longest) {
  std::uniform_int_distribution<int> length(0, longest);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) out.push_back(alphabet[pick(rng)]);
  return out;
}

std::string alphabet_for(const std::string& pattern) {
  std::string alphabet = pattern + "aZ09_-. \n\r\t/:\x80\xC3\xA9$";
  return alphabet;
}

// A random sequence of SimpleRegex's grammar, groups of alternatives
// included, `depth` groups deep at most. Groups take bounded counts only:
// std::regex backtracks, and "(x+)+" takes it exponential time.
std::string random_sequence(std::mt19937& rng, int depth) {
  static const std::vector<std::string> atoms = {
      "a", "b", "0", "-", ".", "\\.", "\\$", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "[a-c]", "[^a]", "[\\w-]",
      "[0-9.]", "[^\\s]", "[a-z0-9_-]", "[\\-_.]", "/", ":", " "};
  static const std::vector<std::string> counts = {"", "", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "{2,4}"};
  static const std::vector<std::string> group_counts = {"", "", "?", "{2}", "{0,2}"};
  std::uniform_int_distribution<std::size_t> atom(0, atoms.size() - 1), count(0, counts.size() - 1),
      group_count(0, group_counts.size() - 1);
  std::uniform_int_distribution<int> length(0, 4), coin(0, 1), group(0, 5), alternatives(1, 3);
  std::string out;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) {
    if (depth > 0 && group(rng) == 0) {
      out += coin(rng) ? "(" : "(?:";
      const int k = alternatives(rng);
      for (int a = 0; a < k; ++a) out += (a > 0 ? "|" : "") + random_sequence(rng, depth - 1);
      out += ")" + group_counts[group_count(rng)];
    } else {
      out += atoms[atom(rng)] + counts[count(rng)];
    }
  }
  return out;
}

std::string random_pattern(std::mt19937& rng) {
  std::uniform_int_distribution<int> coin(0, 1);
  return (coin(rng) ? "^" : "") + random_sequence(rng, 2) + (coin(rng) ? "$" : "");
}

void compare(const std::string& pattern, std::mt19937& rng, int texts, int longest = 24) {
  const auto simple = util::SimpleRegex::parse(pattern);
  if (!simple) return;
  const std::regex reference(pattern);
  const std::string alphabet = alphabet_for(pattern);
  for (int k = 0; k < texts; ++k) {
    const std::string text = random_text(rng, alphabet, longest);
    INFO("pattern " << pattern << " text \"" << text << "\"");
    REQUIRE(simple->search(text) == std::regex_search(text, reference));
  }
}

}  // namespace

TEST_CASE("SimpleRegex matches as std::regex_search on the bundled schemas' patterns", "[regex]") {
  std::vector<std::string> patterns;
  for (const auto& file : schema::bundled_schemas()) collect_patterns(nlohmann::json::parse(file.text), patterns);
  REQUIRE(patterns.size() > 20);
  std::size_t parsed = 0;
  std::mt19937 rng(42);
  for (const auto& pattern : patterns) {
    if (util::SimpleRegex::parse(pattern)) ++parsed;
    compare(pattern, rng, 300);
  }
  // The names, IDs and ARNs: most of them.
  CHECK(parsed * 2 > patterns.size());
}

TEST_CASE("SimpleRegex matches as std::regex_search on random patterns", "[regex]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) compare(random_pattern(rng), rng, 40);
}

TEST_CASE("SimpleRegex matches as std::regex_search on texts of either side of 64 bytes", "[regex]") {
  // Texts under 64 bytes take one word per set of positions, longer ones a
  // table: both, on the same patterns.
  std::mt19937 rng(13);
  for (int i = 0; i < 500 / PIPEC_TEST_ROUNDS_DIVISOR; ++i) compare(random_pattern(rng), rng, 20, 100);
}

TEST_CASE("SimpleRegex's one-class and literal patterns match as std::regex_search", "[regex]") {
  // Answered without the position sets: a class between "^" and "$", and
  // sequences of single bytes, with or without anchors.
  std::mt19937 rng(11);
  for (const char* pattern : {"^[ab]+$", "^[ab]*$", "^a?$", "^[a-c]{2}$", "^[ab]{1,3}$", "^[^a]{2,}$", "^.$", "ab",
                              "^ab", "ab$", "^ab$", "^$", "^", "$", "", "#\\{", "a\\.b", "^\\d$", "[a]b"}) {
    compare(pattern, rng, 200);
  }
}

TEST_CASE("SimpleRegex declines what it does not model", "[regex]") {
  for (const char* pattern : {"a|b", "(a", "a)", "(?=a)", "a*?", "a++", "\\bword", "\\n", "\\1", "[[:alpha:]]", "[]",
                              "[^]", "a{2", "a{3,1}", "[b-a]", "x^", "$x", "{1}", "[\\w-z]"}) {
    INFO(pattern);
    CHECK_FALSE(util::SimpleRegex::parse(pattern).has_value());
  }
  const auto names = util::SimpleRegex::parse("^[A-Za-z0-9.@\\-_]+$");
  REQUIRE(names.has_value());
  CHECK(names->search("web-app_1.0@x"));
  CHECK_FALSE(names->search("web app"));
  CHECK_FALSE(names->search(""));
}
