// The static PIE's entry point (compiler/cli/static_entry.cc), linked into a
// small static PIE of its own the way it is into the static pipec: the
// binary still starts (its arguments, environment and relocated pointers
// are intact), and its writable pages are in memory before anything writes
// them. Exit 0 passes, 1 fails, 77 skips (a kernel without the advice).
//
//   pipec_static_entry_test one two   (with PIPEC_STATIC_ENTRY_TEST=set)

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/populate_advice.h"

namespace {

// In .bss, and never written: present only if something made it so.
constexpr std::size_t kUntouchedPages = 64;
alignas(4096) char untouched[kUntouchedPages * 4096];

// Pointers the binary relocates as it starts (volatile: read from memory,
// not folded by the compiler).
const char* volatile relocated[] = {"alpha", "beta"};

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "static entry: %s\n", what);
    ++failures;
  }
}

// Whether the page at `address` is in memory for this process
// (/proc/self/pagemap: bit 63 of its entry). Readable without privileges;
// only the frame numbers are hidden.
int present(const void* address) {
  const int fd = open("/proc/self/pagemap", O_RDONLY);
  if (fd < 0) return -1;
  const auto page = reinterpret_cast<std::uintptr_t>(address) / static_cast<std::uintptr_t>(getpagesize());
  std::uint64_t entry = 0;
  const auto got = pread(fd, &entry, sizeof entry, static_cast<off_t>(page * sizeof entry));
  close(fd);
  if (got != static_cast<ssize_t>(sizeof entry)) return -1;
  return (entry >> 63) & 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Read first, before this program writes anything of its own.
  const int middle_present = present(untouched + kUntouchedPages / 2 * 4096);
  const int last_present = present(untouched + (kUntouchedPages - 1) * 4096);
  const int first_present = present(untouched);

  expect(argc == 3 && std::strcmp(argv[1], "one") == 0 && std::strcmp(argv[2], "two") == 0,
         "the arguments did not reach main");
  const char* set = std::getenv("PIPEC_STATIC_ENTRY_TEST");
  expect(set != nullptr && std::strcmp(set, "set") == 0, "the environment did not reach main");
  expect(std::strcmp(relocated[0], "alpha") == 0 && std::strcmp(relocated[1], "beta") == 0,
         "a pointer the binary relocates at start was wrong");

  // The oracle itself: a page mapped and never written is not present.
  void* fresh = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (fresh == MAP_FAILED || present(fresh) < 0) {
    std::fprintf(stderr, "static entry: /proc/self/pagemap cannot be read here; skipped\n");
    return 77;
  }
  expect(present(fresh) == 0, "a page never written reads as present: the pagemap check cannot tell");

  // A kernel before 5.14 refuses the advice (EINVAL even for no pages), and
  // the entry point then leaves every page to fault as before; so does a
  // sandbox that forbids madvise (EPERM).
  if (madvise(fresh, 0, MADV_POPULATE_WRITE) != 0 && (errno == EINVAL || errno == EPERM)) {
    std::fprintf(stderr, "static entry: MADV_POPULATE_WRITE is refused here; skipped\n");
    return failures == 0 ? 77 : 1;
  }
  expect(middle_present == 1, "a page of .bss that nothing wrote was not present at main");
  expect(first_present == 1 && last_present == 1, "the first or last page of an array in .bss that nothing wrote was not present at main");
  if (failures == 0) std::puts("static entry: ok");
  return failures == 0 ? 0 : 1;
}
