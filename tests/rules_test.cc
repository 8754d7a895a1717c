// Every rule has tests/rules/<ID>-<name>/ with a bad case that must produce
// exactly bad.expected (that rule alone, short format) and a good case that
// must produce nothing at all, from any rule.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

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

      int status = 0;
      const auto bad_output = lint_in(folder, bad, {id}, status);
      INFO("stderr: " << bad_output.err);
      CHECK(bad_output.err.empty());
      CHECK_FALSE(bad_output.out.empty());
      const std::string diff = pipec::test::compare_golden((folder / "bad.expected").string(), bad_output.out);
      CHECK(diff.empty());
      if (!diff.empty()) FAIL(diff);
      // Every expected line names this rule.
      CHECK(bad_output.out.find("[" + id + "]") != std::string::npos);

      const auto good_output = lint_in(folder, good, {}, status);
      INFO("good case output:\n" << good_output.out);
      CHECK(good_output.out.empty());
      CHECK(status == 0);
    }
  }
}
