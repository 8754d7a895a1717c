#include "model/boundary.h"

#include <filesystem>

#include <fmt/core.h>

#include "util/text.h"

namespace pipec::model {

namespace {

namespace fs = std::filesystem;

// Whether `path` is `root` or below it (both resolved).
bool inside(const fs::path& root, const fs::path& path) {
  const fs::path relative = path.lexically_relative(root);
  if (relative.empty()) return false;
  const auto first = *relative.begin();
  return first != ".." && !relative.is_absolute();
}

}  // namespace

Boundary::Boundary(const source::FileSystem& fs, const std::string& naming_file) : fs_(fs) {
  const fs::path file(fs.real_path(naming_file));
  fs::path folder = file.parent_path();
  root_ = folder.generic_string();
  for (fs::path at = folder; !at.empty(); at = at.parent_path()) {
    if (fs.stat((at / ".git").generic_string()).type != source::EntryType::missing) {
      root_ = at.generic_string();
      git_ = true;
      break;
    }
    if (at == at.root_path()) break;
  }
}

std::optional<std::string> Boundary::refuses(const std::string& path) const {
  if (inside(fs::path(root_), fs::path(fs_.real_path(path)))) return std::nullopt;
  // The root is not named: messages stay the same wherever the repository is.
  return fmt::format("{} is outside {}", util::quote(path),
                     git_ ? "the repository (the git work tree of the file that names it)" : "the folder of the file that names it");
}

}  // namespace pipec::model
