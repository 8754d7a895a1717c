#pragma once
// The pages of a run's heap, made ready before the run writes them. A lint
// holds about ten bytes of memory for each byte it reads (the documents, the
// model, the findings). The kernel gives that memory one 4 KiB page at a
// time, each at its first write, and on the virtual machines CI and a hook
// run on such a page fault is a trap to the host, 10-13 µs: one 17 KB
// template's heap took 73 of them, 100 templates' 4,100. Two ways round it,
// by the heap a run expects (bench/README.md):
// - from 512 KiB, huge pages: a 2 MiB page costs one fault and 80-180 µs to
//   clear, which a run this large wins back (100 templates in half the
//   time). Debian's kernels give huge pages only where a program asks
//   (madvise); glibc asks for them only if GLIBC_TUNABLES says so when the
//   process starts, so pipec asks for itself once it knows what it will read;
// - below, the small pages made present at once (MADV_POPULATE_WRITE), in
//   one system call. One template's 73 faults in the heap become 13. What a
//   huge page costs such a run moves with the host (for one template, 0.2 ms
//   less than pages made present in one sitting, 0.5 and 0.9 ms more in
//   two), and it holds 2 MiB of memory where the run writes a few hundred
//   KiB.

#include <cstdint>

namespace pipec::util {

/// What prepare_heap_for did.
enum class HeapPages {
  decided,  ///< nothing: another call came first
  as_is,    ///< nothing taken: a sanitizer's malloc, another C library, a kernel without the advice, a thread already run
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
/// Only advice: where it is not taken, the run goes on with small pages
/// faulted one by one (malloc's settings may have been changed first where
/// the kernel refuses huge pages).
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
