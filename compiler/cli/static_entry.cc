// The entry point of the static pipec (PIPEC_STATIC, x86-64): its writable
// pages made present in one system call each, before glibc relocates the
// binary, then glibc's own _start.
//
// Why: a static PIE applies its relative relocations in
// _dl_relocate_static_pie, before main and before anything of pipec runs.
// They write to every page of .data.rel.ro (vtables, tables of pointers: 24
// pages), and the run then writes to most pages of .data and .bss. Each first
// write is a page fault, and on the virtual machines CI and a pre-commit hook
// run on a fault is a trap to the host (10-13 µs). MADV_POPULATE_WRITE
// (Linux 5.14) makes the same pages present, copied where they are the
// file's, with no trap each: one template's lint takes 70 faults instead of
// 110, `pipec --version` 35 instead of 70 (bench/README.md has the times). A kernel that does not know the advice refuses it, and the
// pages fault one by one as before.
//
// What runs here runs before relocation, before TLS and before the C
// library is set up: it must read nothing that a relocation sets (hence
// only __ehdr_start and the ELF headers, both reached relative to the
// instruction pointer), call nothing of the C library (the system call is
// made directly, and errno would need TLS), and keep no stack protector
// (its canary lives in TLS). The file is compiled on its own, with
// -fno-stack-protector (compiler/cli/CMakeLists.txt), and linked with
// -Wl,-e,pipec_entry.

#if !defined(__x86_64__) || defined(__ILP32__)
#error "static_entry.cc makes x86-64's system call itself: link it only there (PIPEC_HAS_STATIC_ENTRY)"
#endif

#include <elf.h>
#include <sys/syscall.h>

#include <cstdint>

#include "util/populate_advice.h"

extern "C" {
// The ELF header of the binary itself, which the linker defines at the
// start of the first segment: the address the binary was loaded at.
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
void pipec_make_writable_pages_present() __attribute__((visibility("hidden"), used));
}

namespace {

constexpr std::uintptr_t kPage = 4096;  // the smallest page x86-64 has: rounds out, never in

__attribute__((always_inline)) inline void advise(std::uintptr_t begin, std::uintptr_t end, long advice) {
  long result;
  asm volatile("syscall"
               : "=a"(result)
               : "0"(long{SYS_madvise}), "D"(begin), "S"(end - begin), "d"(advice)
               : "rcx", "r11", "memory");
  (void)result;  // refused: the pages fault one by one, as without this
}

}  // namespace

extern "C" __attribute__((no_stack_protector)) void pipec_make_writable_pages_present() {
  const auto base = reinterpret_cast<std::uintptr_t>(__ehdr_start);
  const auto* header = reinterpret_cast<const Elf64_Ehdr*>(__ehdr_start);
  const auto* segments = reinterpret_cast<const Elf64_Phdr*>(__ehdr_start + header->e_phoff);
  for (unsigned i = 0; i < header->e_phnum; ++i) {
    const Elf64_Phdr& s = segments[i];
    if (s.p_type != PT_LOAD || (s.p_flags & PF_W) == 0 || s.p_memsz == 0) continue;
    const std::uintptr_t begin = (base + s.p_vaddr) & ~(kPage - 1);
    const std::uintptr_t end = (base + s.p_vaddr + s.p_memsz + kPage - 1) & ~(kPage - 1);
    advise(begin, end, MADV_POPULATE_WRITE);
  }
}

// The entry: the kernel jumps here with the stack as _start expects it
// (argc, argv, the environment, the auxiliary vector) and %rdx holding a
// function for atexit (none for a static binary, kept all the same). The
// stack is 16-byte aligned at entry; the push and the sub keep it so for
// the call.
asm(R"(
  .pushsection .text
  .globl pipec_entry
  .hidden pipec_entry
  .type pipec_entry, @function
pipec_entry:
  endbr64
  push %rdx
  sub $8, %rsp
  call pipec_make_writable_pages_present
  add $8, %rsp
  pop %rdx
  jmp _start
  .size pipec_entry, .-pipec_entry
  .popsection
)");
