#pragma once
// File access behind an interface, so tests run on an in-memory tree and the
// linter never touches the disk except through here (ninja's FileReader).

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::source {

enum class EntryType { missing, file, directory, other };

struct Entry {
  EntryType type = EntryType::missing;
  std::uint64_t size = 0;
  /// The same for two paths to one file or folder (device and inode on
  /// disk), so a walk visits each folder once whatever links lead to it; 0
  /// when unknown.
  std::uint64_t identity = 0;
  /// Why a path is missing or other: "no such file or directory", "too
  /// many levels of symbolic links", "not a regular file or folder".
  std::string problem;
};

struct ReadResult {
  bool ok = false;
  std::string text;   ///< contents when ok
  std::string error;  ///< lowercase reason when not ok ("permission denied")
};

/// Bytes read a block at a time: a file too long to hold, or a pipe whose
/// end has not come yet.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Up to `size` bytes into `into`: how many (0 at the end), or -1 with a
  /// lowercase reason in `error`.
  [[nodiscard]] virtual std::ptrdiff_t read(char* into, std::size_t size, std::string& error) = 0;
};

/// Standard input, as it arrives.
[[nodiscard]] std::unique_ptr<ByteSource> standard_input();

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  [[nodiscard]] virtual Entry stat(const std::string& path) const = 0;
  [[nodiscard]] virtual ReadResult read(const std::string& path) const = 0;
  /// The same bytes as read(), a block at a time; null with the reason in
  /// `error` when the file cannot be opened. This one serves read()'s text;
  /// the disk's also reads a pipe (a FIFO, as `<(…)` names), which read()
  /// refuses.
  [[nodiscard]] virtual std::unique_ptr<ByteSource> open(const std::string& path, std::string& error) const;
  /// Names (not paths) of the entries of a directory, sorted bytewise; when
  /// it cannot be listed, none, and the reason in `error` if given.
  [[nodiscard]] virtual std::vector<std::string> list(const std::string& path, std::string* error = nullptr) const = 0;
  /// The absolute path with every symbolic link, "." and ".." resolved (the
  /// parts that do not exist, lexically), for deciding where a path leads.
  [[nodiscard]] virtual std::string real_path(const std::string& path) const = 0;
};

/// The real disk.
class DiskFileSystem final : public FileSystem {
 public:
  [[nodiscard]] Entry stat(const std::string& path) const override;
  [[nodiscard]] ReadResult read(const std::string& path) const override;
  [[nodiscard]] std::unique_ptr<ByteSource> open(const std::string& path, std::string& error) const override;
  [[nodiscard]] std::vector<std::string> list(const std::string& path, std::string* error = nullptr) const override;
  /// Folders are resolved once a run, each from the folder above it: a lint
  /// asks for the real path of every file it reads, and resolving each
  /// anew reads every folder above it again (100 templates: 716 readlink
  /// calls, 104 getcwd). A run does not expect its folders to be replaced
  /// by links while it reads them, nor its working folder to change.
  [[nodiscard]] std::string real_path(const std::string& path) const override;

 private:
  [[nodiscard]] std::string real_folder(std::string_view folder) const;
  mutable std::mutex real_folders_mutex_;
  mutable std::map<std::string, std::string, std::less<>> real_folders_;  ///< as asked -> real
};

/// A tree held in memory; directories are implied by the paths of files.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& path, std::string text);
  /// Makes read() of this path fail with `error`.
  void add_unreadable(const std::string& path, std::string error);
  [[nodiscard]] Entry stat(const std::string& path) const override;
  [[nodiscard]] ReadResult read(const std::string& path) const override;
  [[nodiscard]] std::vector<std::string> list(const std::string& path, std::string* error = nullptr) const override;
  /// Memory paths are relative to a root, "/": "a/../b" is "/b".
  [[nodiscard]] std::string real_path(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> unreadable_;
};

/// Joins a directory and a name with exactly one '/'.
[[nodiscard]] std::string join_path(const std::string& dir, const std::string& name);

/// The last component of a path: "a/b.json" -> "b.json".
[[nodiscard]] std::string_view file_name(std::string_view path);

/// The folder of an absolute path: "/a/b" -> "/a", "/a" -> "/".
[[nodiscard]] std::string parent_folder(std::string_view real_path);

/// `real` relative to `folder` ('/'-separated) when it is below it, both
/// absolute and resolved (FileSystem::real_path); nothing otherwise.
[[nodiscard]] std::optional<std::string> path_below(std::string_view folder, std::string_view real);

}  // namespace pipec::source
