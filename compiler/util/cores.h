#pragma once
// How many cores a run may use: the threads util::parallel_for starts, and
// the malloc arenas util::prepare_heap_for asks for.

#include <algorithm>
#include <cstddef>
#include <thread>

namespace pipec::util {

/// The CPUs online (hardware_concurrency, which sees no affinity mask or
/// cgroup quota), asked once: glibc answers
/// hardware_concurrency by reading /sys/devices/system/cpu/online, three
/// system calls that a lint of one file made 21 times.
[[nodiscard]] inline std::size_t core_count() {
  static const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return cores;
}

}  // namespace pipec::util
