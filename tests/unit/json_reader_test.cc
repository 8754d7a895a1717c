#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "source/source_file.h"
#include "syntax/json/json_reader.h"
#include "support/canonical_document.h"
#include "support/golden.h"

#include <filesystem>

using namespace pipec;

namespace {

// "line:col message" for each issue, in order.
std::vector<std::string> issues(const std::string& text) {
  source::SourceSet set;
  const auto id = set.add("t.json", text);
  const auto result = syntax::read_json(set, id);
  std::vector<std::string> out;
  for (const auto& i : result.issues) {
    const auto at = set.line_col(i.span.file, i.span.begin);
    out.push_back(fmt::format("{}:{} {}", at.line, at.column, i.message));
  }
  return out;
}

syntax::JsonResult read(source::SourceSet& set, const std::string& text) {
  return syntax::read_json(set, set.add("t.json", text));
}

}  // namespace

TEST_CASE("valid JSON reads without issues, keeping every value and span") {
  source::SourceSet set;
  const auto r = read(set, R"({"a": [1, -2.5e+3, true, null], "b": {"c": "\u00e9\n"}})");
  CHECK(r.issues.empty());
  const auto& d = r.document;
  REQUIRE(d.is(d.root(), syntax::NodeKind::object));
  const auto a = d.get(d.root(), "a");
  REQUIRE(d.items(a).size() == 4);
  CHECK(d.node(d.items(a)[1]).text == "-2.5e+3");  // the exponent sign tree-sitter-json lacks
  CHECK(d.node(d.items(a)[2]).boolean);
  const auto c = d.get(d.get(d.root(), "b"), "c");
  CHECK(d.string(c) == "é\n");
  CHECK(d.pointer(c) == "/b/c");
  CHECK(d.display_name(d.items(a)[0]) == "\"a\"[0]");
  const auto* m = d.member(d.get(d.root(), "b"), "c");
  REQUIRE(m != nullptr);
  CHECK(set.file(0).text().substr(m->key_span.begin, m->key_span.size()) == "\"c\"");
}

TEST_CASE("every syntax error is reported, each where it is") {
  CHECK(issues("{\"a\": 1,}") == std::vector<std::string>{"1:8 trailing comma after the last member"});
  CHECK(issues("[1, 2,]") == std::vector<std::string>{"1:6 trailing comma after the last item"});
  CHECK(issues("{\n  \"a\": 1\n  \"b\": 2\n}") == std::vector<std::string>{"3:3 missing comma between members"});
  CHECK(issues("{\"a\": 1 // note\n}") == std::vector<std::string>{"1:9 comments are not allowed in JSON"});
  CHECK(issues("{\"a: 1}") == std::vector<std::string>{"1:2 unterminated string"});
  CHECK(issues("{a: 1}") == std::vector<std::string>{"1:2 key \"a\" is not quoted"});
  CHECK(issues("{'a': 1}").front() == "1:2 strings must be in double quotes, not single quotes");
  CHECK(issues("{\"a\": 1} xy") == std::vector<std::string>{"1:10 \"xy\" is not quoted"});
  CHECK(issues("{\"a\": 1} [2]") == std::vector<std::string>{"1:10 unexpected second JSON value; a JSON file holds exactly one value"});
  CHECK(issues("{\"a\" 1}") == std::vector<std::string>{"1:5 missing \":\" after key \"a\""});
  CHECK(issues("{\"a\": }") == std::vector<std::string>{"1:6 missing value for key \"a\""});
  CHECK(issues("{\"a\": [1, 2}") == std::vector<std::string>{"1:12 unclosed array; expected \"]\""});
  CHECK(issues("[1.]") == std::vector<std::string>{"1:2 invalid number \"1.\""});
  CHECK(issues("[\"a\\q\"]") == std::vector<std::string>{"1:4 invalid escape \"\\\\q\" in a string"});
  CHECK(issues("[\"\\u12\"]") == std::vector<std::string>{"1:3 invalid \\u escape; expected four hex digits after \\u"});
  CHECK(issues("[\"a\tb\"]") == std::vector<std::string>{"1:4 a tab inside a string"});
  CHECK(issues("{\"a\": True}") == std::vector<std::string>{"1:7 \"True\" is not a JSON value"});
  CHECK(issues("{\"a\": ABC, \"b\": 1}") == std::vector<std::string>{"1:7 \"ABC\" is not quoted"});
  CHECK(issues("{\"a\": 1, \"b\": 2 \"c\": 3}") == std::vector<std::string>{"1:17 missing comma between members"});
  CHECK(issues("[1, 2 3]") == std::vector<std::string>{"1:7 missing comma between items"});
  CHECK(issues("") == std::vector<std::string>{"1:1 empty file; expected a JSON value"});
  CHECK(issues("{}{}") == std::vector<std::string>{"1:3 unexpected second JSON value; a JSON file holds exactly one value"});
}

