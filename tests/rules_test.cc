// Every rule has tests/rules/<ID>-<name>/ with a bad case and a good case.
// The bad case must produce exactly bad.expected (that rule alone, short
// format), or, where the input can hold comments (.pipe, YAML) and has no
// bad.expected, exactly the findings its `# expect: CP2001` comments ask
// for, each on the line that holds the comment. The good case must produce
// nothing at all, from any rule.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "rules/registry.h"
#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

// The case's input: bad.json (any extension), the folder bad/, or, for a
// path that cannot be committed (a missing file), the path in bad.args.
std::string find_input(const fs::path& folder, const std::string& which) {
  if (fs::exists(folder / (which + ".args"))) {
    std::string path = pipec::test::read_text((folder / (which + ".args")).string());
    while (!path.empty() && (path.back() == '\n' || path.back() == ' ')) path.pop_back();
    return path;
  }
  if (fs::is_directory(folder / which)) return which;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(which + ".") && !name.ends_with(".expected") && !name.ends_with(".args")) return name;
  }
  return "";
}

// Runs pipec lint from inside the case folder, so paths print as written.
pipec::cli::Output lint_in(const fs::path& folder, const std::string& input, std::vector<std::string> select,
                           int& status) {
  const fs::path previous = fs::current_path();
  fs::current_path(folder);
  pipec::cli::LintOptions options;
  options.paths = {input};
  options.format = "short";
  options.select = std::move(select);
  pipec::cli::Output output;
  const pipec::source::DiskFileSystem disk;
  status = pipec::cli::run_lint(options, disk, output);
  fs::current_path(previous);
  return output;
}

// (file, line, rule id) of a finding, as a multiset.
using Expectations = std::map<std::tuple<std::string, int, std::string>, int>;

// The `# expect: CP2001 [CP2001 …]` comments of the case's input files.
Expectations inline_expectations(const fs::path& folder, const std::string& input) {
  Expectations out;
  std::vector<fs::path> files;
  if (fs::is_directory(folder / input)) {
    for (const auto& e : fs::recursive_directory_iterator(folder / input)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
  } else {
    files.push_back(folder / input);
  }
  const std::regex id("CP[0-9]{4}");
  for (const auto& file : files) {
    const std::string text = pipec::test::read_text(file.string());
    const std::string relative = fs::relative(file, folder).generic_string();
    int line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = text.find('\n', start);
      const std::string content = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (const auto at = content.find("# expect:"); at != std::string::npos) {
        const std::string ids = content.substr(at + 9);
        for (auto it = std::sregex_iterator(ids.begin(), ids.end(), id); it != std::sregex_iterator(); ++it) {
          ++out[{relative, line, it->str()}];
        }
      }
      if (end == std::string::npos) break;
      start = end + 1;
      ++line;
    }
  }
  return out;
}

// The same, of short-format output: path:line:col: severity: message [CP2001].
Expectations findings(const std::string& short_output) {
  Expectations out;
  const std::regex line_re("^([^:]+):([0-9]+):[0-9]+: [a-z]+: .* \\[(CP[0-9]{4})\\]$");
  std::size_t start = 0;
  while (start < short_output.size()) {
    const auto end = short_output.find('\n', start);
    const std::string line = short_output.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::smatch m;
    if (std::regex_match(line, m, line_re)) ++out[{m[1].str(), std::stoi(m[2].str()), m[3].str()}];
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string describe(const Expectations& e) {
  std::string out;
  for (const auto& [key, count] : e) {
    out += std::get<0>(key) + ":" + std::to_string(std::get<1>(key)) + " " + std::get<2>(key);
    if (count > 1) out += " x" + std::to_string(count);
    out += "\n";
  }
  return out.empty() ? "(nothing)\n" : out;
}

}  // namespace

TEST_CASE("every rule has a bad case that produces its expected findings and a clean good case") {
  const fs::path root = fs::path(PIPEC_SOURCE_DIR) / "tests" / "rules";
  for (const auto* rule : pipec::rules::registry()) {
    const std::string id(rule->meta.id);
    const fs::path folder = root / (id + "-" + std::string(rule->meta.name));
    SECTION(id) {
      INFO("rule folder " << folder.string());
      REQUIRE(fs::is_directory(folder));
      const std::string bad = find_input(folder, "bad");
      const std::string good = find_input(folder, "good");
      REQUIRE_FALSE(bad.empty());
      REQUIRE_FALSE(good.empty());

      // A rule about other rules' findings (an unused suppression) needs
      // those rules to run too: bad.select names them.
      std::vector<std::string> select{id};
      if (fs::exists(folder / "bad.select")) {
        std::istringstream extra(pipec::test::read_text((folder / "bad.select").string()));
        for (std::string word; extra >> word;) select.push_back(word);
      }
      int status = 0;
      const auto bad_output = lint_in(folder, bad, select, status);
      INFO("stderr: " << bad_output.err);
      CHECK(bad_output.err.empty());
      CHECK_FALSE(bad_output.out.empty());
      const bool inline_only = !fs::exists(folder / "bad.expected") && !inline_expectations(folder, bad).empty();
      if (!inline_only) {
        const std::string diff = pipec::test::compare_golden((folder / "bad.expected").string(), bad_output.out);
        CHECK(diff.empty());
        if (!diff.empty()) FAIL(diff);
      } else {
        const Expectations expected = inline_expectations(folder, bad);
        INFO("bad.expected is missing, so the bad case's `# expect: " << id << "` comments say what it must produce");
        REQUIRE_FALSE(expected.empty());
        const Expectations actual = findings(bad_output.out);
        INFO("expected:\n" << describe(expected) << "found:\n" << describe(actual) << "output:\n" << bad_output.out);
        CHECK(actual == expected);
      }
      // Every expected line names this rule.
      CHECK(bad_output.out.find("[" + id + "]") != std::string::npos);

      const auto good_output = lint_in(folder, good, {}, status);
      INFO("good case output:\n" << good_output.out);
      CHECK(good_output.out.empty());
      CHECK(status == 0);
    }
  }
}

TEST_CASE("every folder of tests/rules/ belongs to a rule") {
  std::set<std::string> folders;
  for (const auto* rule : pipec::rules::registry()) folders.insert(std::string(rule->meta.id) + "-" + std::string(rule->meta.name));
  for (const auto& entry : fs::directory_iterator(fs::path(PIPEC_SOURCE_DIR) / "tests" / "rules")) {
    INFO(entry.path().string() << " names no rule of the registry (a renamed or removed rule?)");
    CHECK(folders.contains(entry.path().filename().string()));
  }
}
