#include "util/huge_pages.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <mutex>

#include "util/parallel.h"
#include "util/sanitizers.h"

// glibc's malloc, 2.33 or later (mallinfo2), on a kernel that takes the
// advice. A sanitizer brings a malloc of its own, which neither reads
// mallopt nor grows the heap with brk.
#if defined(__GLIBC__) && !defined(PIPEC_SANITIZED)
#if __GLIBC_PREREQ(2, 33)
#define PIPEC_ADVISES_HEAP 1
#endif
#endif

#if defined(PIPEC_ADVISES_HEAP)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace pipec::util {

namespace {

#if defined(PIPEC_ADVISES_HEAP) && defined(MADV_HUGEPAGE)

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// Heap to reserve for each byte of input: what a lint held at its peak was
// 9-12 bytes a byte (100 templates, a 1 MB and a 10 MB template). Only
// address space: a page costs memory once it is written.
constexpr std::uint64_t kHeapPerInputByte = 16;
constexpr std::size_t kLeastHeap = std::size_t{16} << 20;
constexpr std::size_t kMostHeap = std::size_t{512} << 20;
// glibc refuses a larger M_MMAP_THRESHOLD (HEAP_MAX_SIZE / 2 on 64 bits).
constexpr int kLargestHeapBlock = 32 << 20;

// Set by the first call that acts, and never freed: see below. Volatile,
// or the compiler drops a malloc whose block nothing reads.
void* volatile filler = nullptr;
// Set once the main heap is advised: where it begins, and that the threads'
// arenas are to be advised too.
std::atomic<bool> advised{false};
std::uintptr_t main_heap_begin = 0;

bool advise(std::uint64_t input_bytes) {
  const std::size_t heap = std::clamp<std::uint64_t>(input_bytes * kHeapPerInputByte, kLeastHeap, kMostHeap);
  // One arena per core. With one arena for all, its lock was the threads'
  // bottleneck: a thread that misses its per-thread cache (a vector that
  // grows, a document's node table) sleeps until the other lets go, and
  // 100 templates took 40 ms, with 1.4 of 2 cores busy; 36 ms with an
  // arena per core, for 4 MiB more at the peak (bench/README.md). The
  // threads' arenas are mapped apart from this heap, and each worker
  // advises its own (prefer_huge_pages_on_this_thread).
  mallopt(M_ARENA_MAX, static_cast<int>(core_count()));
  // Blocks up to 32 MiB come from the heap rather than from mappings of
  // their own; the heap grows by `heap` at once, and what is freed stays.
  mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(2 * heap, INT32_MAX)));
  mallopt(M_TOP_PAD, static_cast<int>(heap));

  // Grow the heap now: ask for a little more than its free top holds, and
  // give it back.
  const std::size_t probe_size = mallinfo2().keepcost + 4096;
  void* probe = std::malloc(probe_size);
  if (probe == nullptr) return false;
  const auto begin = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (end <= begin) return false;  // not from the heap after all
  // malloc wrote the header of the free space after the probe: the huge
  // pages start past it.
  const std::uintptr_t written = begin + probe_size + 64;
  const std::uintptr_t first = (written + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = end & ~(kHugePage - 1);
  if (last <= first) return false;
  // Advised before anything is written there: a 2 MiB range that already
  // has a small page keeps to small pages.
  if (madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) != 0) return false;
  // The kernel gives a huge page only for a whole aligned 2 MiB, so what
  // malloc would hand out below `first` would stay on small pages. A block
  // that fills the heap up to there is taken and never written past its
  // header: it costs address space, not memory.
  filler = std::malloc(first - begin);
  main_heap_begin = begin;
  advised = true;
  return true;
}

// glibc maps each thread arena's heap as a block of this size aligned to
// it (HEAP_MAX_SIZE: twice the largest mmap threshold on 64 bits), with
// the arena's header at its start; it grows by making more of the block
// writable, so advice given once covers what the arena later uses.
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;

// The thread arenas advised so far, and the blocks that fill their first
// huge page (volatile, as `filler`).
std::mutex thread_heaps_mutex;
std::uintptr_t thread_heaps[64];
void* volatile thread_fillers[64];
std::size_t thread_heap_count = 0;

void advise_thread_arena() {
  if (!advised) return;
  // The block malloc gives this thread shows its arena.
  void* probe = std::malloc(64);
  if (probe == nullptr) return;
  const auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  if (at >= main_heap_begin && at < reinterpret_cast<std::uintptr_t>(sbrk(0))) return;  // the main heap: advised
  const std::uintptr_t heap = at & ~(kThreadHeap - 1);
  // Each arena once: threads come and go, and a later one reuses the arena.
  const std::lock_guard lock(thread_heaps_mutex);
  const auto seen_end = thread_heaps + thread_heap_count;
  if (std::find(thread_heaps, seen_end, heap) != seen_end || thread_heap_count == std::size(thread_heaps)) return;
  const std::size_t slot = thread_heap_count++;
  thread_heaps[slot] = heap;
  if (madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_HUGEPAGE) != 0) return;
  // As for the main heap: the first 2 MiB already holds a small page (the
  // arena's header), so a block fills it, never written past its header.
  // A new arena has handed out little more than the probe.
  if (at - heap < kHugePage / 2) thread_fillers[slot] = std::malloc(heap + kHugePage - at - 64);
}

#else

bool advise(std::uint64_t) { return false; }
void advise_thread_arena() {}

#endif

}  // namespace

void prefer_huge_pages_on_this_thread() { advise_thread_arena(); }

bool prefer_huge_pages_for(std::uint64_t input_bytes) {
  static std::atomic<bool> done{false};
  if (done.exchange(true)) return false;
  return advise(input_bytes);
}

}  // namespace pipec::util
