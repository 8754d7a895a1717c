#include "source/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "source/system_error.h"

namespace pipec::source {

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string_view file_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string parent_folder(std::string_view real_path) {
  const auto slash = real_path.find_last_of('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return std::string(real_path.substr(0, slash));
}

std::optional<std::string> path_below(std::string_view folder, std::string_view real) {
  if (folder == "/") return real.starts_with('/') ? std::optional<std::string>(real.substr(1)) : std::nullopt;
  if (real.size() > folder.size() && real.starts_with(folder) && real[folder.size()] == '/') {
    return std::string(real.substr(folder.size() + 1));
  }
  return std::nullopt;
}

Entry DiskFileSystem::stat(const std::string& path) const {
  struct ::stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    Entry e;
    // A link that leads nowhere it can be followed (a loop) is not "missing".
    e.type = error == ENOENT || error == ENOTDIR ? EntryType::missing : EntryType::other;
    e.problem = errno_text(error);
    return e;
  }
  const std::uint64_t identity = (static_cast<std::uint64_t>(info.st_dev) << 40) ^ static_cast<std::uint64_t>(info.st_ino);
  if (S_ISREG(info.st_mode)) return {EntryType::file, static_cast<std::uint64_t>(info.st_size), identity, {}};
  if (S_ISDIR(info.st_mode)) return {EntryType::directory, 0, identity, {}};
  return {EntryType::other, 0, identity, "not a regular file or folder"};
}

namespace {

std::string resolve(const std::string& path) {
  std::error_code error;
  // The working folder as the kernel knows it, links already resolved: one
  // getcwd, where resolving "." part by part reads every folder above it.
  if (path == ".") {
    if (auto cwd = std::filesystem::current_path(error); !error) return cwd.generic_string();
  }
  const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path, error), error);
  if (error) return std::filesystem::absolute(path).lexically_normal().generic_string();
  return resolved.generic_string();
}

// Whether `path` names something that exists and is not a link: readlink
// fails with EINVAL exactly then.
bool exists_unlinked(const std::string& path) {
  char unused = 0;
  return ::readlink(path.c_str(), &unused, 1) < 0 && errno == EINVAL;
}

// The folder `path` is in, as written ("." for a bare name, "/" at the root),
// and its last part; nullopt when the last part is empty, "." or "..".
std::optional<std::pair<std::string_view, std::string_view>> split_last(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return std::nullopt;
  const std::string_view folder = slash == std::string_view::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  return std::pair{folder, name};
}

}  // namespace

std::string DiskFileSystem::real_path(const std::string& path) const {
  // A folder resolved before (for a file in it), as asked.
  {
    const std::lock_guard lock(real_folders_mutex_);
    if (const auto it = real_folders_.find(path); it != real_folders_.end()) return it->second;
  }
  // A path ending in ".", ".." or "/" names a folder. One whose last part
  // exists and is not a link: its folder's real path and that part. Anything
  // else (a link, a missing path) is resolved in full.
  const auto parts = split_last(path);
  if (!parts) return real_folder(path);
  if (!exists_unlinked(path)) return resolve(path);
  return join_path(real_folder(parts->first), std::string(parts->second));
}

std::string DiskFileSystem::real_folder(std::string_view folder) const {
  // Up from `folder` to the first folder already resolved (the working
  // folder's "." at the latest, one getcwd), each part on the way checked
  // with one readlink; then back down, remembering each. Resolving a folder
  // in full reads every folder above it again: the working folder's parts
  // were read once for the configuration, once for each path named, and
  // once for each folder of files (18 readlink calls to lint one file).
  std::vector<std::pair<std::string_view, std::string_view>> below;  // (folder, its last part), innermost first
  std::string real;
  for (std::string_view at = folder;;) {
    {
      const std::lock_guard lock(real_folders_mutex_);
      if (const auto it = real_folders_.find(at); it != real_folders_.end()) {
        real = it->second;
        break;
      }
    }
    const auto parts = at == "/" ? std::nullopt : split_last(at);
    if (!parts || !exists_unlinked(std::string(at))) {
      real = resolve(std::string(at));
      const std::lock_guard lock(real_folders_mutex_);
      real_folders_.emplace(at, real);
      break;
    }
    below.emplace_back(at, parts->second);
    at = parts->first;
  }
  for (auto level = below.rbegin(); level != below.rend(); ++level) {
    real = join_path(real, std::string(level->second));
    const std::lock_guard lock(real_folders_mutex_);
    real_folders_.emplace(level->first, real);
  }
  return real;
}

namespace {

// A file descriptor's bytes; closes it if owned.
class DescriptorSource final : public ByteSource {
 public:
  DescriptorSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  DescriptorSource(const DescriptorSource&) = delete;
  DescriptorSource& operator=(const DescriptorSource&) = delete;
  ~DescriptorSource() override {
    if (owned_) ::close(fd_);
  }

  std::ptrdiff_t read(char* into, std::size_t size, std::string& error) override {
    for (;;) {
      const ssize_t n = ::read(fd_, into, size);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      error = errno_text(errno);
      return -1;
    }
  }

