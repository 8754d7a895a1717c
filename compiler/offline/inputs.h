#pragma once
// The inputs of the EventBridge commands, read in one lint run: the files
// that declare a rule (any kind pipec reads, .pipe included), the events to
// run it on (read as events whatever their shape) and the `pipec test`
// suites that name them (read as suites whatever their name), so that a
// result can point into all of them. Only the syntax rules run: whether a
// pipeline in the same file is sound is `pipec lint`'s business, not a
// pattern test's.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::offline {

struct InputFiles {
  std::vector<std::string> declaring = {};  ///< files that declare rules, targets, transformers
  std::vector<std::string> events = {};
  std::vector<std::string> suites = {};
  dsl::Vars vars = {};
  std::uint64_t max_file_size = 8ull << 20;
  /// The declaring and event files are the ones a suite names: a file that
  /// is not what was expected has its content withheld.
  bool named_by_suite = false;
  /// Read files a .pipe file names outside its repository.
  bool read_outside_repository = false;
  /// Declaring files read as an event pattern whatever their keys, unless
  /// they are a PutRule input or a CloudFormation template (.pipe files are
  /// read as such): the pattern argument of `pipec test-pattern`.
  std::vector<std::string> patterns = {};
};

/// Reads the inputs; their unreadable files and syntax findings (rules
/// CP0001–CP0009) are the run's report.
[[nodiscard]] std::unique_ptr<driver::LintRun> read_inputs(const source::FileSystem& fs, const InputFiles& files);

}  // namespace pipec::offline
