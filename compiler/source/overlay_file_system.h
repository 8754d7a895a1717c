#pragma once
// Another file system with some files' contents replaced: the text read from
// stdin under its --stdin-filename, or the text `--fix` has changed but not
// yet written, so a run reads what it would read after the change.

#include <map>
#include <string>

#include "source/file_system.h"

namespace pipec::source {

class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& base) : base_(base) {}

  /// From now on, `path` holds `text` (a file, whether or not the base has it).
  void set(const std::string& path, std::string text) { files_[path] = std::move(text); }

  [[nodiscard]] Entry stat(const std::string& path) const override;
  [[nodiscard]] ReadResult read(const std::string& path) const override;
  [[nodiscard]] std::vector<std::string> list(const std::string& path, std::string* error = nullptr) const override;
  [[nodiscard]] std::string real_path(const std::string& path) const override { return base_.real_path(path); }

 private:
  const FileSystem& base_;
  std::map<std::string, std::string> files_;
};

}  // namespace pipec::source
