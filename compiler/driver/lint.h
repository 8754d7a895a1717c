#pragma once
// One lint run: read the inputs (every kind pipec knows, .pipe files
// included), check them with the registry's rules, and hand back what was
// read and what was found. Every command that reads files starts here; none
// assembles the loader, the schema validator and the rule runner itself.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/runner.h"
#include "diag/report.h"
#include "dsl/vars.h"
#include "model/load.h"
#include "source/file_system.h"

namespace pipec::config {
class Finder;
}
namespace pipec::eventbridge {
class PatternCache;
}
namespace pipec::schema {
class Validator;
}

namespace pipec::driver {

struct Compiled;
class PipeFrontEnd;

struct LintRequest {
  std::vector<std::string> paths;
  /// How files are found and read. The .pipe front end is added by the run;
  /// front ends listed here (a command's own kinds) are asked first.
  model::LoadOptions load;
  /// The pseudo-parameters of .pipe files (--var account=…).
  dsl::Vars vars;
  /// Which rules run (every rule of the registry by default).
  check::RunOptions rules;
  /// Whether .pipec.yaml files and suppression comments apply (lint and
  /// build; the commands that run rules' patterns on events read no
  /// configuration).
  bool configure = false;
  /// --config: the configuration of every file, in place of the nearest.
  std::optional<std::string> config_file;
};

/// What a run read and found. `report` points into `workspace`, so a run is
/// not copied or moved: it lives behind the pointer lint() returns.
class LintRun {
 public:
  explicit LintRun(const dsl::Vars& vars);
  ~LintRun();
  LintRun(const LintRun&) = delete;
  LintRun& operator=(const LintRun&) = delete;

  model::Workspace workspace;
  diag::Report report;
  /// The configurations the run read (when the request said to configure).
  std::unique_ptr<config::Finder> configurations;
  /// The pseudo-parameters the run's .pipe files were read with: --var's,
  /// over those of the configurations.
  dsl::Vars vars;

  /// Whether an input could not be read at all (missing, too large, …).
  [[nodiscard]] bool unreadable() const;
  /// Whether the report holds an error.
  [[nodiscard]] bool has_errors() const;
  /// Whether the report holds an error in the file read from `path`.
  [[nodiscard]] bool has_errors_in(const std::string& path) const;
  /// The program read from a .pipe file, if `file` was one.
  [[nodiscard]] const Compiled* compiled(source::FileId file) const;
  /// The root file ids of these paths, as loaded (paths that could not be read are left out).
  [[nodiscard]] std::vector<source::FileId> files(const std::vector<std::string>& paths) const;
  /// The document read from `path`, or nullptr.
  [[nodiscard]] const syntax::Document* document(const std::string& path) const;

 private:
  friend std::unique_ptr<LintRun> lint(const source::FileSystem& fs, const LintRequest& request);
  std::unique_ptr<PipeFrontEnd> pipe_;
  // What the rules shared (compiled schemas, compiled patterns): freed with
  // the run, so a command that never frees its run (main's exit) does not
  // free them either.
  std::unique_ptr<schema::Validator> validator_;
  std::unique_ptr<eventbridge::PatternCache> patterns_;
};

/// Reads `request.paths` and runs the selected rules over what was read.
[[nodiscard]] std::unique_ptr<LintRun> lint(const source::FileSystem& fs, const LintRequest& request);

}  // namespace pipec::driver
