#pragma once
// One finding as the user sees it: a rule, a severity, a message at a span,
// related places, notes and help. Produced by the check runner, consumed by
// the renderers; nothing else formats diagnostics.

#include <string>
#include <string_view>
#include <vector>

#include "diag/severity.h"
#include "source/span.h"

namespace pipec::diag {

struct Label {
  source::Span span;
  std::string text;
};

/// One change of a fix (`pipec lint --fix`): `span`'s text becomes `text`
/// (an empty span inserts). With `string_content`, `span` is a string value
/// and `text` its new content: quotes the file writes around it are kept.
struct Edit {
  source::Span span;
  std::string text;
  bool string_content = false;
};

struct Diagnostic {
  std::string_view rule_id;    ///< "CP2001"; points at static rule metadata
  std::string_view rule_name;  ///< "ecs-deploy-reads-image-detail"
  Severity severity = Severity::error;
  source::Span span;
  std::string message;  ///< lowercase, no trailing period
  std::string label;    ///< short text under the primary span (optional)
  std::vector<Label> related;
  std::vector<std::string> notes;
  std::vector<std::string> help;
  /// Text output's heading in place of "error[CP2001]", for results that are
  /// not lint findings: `pipec test-pattern`'s "no match", `pipec test`'s "fail".
  std::string title;
  /// The edits that resolve the finding, when they are certain (all or none
  /// are applied).
  std::vector<Edit> fix{};
};

/// Bytes that must never be shown in full (a secret in a committed file):
/// code frames print `*` past the first `keep` bytes, and messages that quote
/// the text get the same mask.
struct Redaction {
  source::Span span;
  std::size_t keep = 0;
};

/// Static description of a rule, as renderers need it (SARIF's
/// tool.driver.rules, `pipec rules`, the generated pages).
struct RuleMetadata {
  std::string_view id;
  std::string_view name;
  std::string_view category;
  Severity default_severity = Severity::error;
  std::string_view summary;    ///< one line, lowercase, no period
  std::string_view rationale;  ///< Markdown: what it checks, why, fix, references
  std::string_view help_uri;   ///< AWS documentation
};

}  // namespace pipec::diag
