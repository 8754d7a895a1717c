// CloudFormation as a language: tests/cloudformation-indirection/ holds one
// template with its mistakes written out (literal.yaml) and one with the same
// mistakes given through parameters' defaults, mappings, conditions and
// Fn::Sub (indirect.yaml). pipec finds the same mistakes in both, and in the
// indirect one each finding points at the token that carries the value, the
// lines marked "# carries".

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

struct Finding {
  int line = 0;
  std::string rule, message;
};

std::vector<Finding> lint(const std::string& file) {
  const auto run = pipec::test::run_command(std::string(PIPEC_BINARY) + " lint --format short " + file);
  REQUIRE(run.status != 0);  // both templates hold errors
  std::vector<Finding> out;
  static const std::regex line_re(R"(^[^:]+:(\d+):\d+: (?:error|warning|info): (.*) \[(CP\d{4})\]$)");
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, line_re)) out.push_back({std::stoi(m[1]), m[3], m[2]});
  }
  return out;
}

std::set<int> carrying_lines(const std::string& file) {
  std::set<int> out;
  std::istringstream lines(pipec::test::read_text(file));
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    if (line.find("# carries") != std::string::npos && line.find_first_not_of(' ') != line.find('#')) out.insert(n);
  }
  return out;
}

}  // namespace

TEST_CASE("values given through parameters, mappings and conditions are checked like values written out") {
  const fs::path dir = fs::path(PIPEC_SOURCE_DIR) / "tests" / "cloudformation-indirection";
  const auto literal = lint((dir / "literal.yaml").string());
  const auto indirect = lint((dir / "indirect.yaml").string());
  REQUIRE(literal.size() >= 6);

  std::multiset<std::pair<std::string, std::string>> literal_set, indirect_set;
  for (const auto& f : literal) literal_set.insert({f.rule, f.message});
  for (const auto& f : indirect) indirect_set.insert({f.rule, f.message});
  CHECK(indirect_set == literal_set);

  // Each finding of the indirect form is on a line that carries a value, and
  // each such line has a finding.
  const std::set<int> carries = carrying_lines((dir / "indirect.yaml").string());
  std::set<int> found;
  for (const auto& f : indirect) {
    INFO(f.rule << " at line " << f.line << ": " << f.message);
    CHECK(carries.contains(f.line));
    found.insert(f.line);
  }
  CHECK(found == carries);
}
