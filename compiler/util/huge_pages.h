#pragma once
// Transparent huge pages for the heap of every run that reads 32 KiB or
// more. A lint holds about ten bytes of memory for each byte it reads (the
// documents, the model, the findings). The kernel gives that memory one
// 4 KiB page at a time, each at its first write, and on the virtual
// machines CI and a hook run on such a page fault costs about 12 µs: 100
// templates took 4,100 of them. A 2 MiB page costs one fault and 80-180 µs
// to clear, and more in a whole run's time: below about 30 KB of input (one
// template, one API pipeline, an empty folder) a run writes too few pages
// to win that back (bench/README.md). Debian's kernels give huge pages only
// where a program asks (madvise); glibc asks for them only if
// GLIBC_TUNABLES says so when the process starts, so pipec asks for itself
// once it knows what it will read.

#include <cstdint>

namespace pipec::util {

/// Readies glibc's malloc for a run about to read `input_bytes` (32 KiB or
/// more; less is left as it is): room for the memory that input needs,
/// advised to the kernel as huge pages, and an arena per core for the
/// threads. Call before any thread allocates; the first call decides, later
/// calls do nothing. Only advice: where glibc, the kernel or a sanitizer's
/// malloc does not take it, the run is as it was. True if this call gave it.
///
/// The price is memory: a huge page is 2 MiB of memory once one byte of it
/// is written, so each arena in use may hold a partly written one at the
/// peak (100 files, with a second arena: 0.5 to 2.6 MB more), for less time
/// from two templates on and half the time for 100 (bench/README.md).
bool prefer_huge_pages_for(std::uint64_t input_bytes);

/// Called first on a thread that will allocate: once the process has taken
/// the advice, the arena malloc gives this thread is advised too, the first
/// time a thread uses it. Does nothing otherwise.
void prefer_huge_pages_on_this_thread();

}  // namespace pipec::util