 private:
  int fd_;
  bool owned_;
};

// Text already in memory, handed out in blocks.
class TextSource final : public ByteSource {
 public:
  explicit TextSource(std::string text) : text_(std::move(text)) {}
  std::ptrdiff_t read(char* into, std::size_t size, std::string&) override {
    const std::size_t n = std::min(size, text_.size() - at_);
    std::memcpy(into, text_.data() + at_, n);
    at_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string text_;
  std::size_t at_ = 0;
};

// A regular file (or, with `pipes`, a FIFO) opened for reading, or -1 with
// the reason; `info` is what fstat said of it (zeroed if it failed), which
// the caller would otherwise ask again. Opened without blocking, so a FIFO
// with no writer (one put where a file was) fails here rather than hang the
// run; a FIFO accepted is then read as a pipe is, blocking until its bytes
// come.
int open_for_reading(const std::string& path, bool pipes, std::string& error, struct ::stat& info) {
  info = {};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = errno_text(errno);
    return -1;
  }
  if (::fstat(fd, &info) != 0) {
    info = {};
  } else if (!S_ISREG(info.st_mode) && !(pipes && S_ISFIFO(info.st_mode))) {
    ::close(fd);
    error = S_ISDIR(info.st_mode) ? "is a directory" : pipes ? "not a regular file or a pipe" : "not a regular file";
    return -1;
  }
  if (S_ISFIFO(info.st_mode)) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

}  // namespace

std::unique_ptr<ByteSource> standard_input() { return std::make_unique<DescriptorSource>(STDIN_FILENO, false); }

std::unique_ptr<ByteSource> FileSystem::open(const std::string& path, std::string& error) const {
  auto result = read(path);
  if (!result.ok) {
    error = std::move(result.error);
    return nullptr;
  }
  return std::make_unique<TextSource>(std::move(result.text));
}

ReadResult DiskFileSystem::read(const std::string& path) const {
  ReadResult result;
  struct ::stat info {};
  const int fd = open_for_reading(path, false, result.error, info);
  if (fd < 0) return result;
  if (info.st_size > 0) result.text.resize(static_cast<std::size_t>(info.st_size));
  // Straight into the text, as long as fstat said; then to the end, which
  // for a file that grew since is further.
  std::size_t size = 0;
  char probe[1 << 16];
  for (;;) {
    const bool room = size < result.text.size();
    const ssize_t n = room ? ::read(fd, result.text.data() + size, result.text.size() - size) : ::read(fd, probe, sizeof probe);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      result.error = errno_text(errno);
      ::close(fd);
      result.text.clear();
      return result;
    }
    if (!room) result.text.append(probe, static_cast<std::size_t>(n));
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  result.text.resize(size);
  result.ok = true;
  return result;
}

std::unique_ptr<ByteSource> DiskFileSystem::open(const std::string& path, std::string& error) const {
  // A stream named on the command line may be a pipe (`--events <(zcat events.gz)`).
  struct ::stat info {};
  const int fd = open_for_reading(path, true, error, info);
  if (fd < 0) return nullptr;
  return std::make_unique<DescriptorSource>(fd, true);
}

std::vector<std::string> DiskFileSystem::list(const std::string& path, std::string* error) const {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    if (error != nullptr) *error = errno_text(errno);
    return names;
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

// Memory paths are relative to "/", the root real_path() reports them in:
// "/rules/a.json" and "rules/a.json" are the same file.
std::string memory_key(const std::string& path) {
  std::size_t start = 0;
  while (start < path.size() && path[start] == '/') ++start;
  return path.substr(start);
}

}  // namespace

void MemoryFileSystem::add(const std::string& path, std::string text) {
  files_[memory_key(path)] = std::move(text);
}

void MemoryFileSystem::add_unreadable(const std::string& path, std::string error) {
  files_[memory_key(path)] = "";
  unreadable_[memory_key(path)] = std::move(error);
}


Entry MemoryFileSystem::stat(const std::string& given) const {
  const std::string path = memory_key(given);
  if (const auto it = files_.find(path); it != files_.end()) {
    return {EntryType::file, it->second.size(), 0, {}};
  }
  const std::string prefix = path.empty() || path == "." ? "" : path + "/";
  for (const auto& [name, text] : files_) {
    if (name.compare(0, prefix.size(), prefix) == 0) return {EntryType::directory, 0, 0, {}};
  }
  return {EntryType::missing, 0, 0, "no such file or directory"};
}

ReadResult MemoryFileSystem::read(const std::string& given) const {
  const std::string path = memory_key(given);
  if (const auto it = unreadable_.find(path); it != unreadable_.end()) {
    return {false, "", it->second};
  }
  if (const auto it = files_.find(path); it != files_.end()) return {true, it->second, ""};
  if (stat(path).type == EntryType::directory) return {false, "", "is a directory"};
  return {false, "", "no such file or directory"};
}

std::string MemoryFileSystem::real_path(const std::string& path) const {
  return (std::filesystem::path("/") / path).lexically_normal().generic_string();
}

std::vector<std::string> MemoryFileSystem::list(const std::string& given, std::string*) const {
  const std::string path = memory_key(given);
  const std::string prefix = path.empty() || path == "." ? "" : path + "/";
  std::set<std::string> names;
  for (const auto& [name, text] : files_) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {names.begin(), names.end()};
}

}  // namespace pipec::source
