#pragma once
// Golden files: compare actual output with a file in the tree; with
// PIPEC_UPDATE_GOLDEN=1 in the environment, rewrite the file instead (and
// review the diff like code).

#include <string>

namespace pipec::test {

[[nodiscard]] bool updating_goldens();

/// Reads a whole file; empty if it does not exist.
[[nodiscard]] std::string read_text(const std::string& path);

/// Returns "" when `actual` equals the golden file, else a readable diff.
/// In update mode writes the file and returns "".
[[nodiscard]] std::string compare_golden(const std::string& path, const std::string& actual);

/// Runs a command with sh, returning stdout, stderr and the exit status
/// (128 + signal if it was killed).
struct Run {
  std::string out, err;
  int status = 0;
};
[[nodiscard]] Run run_command(const std::string& command);

}  // namespace pipec::test
