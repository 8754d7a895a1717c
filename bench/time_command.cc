// Runs a command several times and prints the median, minimum and maximum
// wall-clock time and the peak resident memory of the slowest run's child.
// hyperfine does this better; this is here so the benchmark needs nothing
// outside the build.
//
//   pipec_bench_time RUNS LABEL -- COMMAND [ARGS...]

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 5 || std::strcmp(argv[3], "--") != 0) {
    fmt::print(stderr, "usage: pipec_bench_time RUNS LABEL -- COMMAND [ARGS...]\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  const char* label = argv[2];
  std::vector<double> times;
  long peak_kib = 0;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execvp(argv[4], argv + 4);
      ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    const auto end = std::chrono::steady_clock::now();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      fmt::print(stderr, "{}: cannot run {}\n", label, argv[4]);
      return 2;
    }
    times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    peak_kib = std::max(peak_kib, usage.ru_maxrss);
  }
  std::sort(times.begin(), times.end());
  fmt::print("{:<44} median {:8.1f} ms   min {:8.1f} ms   max {:8.1f} ms   peak {:6.1f} MiB   ({} runs)\n", label,
             times[times.size() / 2], times.front(), times.back(), static_cast<double>(peak_kib) / 1024.0, runs);
  return 0;
}
