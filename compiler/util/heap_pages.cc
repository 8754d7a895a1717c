#include "util/heap_pages.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <mutex>
#include <optional>
#include <string_view>

#include "util/cores.h"
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
#include <sys/single_threaded.h>
#include <unistd.h>

#include "util/populate_advice.h"
#endif

namespace pipec::util {

namespace {

#if defined(PIPEC_ADVISES_HEAP) && defined(MADV_HUGEPAGE)

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// What a heap advised as huge pages grows by at once, at least and at most.
constexpr std::size_t kLeastHugeReserve = std::size_t{16} << 20;
constexpr std::size_t kMostHugeReserve = std::size_t{512} << 20;
// glibc's M_TOP_PAD when nobody sets it (DEFAULT_TOP_PAD).
constexpr int kGlibcTopPad = 128 << 10;
// glibc refuses a larger M_MMAP_THRESHOLD (HEAP_MAX_SIZE / 2 on 64 bits).
constexpr int kLargestHeapBlock = 32 << 20;

// The most arenas pipec asks glibc for, and the most thread heaps it
// advises (below).
constexpr std::size_t kMostArenas = 64;

// Set by the first call that acts, and never freed: see below. Volatile,
// or the compiler drops a malloc whose block nothing reads.
void* volatile filler = nullptr;
// Set once the main heap is advised: where it begins (what the main arena
// hands out lies between there and the break), and whether the threads'
// arenas are to be advised too.
std::atomic<bool> advise_threads{false};
std::uintptr_t advised_heap_start = 0;

// Whether GLIBC_TUNABLES asks glibc's malloc for huge pages itself
// (glibc.malloc.hugetlb not 0): it then advises its own memory (1), or
// sizes the threads' heaps after the huge page (2).
bool glibc_takes_huge_pages() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables == nullptr) return false;
  constexpr std::string_view kName = "glibc.malloc.hugetlb=";
  const char* at = std::strstr(tunables, kName.data());
  return at != nullptr && at[kName.size()] != '\0' && at[kName.size()] != '0';
}

// Where the main heap starts: the break less what the main arena holds.
// Nothing once a thread has run (its arena is counted too), the caller's
// promise broken. A main arena that brk could not grow maps the rest
// elsewhere, and the start found lies below the heap: madvise then fails,
// or makes pipec's own data present, which does no harm.
std::optional<std::uintptr_t> main_heap_start() {
  if (!__libc_single_threaded) return std::nullopt;
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::size_t arena = mallinfo2().arena;
  if (arena > brk) return std::nullopt;
  return brk - arena;
}

// Grows the main heap from its top by M_TOP_PAD (the caller's), with a
// probe of `probe_size`, more than all the free space so that no freed
// block can serve it (a lint of 1,000 templates had freed a block larger
// than the top), taken and given back. Where the probe lay, or nothing when
// it did not come from the heap (between `heap_start` and the break).
std::optional<std::uintptr_t> grow_main_heap(std::size_t probe_size, std::uintptr_t heap_start) {
  void* volatile probe = std::malloc(probe_size);
  const auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  if (probe == nullptr || at < heap_start || at >= reinterpret_cast<std::uintptr_t>(sbrk(0))) return std::nullopt;
  return at;
}

// Below kLeastHugeHeap: the main heap grown until its free top holds
// `expected` bytes, and its pages, from its start to there, made present
// in one system call (pages already written are left as they are). On this
// virtual machine a page first written costs a trap to the host, 10-13 µs;
// made present beforehand, 0.6 µs, and 4 µs more at its first write (timed
// in a small C program, 128 pages).
bool make_present(std::uint64_t expected) {
  const auto page = static_cast<std::uintptr_t>(getpagesize());
  const auto page_up = [&](std::uintptr_t at) { return (at + page - 1) & ~(page - 1); };
  const auto heap_start = main_heap_start();
  if (!heap_start) return false;
  const std::uintptr_t from = page_up(*heap_start);
  // Asked of no page: 0 where the kernel knows the advice (Linux 5.14 or
  // later), EINVAL where it does not, before malloc is changed in any way.
  if (madvise(reinterpret_cast<void*>(from), 0, MADV_POPULATE_WRITE) != 0) return false;
  const auto want = static_cast<std::size_t>(expected);
  const struct mallinfo2 before = mallinfo2();
  // Grown by `want` less the free top, the top holds more than `want` once
  // the probe is given back. Blocks up to that size come from the heap, not
  // from mappings of their own (glibc's threshold would start at 128 KiB);
  // the pad goes back to glibc's own once the heap has grown.
  const bool grow = before.keepcost < want;
  const std::size_t probe_size = before.fordblks + page;
  if (grow && probe_size + 2 * page > static_cast<std::size_t>(kLargestHeapBlock)) return false;
  // The top is trimmed once it holds more than this: glibc's 128 KiB (and
  // two pages of headers) more than the probe leaves.
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(before.fordblks + want + (std::size_t{128} << 10) + 2 * page));
  if (grow) {
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(std::max<std::size_t>({probe_size + page, want, std::size_t{128} << 10})));
    mallopt(M_TOP_PAD, static_cast<int>(want - before.keepcost));
    const auto grown = grow_main_heap(probe_size, *heap_start);
    mallopt(M_TOP_PAD, kGlibcTopPad);
    if (!grown) return false;
  }
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
  if (top < want || top > brk - *heap_start) return false;
  const std::uintptr_t to = std::min(brk, page_up(brk - top + want));
  return to > from && madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE) == 0;
}

