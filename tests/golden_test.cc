// Command-line goldens: each folder under tests/golden/ holds `cmd` (the
// arguments after `pipec`), the inputs, and the expected `stdout`, `stderr`
// and `exit`. The real binary runs with the folder as its working directory
// (or the folder named in an optional `cwd` file, relative to it), so paths
// print as written. The version is normalized to <version>.
//
// A case with an `expected/` folder is a build: `$OUT` in its cmd is a
// fresh temporary folder, and the files written there must be exactly those
// of expected/, byte for byte.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include <unistd.h>

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
      std::string args = trimmed(pipec::test::read_text((folder / "cmd").string()));
      const bool build = fs::is_directory(folder / "expected");
      const fs::path out = fs::temp_directory_path() / ("pipec-golden-" + folder.filename().string() + "-" + std::to_string(::getpid()));
      fs::remove_all(out);
      if (build) {
        for (auto at = args.find("$OUT"); at != std::string::npos; at = args.find("$OUT")) args.replace(at, 4, out.string());
      }
      fs::path cwd = folder;
      if (fs::exists(folder / "cwd")) cwd = fs::weakly_canonical(folder / trimmed(pipec::test::read_text((folder / "cwd").string())));
      const auto run = pipec::test::run_command("cd '" + cwd.string() + "' && NO_COLOR=1 '" PIPEC_BINARY "' " + args);
      INFO("pipec " << args);
      const auto clean = [&](std::string text) {
        text = normalize(std::move(text));
        const std::string temp = out.string();
        for (auto at = text.find(temp); at != std::string::npos; at = text.find(temp)) text.replace(at, temp.size(), "$OUT");
        return text;
      };
      CHECK(pipec::test::compare_golden((folder / "stdout").string(), clean(run.out)) == "");
      CHECK(pipec::test::compare_golden((folder / "stderr").string(), clean(run.err)) == "");
      CHECK(pipec::test::compare_golden((folder / "exit").string(), std::to_string(run.status) + "\n") == "");
      if (build) {
        std::set<std::string> names;
        if (fs::is_directory(out)) {
          for (const auto& e : fs::directory_iterator(out)) names.insert(e.path().filename().string());
        }
        if (!pipec::test::updating_goldens()) {
          for (const auto& e : fs::directory_iterator(folder / "expected")) {
            INFO("expected " << e.path().filename().string() << " to be written");
            CHECK(names.contains(e.path().filename().string()));
          }
        } else {
          fs::remove_all(folder / "expected");
          fs::create_directories(folder / "expected");
        }
        for (const auto& name : names) {
          const std::string written = pipec::test::read_text((out / name).string());
          CHECK(pipec::test::compare_golden((folder / "expected" / name).string(), normalize(written)) == "");
        }
        // Build judges what it writes for errors; what it wrote should not
        // draw even a warning from pipec's own lint.
        if (!names.empty()) {
          const auto lint = pipec::test::run_command("NO_COLOR=1 '" PIPEC_BINARY "' lint --fail-on info --format short '" + out.string() + "'");
          INFO("pipec lint of what the build wrote:\n" << lint.out << lint.err);
          CHECK(lint.status == 0);
        }
        fs::remove_all(out);
      }
    }
  }
}
