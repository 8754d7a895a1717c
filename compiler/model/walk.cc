#include "model/walk.h"

#include <algorithm>
#include <set>
#include <utility>

namespace pipec::model {

namespace {

constexpr std::size_t kMaxWalkDepth = 40;  // also ends symlink loops

}  // namespace

bool is_skipped_folder(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {".git", ".hg", ".svn", "node_modules", "build", "cmake-build-debug",
                                                  "cmake-build-release", "cdk.out", ".venv", "venv", "__pycache__",
                                                  ".terraform", ".aws-sam"};
  if (std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped)) return true;
  return name.starts_with("build-") || name.starts_with("build_");
}

Walk walk_folder(const source::FileSystem& fs, const std::string& root,
                 const std::function<bool(std::string_view name, const std::string& path)>& take) {
  Walk out;
  std::set<std::uint64_t> visited;
  if (const auto identity = fs.stat(root).identity; identity != 0) visited.insert(identity);
  std::vector<std::pair<std::string, std::size_t>> pending{{root, 0}};
  while (!pending.empty()) {
    auto [dir, depth] = pending.back();
    pending.pop_back();
    std::string error;
    const auto names = fs.list(dir, &error);
    if (!error.empty()) out.unreadable.emplace_back(dir, "cannot list this folder: " + error);
    std::vector<std::string> subdirs;
    for (const auto& name : names) {
      const std::string path = source::join_path(dir, name);
      const source::Entry entry = fs.stat(path);
      switch (entry.type) {
        case source::EntryType::directory:
          // Entered once: a second link to the same folder, or a loop
          // through links, is passed over.
          if (is_skipped_folder(name) || depth + 1 >= kMaxWalkDepth) break;
          if (entry.identity != 0 && !visited.insert(entry.identity).second) break;
          subdirs.push_back(path);
          break;
        case source::EntryType::file:
          if (take(name, path)) {
            out.files.push_back({path, entry.size});
          }
          break;
        case source::EntryType::other:
          // A FIFO named like an input, or a link that loops: said, not skipped.
          if (take(name, path) || entry.problem.find("symbolic link") != std::string::npos) {
            out.unreadable.emplace_back(path, entry.problem.empty() ? "not a regular file or folder" : entry.problem);
          }
          break;
        case source::EntryType::missing: break;  // a dangling link: nothing there
      }
    }
    // Depth-first in name order: push in reverse so the first pops first.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) pending.emplace_back(*it, depth + 1);
  }
  return out;
}

}  // namespace pipec::model
