#include "source/write_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "source/file_system.h"
#include "source/system_error.h"

namespace pipec::source {

namespace {

namespace fs = std::filesystem;

// An open descriptor, closed on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

struct Place {
  std::string parent;  ///< the output folder's parent, resolved
  std::string name;    ///< the output folder's name in it
  [[nodiscard]] std::string path() const { return parent + "/" + name; }
};

// Where the output folder is: through a link to a folder, the folder it
// leads to (the link itself stays).
Place place_of(const std::string& folder) {
  std::error_code error;
  fs::path path = fs::absolute(folder, error).lexically_normal();
  if (path.has_filename() == false) path = path.parent_path();
  if (fs::is_symlink(path, error)) path = fs::canonical(path, error);
  return {path.parent_path().generic_string(), path.filename().generic_string()};
}

// Whether `path` is a regular file (not a link) holding exactly `text`:
// read only when its size already says it may.
bool holds(const std::string& path, const std::string& text) {
  struct ::stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || static_cast<std::uint64_t>(info.st_size) != text.size()) {
    return false;
  }
  const ReadResult held = DiskFileSystem().read(path);
  return held.ok && held.text == text;
}

std::optional<std::string> write_file(const std::string& path, const std::string& text) {
  // A file left by the folder's old contents (hard-linked) is replaced, not
  // written through, so the old folder keeps its bytes.
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return errno == EISDIR || errno == EPERM ? "cannot write " + path + ": a folder is in its place"
                                             : failure_text("cannot replace", path);
  }
  const Descriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return failure_text("cannot create", path);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd.get(), text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failure_text("cannot write", path);
    }
    written += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

// Calls `visit` with each folder on the way from `root` to the file `name`
// ("a/b/c.json": root/a, then root/a/b) while it returns true; whether it
// always did.
template <typename Visit>
bool each_folder_on_the_way(const std::string& root, const std::string& name, const Visit& visit) {
  for (std::size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
    if (!visit(root + "/" + name.substr(0, slash))) return false;
  }
  return true;
}

