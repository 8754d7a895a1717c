#pragma once
// Whether this build runs under a sanitizer that brings a malloc of its own
// and looks for leaks at exit (AddressSanitizer, LeakSanitizer,
// ThreadSanitizer, MemorySanitizer). Code that tunes glibc's malloc, or
// leaves memory for the process's exit to take back, steps aside there.
// GCC says so with __SANITIZE_*__, clang with __has_feature.

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(__SANITIZE_LEAK__)
#define PIPEC_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(leak_sanitizer)
#define PIPEC_SANITIZED 1
#endif
#endif
