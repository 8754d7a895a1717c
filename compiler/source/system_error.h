#pragma once
// How pipec words a failed system call: the C library's description of the
// error, lowercased as every message pipec prints is.

#include <cerrno>
#include <string>
#include <string_view>

namespace pipec::source {

/// strerror(error), its first letter lowercased ("no such file or directory").
[[nodiscard]] std::string errno_text(int error);

/// "<what> <path>: <errno_text(error)>", as in "cannot write out.json: no space left on device".
[[nodiscard]] std::string failure_text(std::string_view what, std::string_view path, int error = errno);

}  // namespace pipec::source
