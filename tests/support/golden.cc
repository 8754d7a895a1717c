#include "support/golden.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace pipec::test {

bool updating_goldens() {
  const char* value = std::getenv("PIPEC_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

std::string compare_golden(const std::string& path, const std::string& actual) {
  if (updating_goldens()) {
    std::ofstream(path, std::ios::binary) << actual;
    return "";
  }
  const std::string expected = read_text(path);
  if (expected == actual) return "";
  // A short line diff: the first lines that differ, with context.
  const auto want = lines_of(expected);
  const auto got = lines_of(actual);
  std::ostringstream diff;
  diff << path << " differs (rerun with PIPEC_UPDATE_GOLDEN=1 to accept):\n";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < std::max(want.size(), got.size()) && shown < 12; ++i) {
    const std::string* w = i < want.size() ? &want[i] : nullptr;
    const std::string* g = i < got.size() ? &got[i] : nullptr;
    if (w && g && *w == *g) continue;
    diff << "  line " << i + 1 << ":\n";
    if (w) diff << "  - " << *w << "\n";
    if (g) diff << "  + " << *g << "\n";
    ++shown;
  }
  if (want.size() == got.size() && shown == 0) diff << "  (line endings or the final newline differ)\n";
  return diff.str();
}

Run run_command(const std::string& command) {
  Run run;
  char err_path[] = "/tmp/pipec-test-stderr-XXXXXX";
  const int err_fd = ::mkstemp(err_path);
  if (err_fd >= 0) ::close(err_fd);
  const std::string full = command + " 2>" + err_path;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) {
    run.status = -1;
    return run;
  }
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  run.err = read_text(err_path);
  ::unlink(err_path);
  return run;
}

}  // namespace pipec::test
