#pragma once
// Everything a run found, ready to render: diagnostics in their final order,
// the redactions to apply, and the rules that ran.

#include <span>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/source_file.h"

namespace pipec::diag {

struct Report {
  const source::SourceSet* sources = nullptr;
  std::vector<Diagnostic> diagnostics;
  std::vector<Redaction> redactions;
  /// Files whose content is never shown (a file another file named that is
  /// not what was expected): findings in them get a location, not a frame.
  std::vector<source::FileId> withheld;
  std::vector<RuleMetadata> rules;  ///< the rules that ran, in registry order
  std::size_t files_checked = 0;
};

/// Sorts by file, line, column, rule and message, drops exact duplicates,
/// and masks redacted text inside every message, label, note and help.
void finalize(Report& report);

/// The text of `span` with redactions applied (what a frame may show).
[[nodiscard]] std::string masked_text(const Report& report, source::Span span);

/// Counts per severity.
struct Counts {
  std::size_t errors = 0, warnings = 0, infos = 0;
};
[[nodiscard]] Counts count(const Report& report);

}  // namespace pipec::diag
