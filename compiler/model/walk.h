#pragma once
// Walking folders for inputs: `pipec lint` for the files it reads, `pipec
// test` for suites. One walk, so both skip the same folders and stop at the
// same depth.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "source/file_system.h"

namespace pipec::model {

/// Folder names never entered when walking (.git, node_modules, build, …).
[[nodiscard]] bool is_skipped_folder(std::string_view name);

/// A file a walk found, and its size then.
struct WalkedFile {
  std::string path;
  std::uint64_t size = 0;
};

struct Walk {
  /// The files `take` accepted, depth-first in name order, a folder's own
  /// files before its subfolders'.
  std::vector<WalkedFile> files;
  /// Paths that could not be read, with why: a folder that cannot be
  /// listed, a link that leads in a loop, a FIFO or device where `take`
  /// would have taken a file.
  std::vector<std::pair<std::string, std::string>> unreadable;
};

/// Walks the folder `root`. Each folder is entered once, however many links
/// lead to it (two links to "." would make a naive walk exponential).
[[nodiscard]] Walk walk_folder(const source::FileSystem& fs, const std::string& root,
                               const std::function<bool(std::string_view name, const std::string& path)>& take);

}  // namespace pipec::model