// Which of `files` the output folder already holds with exactly their
// bytes, each through real folders (a link on the way is replaced by a
// folder, below: a change). Such a file stays as it is (hard-linked into the
// new folder): its modification time does not change, so what depends on it
// is not rebuilt. When the folder holds every file, nothing is written,
// swapped or removed: swapping removes the old folder, which frees its
// block, and on a file system mounted with `discard` the removal waits for
// the disk (ext4_free_blocks issues the discard and waits for it: `perf
// record -e sched:sched_switch -g`), 0.4 to 1 ms of a 7 ms build.
std::vector<bool> already_held(const Place& place, const std::vector<std::pair<std::string, std::string>>& files) {
  const std::string root = place.path();
  std::vector<bool> held(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& [name, text] = files[i];
    const bool real_folders = each_folder_on_the_way(root, name, [](const std::string& folder) {
      struct ::stat info {};
      return ::lstat(folder.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
    });
    held[i] = real_folders && holds(root + "/" + name, text);
  }
  return held;
}

// In the new folder, the folders on the way to `name` that are links
// (copied from the old folder) are removed, for real folders to be made in
// their place, as a link where a file goes is replaced by the file: writing
// through the link would change files outside the output folder before the
// swap, and not as one.
std::optional<std::string> unlink_folder_links(const std::string& staging, const std::string& name) {
  std::optional<std::string> failed;
  each_folder_on_the_way(staging, name, [&](const std::string& folder) {
    struct ::stat info {};
    if (::lstat(folder.c_str(), &info) == 0 && S_ISLNK(info.st_mode) && ::unlink(folder.c_str()) != 0) {
      failed = failure_text("cannot replace", folder);
    }
    return !failed;
  });
  return failed;
}

// The old folder's entries, into the new one: folders made (with their
// modes), files hard-linked (copied where links are refused), links copied.
std::optional<std::string> link_tree(const fs::path& from, const fs::path& to) {
  std::error_code error;
  for (auto it = fs::directory_iterator(from, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    const fs::path source = it->path();
    const fs::path target = to / source.filename();
    const auto status = it->symlink_status(error);
    if (error) break;
    if (fs::is_symlink(status)) {
      fs::copy_symlink(source, target, error);
    } else if (fs::is_directory(status)) {
      fs::create_directory(target, source, error);
      if (!error) {
        if (auto failed = link_tree(source, target)) return failed;
      }
    } else if (fs::is_regular_file(status)) {
      fs::create_hard_link(source, target, error);
      if (error) {
        error.clear();
        fs::copy_file(source, target, error);
      }
    }
    if (error) return "cannot keep " + source.generic_string() + ": " + error.message();
  }
  if (error) return "cannot read " + from.generic_string() + ": " + error.message();
  return std::nullopt;
}

// What killed runs left beside the folder: removed. An old folder set aside
// by the two-rename fallback, with no output folder, is put back first.
void clean_up(const Place& place) {
  const std::string prefix = "." + place.name + ".pipec-";
  std::error_code error;
  const bool output_exists = fs::exists(place.path(), error);
  for (auto it = fs::directory_iterator(place.parent, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().generic_string();
    if (!name.starts_with(prefix)) continue;
    if (!output_exists && name.starts_with(prefix + "old-")) {
      std::error_code moved;
      fs::rename(it->path(), place.path(), moved);
      if (!moved) continue;
    }
    std::error_code removed;
    fs::remove_all(it->path(), removed);
  }
}

}  // namespace

std::string staging_prefix(const std::string& folder) {
  const Place place = place_of(folder);
  return place.parent + "/." + place.name + ".pipec-";
}

std::optional<std::string> write_folder_atomically(const std::string& folder,
                                                   const std::vector<std::pair<std::string, std::string>>& files) {
  const Place place = place_of(folder);
  std::error_code error;
  fs::create_directories(place.parent, error);
  if (error) return "cannot create " + place.parent + ": " + error.message();

  // One build at a time per parent folder: another pipec writing beside
  // this one waits rather than sweeping its staging folder away.
  const Descriptor parent(::open(place.parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (parent.get() < 0) return failure_text("cannot open", place.parent);
  if (::flock(parent.get(), LOCK_EX) != 0) return failure_text("cannot lock", place.parent);
  clean_up(place);

  struct ::stat info {};
  const bool exists = ::stat(place.path().c_str(), &info) == 0;
  if (exists && !S_ISDIR(info.st_mode)) return place.path() + " is not a folder";
  const std::vector<bool> held = exists ? already_held(place, files) : std::vector<bool>(files.size(), false);
  if (exists && std::all_of(held.begin(), held.end(), [](bool h) { return h; })) return std::nullopt;

  std::string staging = staging_prefix(folder) + "new-XXXXXX";
  if (::mkdtemp(staging.data()) == nullptr) return failure_text("cannot create a folder beside", place.path());
  // The output folder keeps its mode; a new one is 0755 (mkdtemp makes 0700).
  ::chmod(staging.c_str(), exists ? (info.st_mode & 07777) : 0755);
  const auto fail = [&](std::string message) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    return message;
  };
  if (exists) {
    if (auto failed = link_tree(place.path(), staging)) return fail(*failed);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (held[i]) continue;  // linked in by link_tree
    const auto& [name, text] = files[i];
    const fs::path target = fs::path(staging) / name;
    if (auto failed = unlink_folder_links(staging, name)) return fail(*failed);
    fs::create_directories(target.parent_path(), error);
    if (error) return fail("cannot create " + (fs::path(place.path()) / name).parent_path().generic_string() + ": " + error.message());
    if (auto failed = write_file(target.generic_string(), text)) {
      // Said of the output folder's path, not the staging one.
      std::string message = *failed;
      if (const auto at = message.find(target.generic_string()); at != std::string::npos) {
        message.replace(at, target.generic_string().size(), (fs::path(place.path()) / name).generic_string());
      }
      return fail(message);
    }
  }
  // No fsync or syncfs before the swap: atomic against a process that is
  // stopped, not durable against a power cut, as compilers and build tools
  // write (gcc, ninja, cargo). A syncfs flushed every file system write of
  // the machine, not only these: 1 to 5 ms of a 17 ms build on a quiet
  // machine, 150 ms beside a compiler writing its objects.

  if (!exists) {
    if (::rename(staging.c_str(), place.path().c_str()) != 0) return fail(failure_text("cannot create", place.path()));
  } else if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, place.path().c_str(), RENAME_EXCHANGE) == 0) {
    // The old folder now has the staging name: gone below.
  } else if (errno == EINVAL || errno == ENOSYS) {
    // A file system without RENAME_EXCHANGE: two renames, the old folder set
    // aside under a name the next run puts back if this one stops between.
    std::string old = staging_prefix(folder) + "old-XXXXXX";
    if (::mkdtemp(old.data()) == nullptr || ::rmdir(old.c_str()) != 0) return fail(failure_text("cannot rename", place.path()));
    if (::rename(place.path().c_str(), old.c_str()) != 0) return fail(failure_text("cannot rename", place.path()));
    if (::rename(staging.c_str(), place.path().c_str()) != 0) {
      const std::string message = failure_text("cannot rename", staging);
      ::rename(old.c_str(), place.path().c_str());
      return fail(message);
    }
    staging = old;
  } else {
    return fail(failure_text("cannot replace", place.path()));
  }
  fs::remove_all(staging, error);  // the old contents; a failure here leaves them for the next run
  return std::nullopt;
}

}  // namespace pipec::source
