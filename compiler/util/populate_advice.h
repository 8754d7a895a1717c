#pragma once
// MADV_POPULATE_WRITE, the madvise advice that makes a range of pages
// present, written as if touched, in one system call: Linux's number for it
// since 5.14, named here where the C library's headers (glibc before 2.35)
// do not. An older kernel refuses it with EINVAL, even for no page, which
// is how pipec and its tests ask whether it is known. Only a macro: the
// static binary's entry point includes it before the C library is set up.

#include <sys/mman.h>

#if !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23
#endif
