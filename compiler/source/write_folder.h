#pragma once
// Writing a build's outputs as one: every file goes into a new folder beside
// the output folder, which then takes the output folder's place in one
// atomic step (Linux's renameat2 RENAME_EXCHANGE). Whenever the process
// stops, even killed, the output folder holds either all of the old files or
// all of the new ones, and never a temporary file. What a killed run left
// beside the folder is removed by the next run. Nothing is synced to disk:
// a power cut may leave recent files empty, as it may a compiler's output.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipec::source {

/// Writes `files` (paths relative to `folder`, each named once, and text)
/// into `folder`, which is created if missing. Files already in the folder
/// that are not written are kept (hard-linked into the new folder), and so
/// are files that already hold exactly the bytes to write (their
/// modification times stay; a file that differs, or a link where a file or
/// its folder goes, is replaced). The folder and its subfolders keep their
/// modes. A folder that holds every file already is left as it is, so such
/// a build succeeds even where a swap would fail (a mount point, a parent
/// folder pipec cannot write). Returns an error message, or nothing on
/// success; on an error the folder is as it was.
[[nodiscard]] std::optional<std::string> write_folder_atomically(
    const std::string& folder, const std::vector<std::pair<std::string, std::string>>& files);

/// The prefix of what write_folder_atomically() leaves beside `folder` while it
/// works: ".<name>.pipec-" in the folder's parent.
[[nodiscard]] std::string staging_prefix(const std::string& folder);

}  // namespace pipec::source
