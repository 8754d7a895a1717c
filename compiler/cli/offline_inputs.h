#pragma once
// Reading the inputs of the EventBridge commands: the files that declare a
// rule (any kind pipec reads, .pipe included) and the events to run it on
// (read as events whatever their shape), and the `pipec test` suites that
// name them (read as suites whatever their name), in one workspace, so a result can
// point into both. Syntax problems in any of them are reported the way
// `pipec lint` reports them.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/report.h"
#include "dsl/front_end.h"
#include "model/workspace.h"
#include "source/file_system.h"

namespace pipec::cli {

struct OfflineInputs {
  std::unique_ptr<dsl::PipeFrontEnd> pipe;
  std::unique_ptr<model::Workspace> workspace;
  /// Unreadable files and syntax findings (rules CP0001–CP0009).
  diag::Report problems;
  /// Whether `problems` holds an error: the inputs cannot be trusted.
  bool failed = false;

  /// The root file ids of these paths, as loaded (a path that could not be read is left out).
  [[nodiscard]] std::vector<source::FileId> files(const std::vector<std::string>& paths) const;
  /// Whether `problems` holds an error in the file read from `path`.
  [[nodiscard]] bool has_errors(const std::string& path) const;
  /// The document read from `path`, or nullptr.
  [[nodiscard]] const syntax::Document* document(const std::string& path) const;
};

[[nodiscard]] std::unique_ptr<OfflineInputs> load_offline_inputs(const source::FileSystem& fs,
                                                                 const std::vector<std::string>& declaring,
                                                                 const std::vector<std::string>& events,
                                                                 const dsl::Vars& vars, std::uint64_t max_file_size,
                                                                 const std::vector<std::string>& suites = {});

}  // namespace pipec::cli
