#pragma once
// `pipec build`: a .pipe file into CodePipeline JSON, CloudFormation, input
// transformers and buildspecs. Build is lint: the file is linted first and
// any error stops the build; what would be written is linted again; then
// every file is written at once, or none is. A check compares the same
// files with the output folder instead of writing them.

#include <memory>
#include <string>
#include <vector>

#include "driver/lint.h"
#include "emit/build_plan.h"

namespace pipec::driver {

struct BuildRequest {
  std::string file;  ///< the .pipe file
  std::string directory;
  std::set<emit::Output> outputs;  ///< what to write; empty: everything
  emit::CfnFormat cfn_format = emit::CfnFormat::yaml;
  dsl::Vars vars;
  std::uint64_t max_file_size = 8ull << 20;
  bool read_outside_repository = false;  ///< files the .pipe names outside its repository
  std::string tool_version;  ///< named in the template's Description
  /// Compare the files with those in `directory` instead of writing them
  /// (`--check`): the outcome is `checked`, and what differs is in `drift`.
  bool check = false;
};

/// A way the output folder differs from what the build writes (`--check`).
struct Drift {
  enum class Kind {
    changed,  ///< in the folder, with other text
    missing,  ///< not in the folder
    stale,    ///< in the folder, named as the build names its files, and no longer written
  };
  Kind kind = Kind::changed;
  std::string path;       ///< the folder and the name
  std::string committed;  ///< the folder's text (changed)
  std::string generated;  ///< what the build writes (changed, missing)
};

struct Build {
  enum class Outcome {
    written,
    unreadable,        ///< the file could not be read
    source_errors,     ///< the file has errors: nothing written
    not_pipe,          ///< the file was not read as a .pipe file
    missing_values,    ///< only CodePipeline JSON was asked for, and it needs --var values nobody gave
    generated_errors,  ///< what would be written does not pass lint: a bug in pipec
    write_failed,
    checked,           ///< check: compared, nothing written; `drift` says what differs
    check_failed,      ///< check: the folder could not be read (`write_error` says why)
  };
  Outcome outcome = Outcome::written;
  std::unique_ptr<LintRun> source;     ///< the .pipe file as linted
  std::unique_ptr<LintRun> generated;  ///< what would be written, as linted
  emit::BuildPlan plan;
  std::string write_error;
  std::vector<Drift> drift;  ///< check: in the plan's order, then stale files by name
};

[[nodiscard]] Build build(const source::FileSystem& fs, const BuildRequest& request);

}  // namespace pipec::driver
