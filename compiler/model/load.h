#pragma once
// Reading the inputs of a run into a Workspace: walking folders, reading
// files, deciding their kinds, parsing them and lowering them to the model.
// Every failure becomes part of the workspace (a load error or an issue);
// loading itself never fails.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "model/front_end.h"
#include "model/walk.h"
#include "model/workspace.h"
#include "source/file_system.h"

namespace pipec::model {

struct LoadOptions {
  std::optional<Kind> kind;                   ///< --kind: every file is this kind
  /// A kind for one path named in the call, whatever its shape (`pipec
  /// test-pattern` reads its event arguments as events).
  std::vector<std::pair<std::string, Kind>> path_kinds;
  /// A kind for one path named in the call unless its shape says it is one of
  /// `unless` (`pipec test-pattern` reads its pattern argument as a pattern
  /// whatever its keys, unless it is a PutRule input or a template). A file a
  /// front end reads (.pipe) keeps its kind.
  struct KindUnless {
    std::string path;
    Kind kind = Kind::unknown;
    std::vector<Kind> unless;
  };
  std::vector<KindUnless> path_kinds_unless;
  std::uint64_t max_file_size = 8ull << 20;   ///< larger files are not read
  std::vector<FrontEnd*> front_ends;          ///< readers of files that are not JSON (.pipe)
  /// Paths that another file names (a suite's rule and event files): read
  /// like any input, but a file that is not what was expected has its
  /// content withheld from every output (see FileLoader::load_named).
  std::vector<std::string> named_paths;
  /// Read files a .pipe file names even outside its repository (model/boundary.h).
  bool read_outside_repository = false;
  /// What the configuration (.pipec.yaml) says of a path: that pipec does not
  /// read it (include and exclude; named or found in a folder alike, so a
  /// pre-commit hook passing every changed file honours them), and its kind.
  /// Asked only of paths found to be regular files.
  std::function<bool(const std::string& path)> excluded;
  std::function<std::optional<Kind>(const std::string& path)> configured_kind;
};

/// File names a folder walk considers (by extension).
[[nodiscard]] bool is_candidate_file(std::string_view name);

[[nodiscard]] Workspace load(const source::FileSystem& fs, std::span<const std::string> paths,
                             const LoadOptions& options);

}  // namespace pipec::model
