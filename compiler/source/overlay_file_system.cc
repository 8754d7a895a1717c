#include "source/overlay_file_system.h"

namespace pipec::source {

Entry OverlayFileSystem::stat(const std::string& path) const {
  if (const auto it = files_.find(path); it != files_.end()) {
    Entry entry;
    entry.type = EntryType::file;
    entry.size = it->second.size();
    return entry;
  }
  return base_.stat(path);
}

ReadResult OverlayFileSystem::read(const std::string& path) const {
  if (const auto it = files_.find(path); it != files_.end()) return {true, it->second, {}};
  return base_.read(path);
}

std::vector<std::string> OverlayFileSystem::list(const std::string& path, std::string* error) const {
  return base_.list(path, error);
}

}  // namespace pipec::source
