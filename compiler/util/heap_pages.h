#pragma once
// The pages of a run's heap, made ready before the run writes them. A lint
// holds about ten bytes of memory for each byte it reads (the documents, the
// model, the findings). The kernel gives that memory one 4 KiB page at a
// time, each at its first write, and on the virtual machines CI and a hook
// run on such a page fault costs about 12 µs: one template took about 60 of
// them, 100 templates 4,100. Two ways round it, by the heap a run expects:
// - from 512 KiB, huge pages: a 2 MiB page costs one fault and 80-180 µs to
//   clear, and a whole run more, which a run this large wins back (100
//   templates in half the time). Debian's kernels give huge pages only where
//   a program asks (madvise); glibc asks for them only if GLIBC_TUNABLES says
//   so when the process starts, so pipec asks for itself once it knows what
//   it will read;
// - below, the small pages made present at once (MADV_POPULATE_WRITE): one
//   system call for all of them, where each fault is a trap to the host.
//   One template: 73 faults in the heap became 13, and 5.7 ms 5.3 ms; the
//   build of seed 001 6.0 ms 5.5 ms (bench/README.md). A huge page made
//   these runs no faster, and a lint of an empty folder 0.6 ms slower.

#include <cstdint>

namespace pipec::util {

/// What prepare_heap_for did.
enum class HeapPages {
  as_is,    ///< nothing: another call came first, or glibc, the kernel or a sanitizer's malloc does not take it
  present,  ///< the heap grown to hold the bytes expected, its pages made present
  huge,     ///< the heap grown and advised as huge pages, with an arena per core for the threads
};

/// The least heap expected that is given huge pages.
inline constexpr std::uint64_t kLeastHugeHeap = std::uint64_t{512} << 10;

/// Readies glibc's malloc for a run expected to write about `heap_bytes`:
/// below kLeastHugeHeap, that much heap made present; from it, room for it
/// (16 MiB at least, only address space until written) advised to the
/// kernel as huge pages, and an arena per core for the threads. Call before
/// any thread allocates; the first call decides, later calls do nothing.
/// Only advice: where it is not taken, the run is as it was.
///
/// The price is memory: a huge page is 2 MiB of memory once one byte of it
/// is written, so each arena in use may hold a partly written one at the
/// peak (100 files, with a second arena: 0.5 to 2.6 MB more); a present
/// page is memory whether the run writes it or not (bench/README.md).
HeapPages prepare_heap_for(std::uint64_t heap_bytes);

/// Called first on a thread that will allocate: once the process has taken
/// huge pages, the arena malloc gives this thread is advised too, the first
/// time a thread uses it. Does nothing otherwise.
void prefer_huge_pages_on_this_thread();

}  // namespace pipec::util
