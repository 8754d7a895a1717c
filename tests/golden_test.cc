// Command-line goldens: each folder under tests/golden/ holds `cmd` (the
// arguments after `pipec`), the inputs, and the expected `stdout`, `stderr`
// and `exit`. The real binary runs with the folder as its working directory
// (or the folder named in an optional `cwd` file, relative to it), so paths
// print as written. The version is normalized to <version>.

#include <catch2/catch.hpp>
#include <filesystem>

#include "cli/commands.h"
#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

std::string normalize(std::string text) {
  const std::string version(pipec::cli::version());
  for (auto at = text.find(version); at != std::string::npos; at = text.find(version, at)) {
    text.replace(at, version.size(), "<version>");
  }
  return text;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

TEST_CASE("command-line goldens") {
  const fs::path root = fs::path(PIPEC_SOURCE_DIR) / "tests" / "golden";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "cmd")) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  for (const auto& folder : cases) {
    SECTION(folder.filename().string()) {
      const std::string args = trimmed(pipec::test::read_text((folder / "cmd").string()));
      fs::path cwd = folder;
      if (fs::exists(folder / "cwd")) cwd = fs::weakly_canonical(folder / trimmed(pipec::test::read_text((folder / "cwd").string())));
      const auto run = pipec::test::run_command("cd '" + cwd.string() + "' && NO_COLOR=1 '" PIPEC_BINARY "' " + args);
      INFO("pipec " << args);
      CHECK(pipec::test::compare_golden((folder / "stdout").string(), normalize(run.out)) == "");
      CHECK(pipec::test::compare_golden((folder / "stderr").string(), normalize(run.err)) == "");
      CHECK(pipec::test::compare_golden((folder / "exit").string(), std::to_string(run.status) + "\n") == "");
    }
  }
}
