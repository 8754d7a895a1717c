#pragma once
// Transparent huge pages for the heap of a large run. A lint holds about ten
// bytes of memory for each byte it reads (the documents, the model, the
// findings), and the kernel gives that memory one 4 KiB page at a time, each
// at its first write. On the virtual machines CI and a hook run on, such a
// page fault costs about 10 µs: 100 templates (2 MB) took 4,100 of them,
// about 40 ms of their 107 ms of CPU. On 2 MiB pages the same run takes
// 300 faults and 67 ms. Debian's kernels give huge pages only where a
// program asks (madvise); glibc asks for them only if GLIBC_TUNABLES says so
// when the process starts, so pipec asks for itself once it knows what it
// will read.

#include <cstdint>

namespace pipec::util {

/// Below this much input (about 30 templates) a run stays on 4 KiB pages.
/// One template touches about 100 pages of heap: a huge page would save it
/// under a millisecond and add 1.3 MiB to its peak. Ten templates (200 KB)
/// took 274 page faults instead of 700, but their time moved less than the
/// machine's noise while their peak grew by up to 1.9 MiB (a heap that
/// straddles two huge pages). From 100 templates on the gain is a third or
/// more (bench/README.md).
inline constexpr std::uint64_t kInputWorthHugePages = 512 << 10;

/// Readies glibc's malloc for a run about to read `input_bytes`: room for
/// the memory that input needs, advised to the kernel as huge pages, and
/// every thread allocating from it. Call before any thread allocates;
/// the first call that reaches the threshold decides, later calls do
/// nothing. Only advice: where glibc, the kernel or a sanitizer's malloc
/// does not take it, the run is as it was. True if this call gave it.
bool prefer_huge_pages_for(std::uint64_t input_bytes);

}  // namespace pipec::util
