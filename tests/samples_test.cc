// samples/ shows each mistake beside its fixed version: every `fixed` folder
// must lint clean, every `mistake` folder must fail. (What exactly each
// mistake reports is pinned by the samples golden in tests/golden/.)

#include <catch2/catch.hpp>
#include <filesystem>

#include "cli/commands.h"

namespace fs = std::filesystem;

TEST_CASE("samples: fixed versions are clean, mistakes are reported") {
  const fs::path root = fs::path(PIPEC_SOURCE_DIR) / "samples";
  std::vector<fs::path> folders;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && (name == "fixed" || name == "mistake")) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  REQUIRE(folders.size() >= 6);
  const pipec::source::DiskFileSystem disk;
  for (const auto& folder : folders) {
    SECTION(fs::relative(folder, root).string()) {
      pipec::cli::LintOptions options;
      options.paths = {folder.string()};
      options.format = "short";
      pipec::cli::Output output;
      const int status = pipec::cli::run_lint(options, disk, output);
      INFO(output.out << output.err);
      if (folder.filename() == "fixed") {
        CHECK(status == 0);
        CHECK(output.out.empty());
      } else {
        CHECK(status == 1);
        CHECK_FALSE(output.out.empty());
      }
    }
  }
}
