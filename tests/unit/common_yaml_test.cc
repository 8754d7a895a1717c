// read_common_yaml, the fast reader of the YAML most templates are written
// in: whatever it accepts, yaml-cpp reads into the same events (marks, tags,
// values, styles) without an error, and it accepts the templates pipec writes
// and the shapes teams write by hand.

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/yaml_events.h"
#include "source/source_file.h"
#include "support/yaml_reads.h"
#include "syntax/yaml/common_yaml.h"
#include "syntax/yaml/yaml_reader.h"
#include "syntax/yaml/yaml_text.h"

using namespace pipec;

namespace {

namespace fs = std::filesystem;

// The events of the fast reader, or nothing when it declines the text.
std::optional<std::string> fast_events(std::string_view text) {
  testing::YamlEventLog events;
  if (!syntax::yaml::read_common_yaml(text, events, syntax::YamlOptions{}.max_depth)) return std::nullopt;
  return events.log;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every YAML file of the repository's samples and tests, and the fuzz corpus.
std::vector<fs::path> yaml_files() {
  std::vector<fs::path> files;
  const fs::path root(PIPEC_SOURCE_DIR);
  for (const char* folder : {"samples", "tests"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / folder)) {
      if (!e.is_regular_file()) continue;
      const auto ext = e.path().extension();
      const bool corpus = e.path().parent_path().filename() == "yaml_reader";
      if (ext == ".yaml" || ext == ".yml" || ext == ".template" || corpus) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("read_common_yaml gives yaml-cpp's events for every file it accepts", "[yaml][common]") {
  std::size_t accepted = 0;
  const auto files = yaml_files();
  REQUIRE(files.size() > 100);
  for (const auto& path : files) {
    const std::string text = read_file(path);
    const auto fast = fast_events(text);
    if (!fast) continue;
    ++accepted;
    INFO(path.string());
    const auto reference = testing::yaml_cpp_events(text);
    REQUIRE(reference.has_value());
    CHECK(*fast == *reference);
  }
  // Most of them are in the subset; a change that declines everything fails here.
  CHECK(accepted * 2 > files.size());
}

namespace {

// The document must not tell which way it came (support/yaml_reads.h).
void check_same_document_every_way(const std::string& name, const std::string& text) {
  source::SourceSet sources;
  const auto file = sources.add(name, text);
  CHECK(pipec::test::yaml_reads_differ(sources, file, syntax::read_yaml(sources, file)).empty());
}

}  // namespace

TEST_CASE("the fast reader's scalars, with their places or without, give the document yaml-cpp's events give",
          "[yaml][common]") {
  std::size_t accepted = 0;
  for (const auto& path : yaml_files()) {
    const std::string text = read_file(path);
    if (!fast_events(text)) continue;
    ++accepted;
    INFO(path.string());
    check_same_document_every_way(path.filename().string(), text);
  }
  CHECK(accepted > 100);
}

TEST_CASE("read_common_yaml accepts the templates pipec writes", "[yaml][common]") {
  std::size_t templates = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(PIPEC_SOURCE_DIR) / "samples" / "009-scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    ++templates;
    INFO(e.path().string());
    CHECK(fast_events(read_file(e.path())).has_value());
  }
  CHECK(templates >= 8);
}

TEST_CASE("read_common_yaml on the shapes of hand-written templates", "[yaml][common]") {
  // Each accepted, with yaml-cpp's events.
  const std::vector<std::string> accepted = {
      "A: b\n",
      "---\nA: b\n",
      "# comment\n\nA: b # trailing\nC:\n  D: 1\n",
      "A:\n- x\n- y\nB: z\n",                            // indentless sequence
      "A:\n  - Name: x\n    Value: y\n  - z\n",          // compact mappings in a sequence
      "- - a\n  - b\n- c\n",                             // compact sequence
      "A: !Ref B\nC: !GetAtt D.Arn\nE: !Sub 'x-${F}'\n",  // tags
      "A: !Join\n  - ''\n  - [a, !Ref B, \"c\"]\n",       // tagged block sequence
      "A: !If\n- C\n- x\n- y\n",                         // tagged indentless sequence
      "A: !Transform\n  Name: x\n",                      // tagged block mapping
      "A: |\n  line 1\n    more\n\n  line 3\nB: x\n",    // literal
      "A: |-\n  x\n\n\nB: y\n",
      "A: |+\n  x\n\n\nB: y\n",
      "A: >\n  folded\n  text\nB: y\n",
      "A: >-\n  folded\n",
      "A: !Sub |\n  echo ${X}\n",
      "A:\n  - B: !Sub |\n     x\n",  // after a key, the tag's column does not count
      "- !Sub |\n    x\n",
      "A: {Ref: B}\nC: { 'k': \"v\", n: ~ }\nD: []\nE: {}\n",
      "A: [a, b, ]\n",
      "A: [\n    a,\n    b\n  ]\n",
      "A: \"tab\\tnew\\nline \\u00e9 \\x41 \\\"q\\\" \\\\ \\/\"\n",
      "A: 'it''s'\n",
      "\"k\\\"ey\": 'v''al'\nB: ['x''y', \"p\\\\q\", \"\", '', plain]\n",  // escapes in keys and flow items, empty quotes
      "A:\nB: ~\nC: null\n~: x\n",
      "A: x\n# a comment at column 0\n  # and one indented\nB: y\n",
      "A: arn:aws:s3:::bucket/*\nB: a:b\n",
      "A: 1\nB: -2\nC: 0x1F\nD: 1.5\nE: yes\n",
      "'quoted key': 1\n\"other\": 2\n",
      "A: b   \nC:    d\n",
      "A: x\nB:\n",
      "- \n- a\n-\n",
      "[a, {b: c}]\n",
      "A: !!str 1\nB: !!int \"2\"\n",
      "A: é ü 日本\n",
      // A value missing at the very end: its mark keeps the last line's column
      // when that line ends a deeper collection (or a sequence at it), as
      // yaml-cpp's block-end token does; otherwise the stream's end resets it.
      "    A:\n    B:\n  ",
      "    A:\n    B:\n    ",
      "A:\n  - \n  ",
      "A:\n  -\n ",
      "X:\n  - - \n   ",
      "X:\n  - a:\n   ",
      "          N:\n  # c",
      "A:\n- \n",
  };
  for (const auto& text : accepted) {
    INFO(text);
    const auto fast = fast_events(text);
    const auto reference = testing::yaml_cpp_events(text);
    REQUIRE(reference.has_value());
    REQUIRE(fast.has_value());
    CHECK(*fast == *reference);
    check_same_document_every_way("shape.yaml", text);
  }
  // Each left to yaml-cpp: outside the subset, or an error to explain.
  const std::vector<std::string> declined = {
      "A: &x b\nC: *x\n",       // anchors and aliases
      "? A\n: b\n",             // a complex key
      "A: b\n  c\n",            // a plain scalar over two lines
      "A: 'b\n  c'\n",          // a quoted scalar over two lines
      "A:\tb\n",                // a tab
      "A: b\r\n",               // a carriage return
      "\xEF\xBB\xBF" "A: b\n",  // a byte order mark
      "\xFE\xFF" "A: b\n",      // UTF-16's, which yaml-cpp reads by
      "\xFF\xFE" "A: b\n",
      "%YAML 1.2\n---\nA: b\n", // a directive
      "A: b\n---\nC: d\n",      // a second document
      "A: b: c\n",              // an error
      "A: [b\n",                // an unclosed bracket
      "A:\n  - x\n  B: y\n",    // bad indentation
      "A: |2\n   x\n",          // an explicit indentation
      "A: \"\\N\"\n",           // an escape yaml-cpp writes as one byte
      "x\n",                    // a lone scalar
      "A: >\n  a\n\n  b\n",     // a folded scalar with an empty line inside
      "A: >-\n  a\n  ",         // a last line of spaces as deep as the content
      "- !Sub |\n  x\n",         // a tag that leads its line, the content not past it
      "A:\n  !Sub |\n  x\n",
      "!Ref A: b\n",            // a tagged key
      "a:\n !B:\n  - c: d\n",    // a tag that ends in ":", a key to the depth pre-scan
      "A: \"x\":\n",           // a value after a quoted value
      "... A: b\n",            // a document end before the first token
      "---\n--- A: b\n",        // an empty document, then another
  };
  for (const auto& text : declined) {
    INFO(text);
    CHECK_FALSE(fast_events(text).has_value());
  }
}

TEST_CASE("read_common_yaml declines collections nested past the limit, which the pre-scan would cut",
          "[yaml][common]") {
  const std::vector<std::string> texts = {
      "a: [[[1]]]\nb:\n  c: {d: [e]}\n",
      "a:\n  b:\n  - c:\n    - d\n",
      "- - - x\n",
      "k:\n  a:\n  - 1\n  b:\n  - 2\n  c:\n  - 3\n",
      "a: ?[[[[x\nb: [[c]]\n",  // brackets inside a plain scalar are text
      "a: Ref [[[[ x [[\nb: !Ref [[c]]\n",
      "a: x | y\nb:\n  c: {d: [e]}\n",  // and so is a bar
  };
  for (const auto& text : texts) {
    INFO(text);
    for (std::uint32_t limit = 1; limit <= 6; ++limit) {
      testing::YamlEventLog events;
      const bool accepted = syntax::yaml::read_common_yaml(text, events, limit);
      // Accepted exactly when the pre-scan finds nothing to cut.
      CHECK(accepted == syntax::yaml::find_deep_regions(text, limit).empty());
    }
  }
}
