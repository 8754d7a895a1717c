#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "util/huge_pages.h"
#include "util/parallel.h"

using namespace pipec::util;

namespace {

// The flags /proc/self/smaps gives the mapping that holds `address`
// ("rd wr mr mw me ac hg" …), or "" if none does.
std::string mapping_flags(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= at && at < to;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line.substr(8) + " ";
    }
  }
  return "";
}

}  // namespace

// Each test case runs in a process of its own (catch_discover_tests), so the
// advice given here reaches no other test.
TEST_CASE("the heap is advised as huge pages, even for a small input, and malloc keeps working on every thread") {
  const bool advised = prefer_huge_pages_for(17 << 10);  // one template
  CHECK_FALSE(prefer_huge_pages_for(std::uint64_t{64} << 20));  // once a process

  // Where the advice was given (glibc, a kernel with transparent huge
  // pages, no sanitizer), what malloc hands out next lies in a mapping the
  // kernel marks for huge pages ("hg").
  if (advised) {
    void* block = std::malloc(1 << 20);
    REQUIRE(block != nullptr);
    CHECK(mapping_flags(block).find(" hg ") != std::string::npos);
    std::free(block);
  }

  // A worker thread's arena is advised too, from its second huge page on
  // (the first holds the arena's header, and a block that fills it).
  if (advised) {
    std::string flags;
    std::thread worker([&] {
      prefer_huge_pages_on_this_thread();
      // Catch's assertions are not for other threads: the answer is checked after join.
      if (void* block = std::malloc(1 << 20)) {
        flags = mapping_flags(block);
        std::free(block);
      }
    });
    worker.join();
    CHECK(flags.find(" hg ") != std::string::npos);
  }

  // Blocks of many sizes, on two threads with an arena each, hold what was
  // written to them, past the 16 MiB set aside for a small input too.
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
