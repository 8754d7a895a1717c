#pragma once
// Suppression comments in files that can hold comments (YAML and .pipe):
//
//   Key: value  # pipec: ignore[CP2001] the deploy reads a file CodeBuild renames
//   # pipec: ignore[CP3002, CP3004] reason    (on its own line: the next line of content)
//   # pipec: ignore-file[CP6004] reason       (anywhere: the whole file)
//
// A reason is required. Rules are named by id or name.

#include <cstdint>
#include <string>
#include <vector>

#include "source/source_file.h"

namespace pipec::config {

struct InlineSuppression {
  struct Rule {
    std::string selector;  ///< as written: "CP2001" or a rule's name
    source::Span span;
    bool used = false;
  };
  source::Span span;            ///< the comment, from '#'
  std::uint32_t line = 0;       ///< the 1-based line it covers (its own, or the next line of content)
  bool file_level = false;      ///< ignore-file[…]
  std::vector<Rule> rules;
  std::string reason;
  /// The message when the comment is not a suppression pipec can use (no
  /// reason, no rule); it suppresses nothing then.
  std::string problem;
};

/// The suppression comments of `file` (its text is YAML or a .pipe file).
/// A '#' starts a comment at the start of a line or after a space or tab,
/// outside quotes, as in both languages.
[[nodiscard]] std::vector<InlineSuppression> scan_inline_suppressions(const source::SourceSet& sources,
                                                                      source::FileId file);

}  // namespace pipec::config
