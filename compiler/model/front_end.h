#pragma once
// A front end reads a kind of file that is not JSON (the pipeline DSL) into
// the workspace. The loader knows files only through this interface, so the
// model does not depend on the languages built on top of it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/kind.h"
#include "model/workspace.h"

namespace pipec::model {

/// A file a front end had the loader read for it.
struct NamedFile {
  source::FileId file = source::kNoFile;
  const syntax::Document* document = nullptr;  ///< never null; empty when nothing could be parsed
};

/// What a front end may ask of the loader while it reads a file.
class FileLoader {
 public:
  virtual ~FileLoader() = default;
  /// Reads the file at `path`, which the file at `named_by` names, as
  /// `kind`, through the same checks as any input (size, encoding, nesting,
  /// secrets) and lowered like one; a file already read is not read again.
  /// A file outside the naming file's repository (model/boundary.h) is not
  /// read unless the run allows it, and a named file that is not what was
  /// expected (not even valid JSON or YAML) has its content withheld from
  /// every output. Nothing, with the reason in `error`, when it is not read.
  virtual std::optional<NamedFile> load_named(const std::string& path, Kind kind, const std::string& named_by,
                                              std::string& error) = 0;
};

/// The heap a lint takes for each byte of a file it reads, which the loader
/// asks util/heap_pages.h to ready: what one held at its peak was 9-12 bytes
/// a byte (100 templates, a 1 MB and a 10 MB template).
inline constexpr std::uint64_t kHeapPerByte = 16;

class FrontEnd {
 public:
  virtual ~FrontEnd() = default;
  /// The heap a run takes for each byte of this front end's files, the
  /// documents they compile to included.
  [[nodiscard]] virtual std::uint64_t heap_per_byte() const { return kHeapPerByte; }
  /// Whether this front end reads the file at `path` (by its name).
  [[nodiscard]] virtual bool handles(std::string_view path) const = 0;
  /// The kind its files are.
  [[nodiscard]] virtual Kind kind() const = 0;
  /// Reads `file` (already in ws.sources): its issues into `file.issues`,
  /// what it declares into the workspace's model. Other files it names are
  /// read through `loader`.
  virtual void read(Workspace& ws, LoadedFile& file, FileLoader& loader) = 0;
};

}  // namespace pipec::model
