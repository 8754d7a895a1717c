#pragma once
// A baseline: the findings a repository had when its team turned the gate
// on, so that only new ones fail it (`pipec lint --write-baseline FILE`, then
// `--baseline FILE`). A finding is recorded by rule, file (relative to the
// baseline's folder) and stable location (driver/policy.h: the JSON Pointer
// of its value, not its line), so edits elsewhere in the file keep it
// matched. Committed secrets are never recorded: a key in a repository is
// not a backlog item.

#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::driver {

struct Baseline {
  struct Entry {
    std::string rule;      ///< "CP2001"
    std::string path;      ///< relative to the baseline's folder
    std::string location;  ///< stable_location()
    std::string message;   ///< for the reader; not compared
    std::size_t count = 1;
  };
  std::vector<Entry> entries;
};

/// The baseline of `run`'s findings, as the JSON text of a file at `path`.
[[nodiscard]] std::string write_baseline(const LintRun& run, const source::FileSystem& fs, const std::string& path);

/// Reads a baseline file's text; on a malformed one, nothing and why in `error`.
[[nodiscard]] std::optional<Baseline> read_baseline(std::string_view text, std::string& error);

/// Removes from `run`'s report the findings `baseline` (read from `path`)
/// records, each entry as many times as its count. Returns how many went.
std::size_t subtract_baseline(LintRun& run, const source::FileSystem& fs, const Baseline& baseline, const std::string& path);

}  // namespace pipec::driver
