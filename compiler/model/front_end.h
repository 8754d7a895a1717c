#pragma once
// A front end reads a kind of file that is not JSON (the pipeline DSL) into
// the workspace. The loader knows files only through this interface, so the
// model does not depend on the languages built on top of it.

#include <string_view>

#include "model/kind.h"
#include "model/workspace.h"
#include "source/file_system.h"

namespace pipec::model {

class FrontEnd {
 public:
  virtual ~FrontEnd() = default;
  /// Whether this front end reads the file at `path` (by its name).
  [[nodiscard]] virtual bool handles(std::string_view path) const = 0;
  /// The kind its files are.
  [[nodiscard]] virtual Kind kind() const = 0;
  /// Reads `file` (already in ws.sources): its issues into `file.issues`,
  /// what it declares into the workspace's model. May load other files it
  /// refers to through `fs`.
  virtual void read(Workspace& ws, LoadedFile& file, const source::FileSystem& fs) = 0;
};

}  // namespace pipec::model
