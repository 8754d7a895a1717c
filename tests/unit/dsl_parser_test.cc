// The DSL parser corpus: tests/syntax/*.txt in tree-sitter's corpus format.
// Each case is a name between lines of '=', the input, a line of '---', and
// the expected tree (dsl::dump) followed by one `! line:col message` line per
// syntax error. PIPEC_UPDATE_GOLDEN=1 rewrites the expectations.

#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/parser.h"
#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string name, input, expected;
};

std::vector<Case> read_corpus(const std::string& text) {
  std::vector<Case> cases;
  std::istringstream in(text);
  std::string line;
  enum { header_start, header_name, header_end, input, expected } state = header_start;
  Case current;
  const auto is_rule = [](const std::string& l, char c) { return l.size() >= 3 && l.find_first_not_of(c) == std::string::npos; };
  while (std::getline(in, line)) {
    if (is_rule(line, '=') && (state == header_start || state == expected)) {
      if (state == expected) cases.push_back(current);
      current = Case{};
      state = header_name;
    } else if (state == header_name) {
      current.name = line;
      state = header_end;
    } else if (state == header_end && is_rule(line, '=')) {
      state = input;
    } else if (state == input && line == "---") {
      state = expected;
    } else if (state == input) {
      current.input += line + "\n";
    } else if (state == expected) {
      current.expected += line + "\n";
    }
  }
  if (state == expected) cases.push_back(current);
  for (auto& c : cases) {
    while (c.expected.ends_with("\n\n")) c.expected.pop_back();
  }
  return cases;
}

std::string actual(const std::string& input) {
  pipec::source::SourceSet set;
  const auto id = set.add("case.pipe", input);
  const auto parsed = pipec::dsl::parse(set, id);
  std::string out = pipec::dsl::dump(parsed.file);
  for (const auto& i : parsed.issues) {
    const auto at = set.line_col(i.span.file, i.span.begin);
    out += fmt::format("! {}:{} {}\n", at.line, at.column, i.message);
  }
  return out;
}

}  // namespace

TEST_CASE("DSL parser corpus") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(PIPEC_SOURCE_DIR) / "tests" / "syntax")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const auto& path : files) {
    const auto cases = read_corpus(pipec::test::read_text(path.string()));
    REQUIRE_FALSE(cases.empty());
    if (pipec::test::updating_goldens()) {
      std::string rewritten;
      for (const auto& c : cases) {
        rewritten += fmt::format("{0}\n{1}\n{0}\n{2}---\n{3}\n", std::string(60, '='), c.name, c.input, actual(c.input));
      }
      std::ofstream(path, std::ios::binary) << rewritten;
      continue;
    }
    for (const auto& c : cases) {
      SECTION(path.filename().string() + ": " + c.name) {
        INFO(c.input);
        CHECK(actual(c.input) == c.expected);
      }
    }
  }
}
