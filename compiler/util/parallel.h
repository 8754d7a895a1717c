#pragma once
// Running independent jobs on every core. Results go into slots indexed by
// job, so the order of the output never depends on the order the jobs
// finish in: output stays deterministic. An exception a job throws reaches
// the caller.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "util/cores.h"
#include "util/heap_pages.h"

namespace pipec::util {

/// Calls job(i) for every i in [0, count), on up to one thread per core,
/// and no more threads than `count / jobs_per_worker`: a thread that must
/// first prepare what the jobs share (compile a schema) is worth it only
/// for enough jobs. `job` must be safe to run concurrently for different i.
/// Below this many bytes of input, jobs run on the calling thread: starting
/// a thread (and faulting in its stack) costs more than a small input takes
/// (building seed 001: 6.8 ms with threads for its rules, 5.9 without).
inline constexpr std::uint64_t kBytesWorthAThread = 128 << 10;

/// parallel_for's jobs_per_worker for `count` jobs over `bytes` of input.
[[nodiscard]] inline std::size_t jobs_per_worker_for(std::size_t count, std::uint64_t bytes) {
  return bytes < kBytesWorthAThread ? count + 1 : 1;
}

template <typename Job>
void parallel_for(std::size_t count, Job&& job, std::size_t jobs_per_worker = 1) {
  const std::size_t wanted = count / std::max<std::size_t>(1, jobs_per_worker);
  const std::size_t workers = wanted <= 1 ? wanted : std::min(core_count(), wanted);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  // A job that throws stops the others taking more, and its exception (the
  // first) is thrown here once every thread is done, as if run in order:
  // one thrown on a thread of its own would end the process.
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t) {
      threads.emplace_back([&] {
        prefer_huge_pages_on_this_thread();
        work();
      });
    }
    work();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace pipec::util
