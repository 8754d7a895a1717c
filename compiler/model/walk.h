#pragma once
// Walking folders for inputs: `pipec lint` for the files it reads, `pipec
// test` for suites. One walk, so both skip the same folders and stop at the
// same depth.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "source/file_system.h"

namespace pipec::model {

/// Folder names never entered when walking (.git, node_modules, build, …).
[[nodiscard]] bool is_skipped_folder(std::string_view name);

/// The files below `root` that `take` accepts (by name and path),
/// depth-first in name order, a folder's own files before its subfolders'.
[[nodiscard]] std::vector<std::string> walk_folder(
    const source::FileSystem& fs, const std::string& root,
    const std::function<bool(std::string_view name, const std::string& path)>& take);

}  // namespace pipec::model