bool advise_huge(std::uint64_t expected) {
  const std::size_t heap = std::clamp<std::uint64_t>(expected, kLeastHugeReserve, kMostHugeReserve);
  const auto start = main_heap_start();
  if (!start) return false;
  advised_heap_start = *start;
  const struct mallinfo2 before = mallinfo2();
  // A probe past all the free space (grow_main_heap) larger than this would
  // be a mapping of its own.
  const std::size_t probe_size = before.fordblks + static_cast<std::size_t>(getpagesize());
  if (probe_size >= static_cast<std::size_t>(kLargestHeapBlock)) return false;
  // One arena per core. With one arena for all, its lock was the threads'
  // bottleneck: a thread that misses its per-thread cache (a vector that
  // grows, a document's node table) sleeps until the other lets go; 100
  // templates took 39.3 ms with 1.4 of 2 cores busy, 34.8 ms with an arena
  // per core (bench/README.md). The threads' arenas are mapped apart from
  // this heap, and each worker advises its own
  // (prefer_huge_pages_on_this_thread).
  mallopt(M_ARENA_MAX, static_cast<int>(std::min(core_count(), kMostArenas)));
  // Blocks up to 32 MiB come from the heap rather than from mappings of
  // their own; the heap grows by `heap` at once, and what is freed stays
  // (the probe's size too, so that freeing it does not trim the heap back).
  mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(2 * heap + probe_size, INT32_MAX)));
  mallopt(M_TOP_PAD, static_cast<int>(heap));

  const auto grown = grow_main_heap(probe_size, advised_heap_start);
  if (!grown) return false;
  const std::uintptr_t begin = *grown;
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
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
  // header: it costs address space, and keeps what the top held before the
  // probe (a few KiB when a run starts) from being used again.
  filler = std::malloc(first - begin);
  advise_threads = !glibc_takes_huge_pages();
  return true;
}

// glibc maps each heap of a thread arena as a block of this size aligned to
// it (HEAP_MAX_SIZE: twice the largest mmap threshold on 64 bits, unless
// glibc.malloc.hugetlb is 2), with the heap's header at its start. A heap
// grows by making more of its block writable, so advice given to the block
// covers all the heap grows into. An arena that fills its heap gets another
// block, which only a thread whose first block lies there advises.
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;
// A fresh arena hands a new thread its first blocks just past the heap's and
// the arena's headers and the thread's cache, a few KiB in.
constexpr std::uintptr_t kFreshArenaReach = std::uintptr_t{64} << 10;

// The thread heaps advised so far (an arena that outgrows its heap has
// several; past the last slot, heaps go unadvised), and the blocks that fill
// their first huge page (volatile, as `filler`).
std::mutex thread_heaps_mutex;
std::uintptr_t thread_heaps[kMostArenas];
void* volatile thread_fillers[kMostArenas];
std::size_t thread_heap_count = 0;

void advise_thread_arena() {
  if (!advise_threads) return;
  // The block malloc gives this thread shows its arena.
  void* probe = std::malloc(64);
  if (probe == nullptr) return;
  const auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  // A thread sharing the main arena (there are more threads than arenas when
  // a job runs a parallel_for of its own) gets a block of the main heap,
  // which is advised already; no other block may overlap it.
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t heap = at & ~(kThreadHeap - 1);
  if (at >= advised_heap_start && at < brk) return;
  if (heap < brk && heap + kThreadHeap > advised_heap_start) return;
  // Each heap once: threads come and go, and a later one reuses the arena.
  const std::lock_guard lock(thread_heaps_mutex);
  const auto seen_end = thread_heaps + thread_heap_count;
  if (std::find(thread_heaps, seen_end, heap) != seen_end || thread_heap_count == std::size(thread_heaps)) return;
  const std::size_t slot = thread_heap_count++;
  thread_heaps[slot] = heap;
  if (madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_HUGEPAGE) != 0) return;
  // As for the main heap: the first 2 MiB already holds a small page (the
  // headers), so a block fills it, never written past its header. Only in a
  // fresh arena: in one that other threads used, the block could take freed
  // memory that is already written, and that would be lost.
  if (at - heap < kFreshArenaReach) thread_fillers[slot] = std::malloc(heap + kHugePage - at - 64);
}

#else

bool make_present(std::uint64_t) { return false; }
bool advise_huge(std::uint64_t) { return false; }
void advise_thread_arena() {}

#endif

}  // namespace

void prefer_huge_pages_on_this_thread() { advise_thread_arena(); }

HeapPages prepare_heap_for(std::uint64_t heap_bytes) {
  static std::atomic<bool> done{false};
  if (done.exchange(true)) return HeapPages::decided;
  if (heap_bytes < kLeastHugeHeap) return make_present(heap_bytes) ? HeapPages::present : HeapPages::as_is;
  return advise_huge(heap_bytes) ? HeapPages::huge : HeapPages::as_is;
}

}  // namespace pipec::util
