#include "source/write_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "source/system_error.h"

namespace pipec::source {

namespace {

// Writes `text` to a new temporary file beside `path`; returns its path.
std::optional<std::string> write_temporary(const std::string& path, std::string_view text, std::string& temp_path) {
  std::vector<char> temp(path.begin(), path.end());
  const std::string suffix = ".pipec-XXXXXX";
  temp.insert(temp.end(), suffix.begin(), suffix.end());
  temp.push_back('\0');
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return failure_text("cannot create a temporary file beside", path);
  temp_path = temp.data();
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const auto error = failure_text("cannot write", temp_path);
      ::close(fd);
      ::unlink(temp_path.c_str());
      return error;
    }
    written += static_cast<std::size_t>(n);
  }
  // Files are read by people and tools, not only by pipec: the usual mode.
  // Not fsynced: atomic, not durable (write_folder.cc says why).
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    const auto error = failure_text("cannot write", temp_path);
    ::unlink(temp_path.c_str());
    return error;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view text) {
  std::string temp_path;
  if (auto error = write_temporary(path, text, temp_path)) return error;
  if (::rename(temp_path.c_str(), path.c_str()) != 0) {
    const auto error = failure_text("cannot replace", path);
    ::unlink(temp_path.c_str());
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return failure_text("cannot remove", path);
  return std::nullopt;
}

}  // namespace pipec::source
