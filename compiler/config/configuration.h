#pragma once
// What a .pipec.yaml says, read from its document: which files pipec reads
// and as what, which rules run at which severity (for every file and per
// path), the --fail-on a run takes, the pseudo-parameters of .pipe builds,
// and suppressions of findings in files that cannot hold a comment (JSON).
// Values of the wrong form are left out here; CP0130 reports them, at their
// place, from the same document.

#include <optional>
#include <string>
#include <vector>

#include "diag/severity.h"
#include "model/kind.h"
#include "source/span.h"
#include "syntax/document.h"

namespace pipec::config {

/// The file name looked for in each folder, upward from an input.
inline constexpr std::string_view kFileName = ".pipec.yaml";

struct Glob {
  std::string text;
  source::Span span;
};

/// `CP2001: warning`, `ecs-deploy-reads-image-detail: off`.
struct RuleSetting {
  std::string selector;  ///< an id, a name or an id prefix, as --select takes them
  bool enabled = true;
  std::optional<diag::Severity> severity;  ///< nothing: the rule's own
  source::Span span;                       ///< the whole entry (key and value)
};

/// `overrides: [{paths: [...], rules: {...}}]`: settings for some files only.
struct PathOverride {
  std::vector<Glob> paths;
  std::vector<RuleSetting> rules;
};

/// `kinds: {"events/*.yaml": put-rule}`: a file's kind by its path.
struct KindGlob {
  Glob glob;
  model::Kind kind = model::Kind::unknown;
};

/// A finding not to report, in a file of `path` (a glob), of `rule` (id or
/// name), at or under the JSON Pointer `pointer` (the whole file if empty).
struct Suppression {
  Glob path;
  std::string rule;
  std::string pointer;
  std::string reason;
  source::Span span;       ///< the entry, for "unused suppression"
};

struct Var {
  std::string name, value;
  source::Span span;
};

struct Configuration {
  std::vector<Glob> include;  ///< empty: every file pipec knows
  std::vector<Glob> exclude;
  std::vector<KindGlob> kinds;
  std::vector<RuleSetting> rules;
  std::vector<PathOverride> overrides;
  std::optional<std::string> fail_on;  ///< error, warning, info or never
  source::Span fail_on_span;
  std::vector<Var> vars;
  std::vector<Suppression> suppressions;
};

/// The configuration `root` of `document` describes (its mapping).
[[nodiscard]] Configuration interpret(const syntax::Document& document, syntax::NodeId root);

/// A rule setting's value as written: `off`/`false`, `on`/`true`, or a
/// severity. Nothing for any other value.
[[nodiscard]] std::optional<RuleSetting> read_rule_setting(const syntax::Document& document, const syntax::Member& entry);

}  // namespace pipec::config
