#pragma once
// Running independent jobs on every core. Results go into slots indexed by
// job, so the order of the output never depends on the order the jobs
// finish in: output stays deterministic.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace pipec::util {

/// Calls job(i) for every i in [0, count), on up to one thread per core,
/// and no more threads than `count / jobs_per_worker`: a thread that must
/// first prepare what the jobs share (compile a schema) is worth it only
/// for enough jobs. `job` must be safe to run concurrently for different i.
template <typename Job>
void parallel_for(std::size_t count, Job&& job, std::size_t jobs_per_worker = 1) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min(cores, count / std::max<std::size_t>(1, jobs_per_worker));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) job(i);
  };
  std::vector<std::jthread> threads;
  threads.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
}

}  // namespace pipec::util