TEST_CASE("several errors in one file are all reported") {
  const auto found = issues("{\n  \"a\": [1,],\n  \"b\": 2,\n}\n");
  CHECK(found == std::vector<std::string>{"2:10 trailing comma after the last item", "3:9 trailing comma after the last member"});
}

TEST_CASE("duplicate keys are reported at the second key, and the last value wins") {
  source::SourceSet set;
  const auto r = read(set, R"({"k": 1, "k": 2})");
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].kind == syntax::IssueKind::duplicate_key);
  CHECK(r.issues[0].span.begin == 9);
  CHECK(r.document.node(r.document.get(r.document.root(), "k")).text == "2");
}

TEST_CASE("a key given three times points at its first each time, in small objects and large") {
  // Objects of up to 16 keys are searched key by key, larger ones by hash.
  for (const int fillers : {2, 40}) {
    std::string text = "{\"k\": 0";
    for (int f = 0; f < fillers; ++f) text += fmt::format(", \"f{}\": 0", f);
    text += ", \"k\": 1, \"k\": 2}";
    INFO(text);
    source::SourceSet set;
    const auto r = read(set, text);
    REQUIRE(r.issues.size() == 2);
    for (const auto& issue : r.issues) {
      CHECK(issue.kind == syntax::IssueKind::duplicate_key);
      REQUIRE(issue.related.size() == 1);
      CHECK(issue.related[0].span.begin == 1);
    }
    CHECK(r.issues[0].span.begin < r.issues[1].span.begin);
    CHECK(r.document.node(r.document.get(r.document.root(), "k")).text == "2");
  }
}

TEST_CASE("a byte order mark is reported and read past") {
  source::SourceSet set;
  const auto r = read(set, "\xEF\xBB\xBF{\"a\": 1}");
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].kind == syntax::IssueKind::encoding);
  CHECK(r.document.is(r.document.root(), syntax::NodeKind::object));
}

TEST_CASE("nesting beyond the limit is cut off and reported once") {
  source::SourceSet set;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto r = read(set, deep);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].kind == syntax::IssueKind::too_deep);
  CHECK(r.document.size() < 300);
}

TEST_CASE("string literals decode with the source offset of every byte") {
  const std::string source = R"(["a\"b\u00e9"])";
  const auto decoded = syntax::decode_string_literal(source, source::Span{0, 1, static_cast<std::uint32_t>(source.size() - 1)});
  CHECK(decoded.text == "a\"bé");
  REQUIRE(decoded.offsets.size() == decoded.text.size() + 1);
  CHECK(decoded.offsets[0] == 2);  // a
  CHECK(decoded.offsets[1] == 3);  // \"
  CHECK(decoded.offsets[2] == 5);  // b
  CHECK(decoded.offsets[3] == 6);  // é, both bytes from \u00e9
  CHECK(decoded.offsets[4] == 6);
  CHECK(decoded.offsets[5] == 12);
}

TEST_CASE("the strict reader and the tree-sitter reader agree on valid JSON") {
  std::vector<std::string> texts = {
      R"({"a": [1, -2.5e+3, 0, 1E-7, true, false, null], "b": {"c": "\u00e9\n\"x\"", "d": {}}, "e": []})",
      "  [ {\"k\": 1, \"k\": 2} ]\n",
      R"("just a string")",
      "{\"emoji\": \"\\ud83d\\ude80\", \"raw\": \"caf\xc3\xa9\"}",
  };
  // Every JSON file of the repository's samples and test cases.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PIPEC_SOURCE_DIR) / "samples")) {
    if (entry.path().extension() == ".json") texts.push_back(pipec::test::read_text(entry.path().string()));
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PIPEC_SOURCE_DIR) / "tests" / "rules")) {
    if (entry.path().extension() == ".json") texts.push_back(pipec::test::read_text(entry.path().string()));
  }
  std::size_t strict = 0;
  for (const auto& text : texts) {
    source::SourceSet set;
    const auto id = set.add("t.json", text);
    syntax::JsonOptions fast;
    syntax::JsonOptions slow;
    slow.strict_first = false;
    const auto a = syntax::read_json(set, id, fast);
    const auto b = syntax::read_json(set, id, slow);
    INFO(text.substr(0, 200));
    CHECK(pipec::test::canonical_document(a.document, a.issues) == pipec::test::canonical_document(b.document, b.issues));
    if (b.issues.empty()) ++strict;
  }
  CHECK(strict > 40);  // most of the corpus is valid JSON, read by the strict reader
}
