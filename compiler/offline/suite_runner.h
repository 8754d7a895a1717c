#pragma once
// `pipec test`: runs rule test suites (suite.h) as a test runner runs
// tests. Each case says whether its rule matches its events and what the
// rule's target receives; a failure is a diagnostic at the suite line that
// expected otherwise, followed by what explains it (the pattern value or
// template text that decided).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::offline {

struct SuiteRunRequest {
  std::vector<std::string> paths;       ///< suites, or folders searched for *.test.yaml
  std::optional<std::string> filter;    ///< run only cases whose name contains this
  dsl::Vars vars;                       ///< over each suite's own vars
  std::uint64_t max_file_size = 8ull << 20;
  bool read_outside_repository = false;  ///< read files a suite names outside its repository
};

struct CaseResult {
  std::string name;
  bool passed = true;
  /// The failures first (titled "fail"), then what explains them.
  std::vector<diag::Diagnostic> diagnostics;
  struct EventVerdict {
    std::string event;  ///< the event's file, or where the suite writes it
    bool matched = false;
  };
  std::vector<EventVerdict> events;
};

struct SuiteResult {
  std::string path;
  /// The suite and the files it names, as read; the report holds their
  /// syntax problems.
  std::unique_ptr<driver::LintRun> inputs;
  /// What keeps the suite from running (its structure), beside the inputs' problems.
  std::vector<diag::Diagnostic> problems;
  bool broken = false;  ///< the suite cannot run
  std::vector<CaseResult> cases;
  std::size_t filtered_out = 0;
};

struct SuiteRun {
  std::vector<std::string> missing;  ///< paths that are neither a file nor a folder
  std::vector<std::string> searched;  ///< the paths searched, when no suite was found
  std::vector<SuiteResult> suites;

  [[nodiscard]] bool nothing_to_run() const { return missing.empty() && suites.empty(); }
};

/// Every *.test.yaml and *.test.yml below `folder`.
[[nodiscard]] std::vector<std::string> find_suites(const source::FileSystem& fs, const std::string& folder);

[[nodiscard]] SuiteRun run_suites(const source::FileSystem& fs, const SuiteRunRequest& request);

}  // namespace pipec::offline
