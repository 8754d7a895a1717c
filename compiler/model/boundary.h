#pragma once
// Where the files that a file names may be read from. A test suite names
// its rule and event files, and a .pipe file its pattern files, relative to
// themselves; without a boundary, `event: ../../../../etc/shadow` in a pull
// request would print any file of the CI runner in a code frame. The
// boundary is the git work tree that holds the naming file (the nearest
// folder above it with a .git entry) or, outside git, the naming file's own
// folder. Paths are compared after links are resolved, so a link inside the
// repository that leads out of it is outside too.

#include <optional>
#include <string>

#include "source/file_system.h"

namespace pipec::model {

class Boundary {
 public:
  Boundary(const source::FileSystem& fs, const std::string& naming_file);

  /// Why the file at `path` may not be read, or nothing when it is inside.
  [[nodiscard]] std::optional<std::string> refuses(const std::string& path) const;
  /// The boundary's folder, resolved.
  [[nodiscard]] const std::string& root() const { return root_; }

 private:
  const source::FileSystem& fs_;
  std::string root_;
  bool git_ = false;
};

}  // namespace pipec::model
