#include "model/walk.h"

#include <algorithm>
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

std::vector<std::string> walk_folder(const source::FileSystem& fs, const std::string& root,
                                     const std::function<bool(std::string_view name, const std::string& path)>& take) {
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::size_t>> pending{{root, 0}};
  while (!pending.empty()) {
    auto [dir, depth] = pending.back();
    pending.pop_back();
    std::vector<std::string> subdirs;
    for (const auto& name : fs.list(dir)) {
      const std::string path = source::join_path(dir, name);
      const source::Entry entry = fs.stat(path);
      if (entry.type == source::EntryType::directory) {
        if (!is_skipped_folder(name) && depth + 1 < kMaxWalkDepth) subdirs.push_back(path);
      } else if (entry.type == source::EntryType::file && take(name, path)) {
        files.push_back(path);
      }
    }
    // Depth-first in name order: push in reverse so the first pops first.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) pending.emplace_back(*it, depth + 1);
  }
  return files;
}

}  // namespace pipec::model
