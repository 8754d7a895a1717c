#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "util/cores.h"
#include "util/heap_pages.h"
#include "util/parallel.h"
#include "util/populate_advice.h"
#include "util/sanitizers.h"

using namespace pipec::util;

namespace {

struct Mapping {
  std::uintptr_t from = 0, to = 0;
  std::string flags;  ///< as /proc/self/smaps gives them ("rd wr mr mw me ac hg" …)
};

// The mapping that holds `address`, or an empty one if none does.
Mapping mapping_of(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  Mapping found;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= at && at < to;
      if (inside) found = {from, to, ""};
    } else if (inside && line.starts_with("VmFlags:")) {
      found.flags = line.substr(8) + " ";
      return found;
    }
  }
  return {};
}

std::string mapping_flags(const void* address) { return mapping_of(address).flags; }

// How many of the whole pages inside [block, block + size) are in memory.
std::size_t pages_present(const void* block, std::size_t size) {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto at = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t from = (at + page - 1) & ~(page - 1);
  const std::uintptr_t to = (at + size) & ~(page - 1);
  if (to <= from) return 0;
  std::vector<unsigned char> present((to - from) / page);
  if (mincore(reinterpret_cast<void*>(from), to - from, present.data()) != 0) return 0;
  std::size_t count = 0;
  for (const unsigned char p : present) count += p & 1;
  return count;
}

// Whether this process's malloc and kernel take what prepare_heap_for asks:
// glibc's own malloc (no sanitizer's), and for pages made present, Linux
// 5.14 or later (which knows MADV_POPULATE_WRITE, asked here of no page).
bool heap_can_be_made_present() {
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33) && !defined(PIPEC_SANITIZED)
  const auto page = static_cast<std::uintptr_t>(getpagesize());
  const auto at = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(page - 1);
  return madvise(reinterpret_cast<void*>(at), 0, MADV_POPULATE_WRITE) == 0;
#else
  return false;
#endif
}

bool glibc_decides_huge_pages() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::string_view(tunables).find("glibc.malloc.hugetlb") != std::string_view::npos;
}

}  // namespace

// Each test case runs in a process of its own (catch_discover_tests), so the
// advice given here reaches no other test. Run in one process with others,
// a case finds the heap decided already and says so.
TEST_CASE("a heap expected below 512 KiB is made present on small pages, and the first call decides") {
  const std::uint64_t expected = kLeastHugeHeap - 1;
  const HeapPages result = prepare_heap_for(expected);
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33)
  // The heap's free top, before anything else allocates.
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
#endif
  CHECK(prepare_heap_for(std::uint64_t{64} << 20) == HeapPages::decided);
  if (result == HeapPages::decided) {
    WARN("another call readied the heap first: run this case alone (as ctest does)");
    return;
  }
  if (!heap_can_be_made_present()) {
    CHECK(result == HeapPages::as_is);
    WARN("this malloc or kernel cannot make pages present: nothing else to check");
    return;
  }
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33)
  REQUIRE(result == HeapPages::present);
  // The free top holds what was expected, and its pages are in memory
  // before anything writes them; without the advice they would not be.
  REQUIRE(top >= expected);
  const std::uintptr_t free_from = brk - top;
  const auto page = static_cast<std::size_t>(getpagesize());
  const std::size_t whole = expected / page - 1;
  CHECK(pages_present(reinterpret_cast<const void*>(free_from), expected) >= whole);
  if (!glibc_decides_huge_pages()) CHECK(mapping_flags(reinterpret_cast<const void*>(free_from)).find(" hg ") == std::string::npos);
#endif
}

TEST_CASE("a heap expected from 512 KiB is advised as huge pages, and malloc keeps working on every thread") {
  const bool advised = prepare_heap_for(kLeastHugeHeap) == HeapPages::huge;  // about two templates
  CHECK(prepare_heap_for(std::uint64_t{64} << 20) == HeapPages::decided);  // once a process

  // Where the advice was given (glibc, a kernel with transparent huge
  // pages, no sanitizer), what malloc hands out next lies in a mapping the
  // kernel marks for huge pages ("hg").
  if (advised) {
    void* block = std::malloc(1 << 20);
    REQUIRE(block != nullptr);
    CHECK(mapping_flags(block).find(" hg ") != std::string::npos);
    std::free(block);
  }

  // With an arena for each of several cores, a worker thread gets an arena
  // of its own, mapped apart from the main heap; it is advised too, and the
  // worker's blocks lie past its first huge page (the arena's headers, and
  // a block that fills the rest).
  if (advised && core_count() > 1 && !glibc_decides_huge_pages()) {
    void* main_block = std::malloc(64);
    REQUIRE(main_block != nullptr);
    const Mapping main_heap = mapping_of(main_block);
    std::free(main_block);
    Mapping worker_heap;
    std::uintptr_t worker_block = 0;
    std::thread worker([&] {
      prefer_huge_pages_on_this_thread();
      // Catch's assertions are not for other threads: the answers are checked after join.
      if (void* block = std::malloc(1 << 20)) {
        worker_block = reinterpret_cast<std::uintptr_t>(block);
        worker_heap = mapping_of(block);
        std::free(block);
      }
    });
    worker.join();
    REQUIRE(worker_block != 0);
    CHECK(worker_heap.from != main_heap.from);
    CHECK(worker_heap.flags.find(" hg ") != std::string::npos);
    const std::uintptr_t heap = worker_block & ~((std::uintptr_t{64} << 20) - 1);
    CHECK(worker_block >= heap + (std::uintptr_t{2} << 20));
  }

  // Blocks of many sizes, on two threads with an arena each, hold what was
  // written to them, past the 16 MiB set aside for the least input advised.
  std::vector<std::vector<std::vector<std::uint32_t>>> made(2);
  parallel_for(2, [&](std::size_t t) {
    for (std::uint32_t k = 0; k < 2000; ++k) made[t].emplace_back(1 + (k * 37) % 3000, k * 2 + static_cast<std::uint32_t>(t));
  });
  for (std::size_t t = 0; t < 2; ++t) {
    for (std::uint32_t k = 0; k < 2000; ++k) {
      REQUIRE(made[t][k].size() == 1 + (k * 37) % 3000);
      REQUIRE(made[t][k].front() == k * 2 + t);
      REQUIRE(made[t][k].back() == k * 2 + t);
    }
  }
}
