#pragma once
// A rule: static metadata and a pure check function. The check reports
// findings through a Reporter; the runner stamps them with the rule's id,
// name and severity, so a rule cannot misreport who it is.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "model/workspace.h"

namespace pipec::schema {
class Validator;
}
namespace pipec::eventbridge {
class PatternCache;
}

namespace pipec::check {

/// What a check may read.
struct Context {
  const model::Workspace& workspace;
  schema::Validator& schemas;  ///< compiled schemas, cached across rules
  eventbridge::PatternCache& patterns;  ///< compiled event patterns, cached across rules
};

/// One finding, before the runner stamps it.
struct Finding {
  source::Span span;
  std::string message;
  std::string label;
  std::vector<diag::Label> related;
  std::vector<std::string> notes;
  std::vector<std::string> help;
  /// Lower than the rule's severity for a finding that is less sure.
  std::optional<diag::Severity> severity;
  /// Edits that resolve it, only where the fix is unambiguous (one
  /// did-you-mean candidate, a comma to remove): `pipec lint --fix`.
  std::vector<diag::Edit> fix{};

  Finding& with_label(std::string text) {
    label = std::move(text);
    return *this;
  }
  Finding& with_related(source::Span where, std::string text) {
    related.push_back({where, std::move(text)});
    return *this;
  }
  Finding& with_note(std::string text) {
    notes.push_back(std::move(text));
    return *this;
  }
  Finding& with_help(std::string text) {
    help.push_back(std::move(text));
    return *this;
  }
  Finding& with_severity(diag::Severity s) {
    severity = s;
    return *this;
  }
  Finding& with_fix(source::Span span, std::string text, bool string_content = false) {
    fix.push_back({span, std::move(text), string_content});
    return *this;
  }
};

class Reporter {
 public:
  /// A finding at `span`, which must point into a file: a finding with no
  /// location is a bug in the rule, reported as pipec's internal error
  /// (exit status 3) rather than rendered at no place.
  Finding& report(source::Span span, std::string message) {
    if (!span.valid()) throw std::logic_error("a rule reported a finding with no location: " + message);
    findings_.push_back(Finding{span, std::move(message), {}, {}, {}, {}, std::nullopt, {}});
    return findings_.back();
  }
  [[nodiscard]] std::vector<Finding>& findings() { return findings_; }

 private:
  std::vector<Finding> findings_;
};

using CheckFunction = void (*)(const Context&, Reporter&);

/// What a rule's check costs, for the runner's schedule only: rules run on
/// every core, each taken by the next free thread, and a costly rule taken
/// last runs alone while the other cores sit idle. So the costly rules are
/// handed out first. A wrong cost changes the time a lint takes, never its
/// findings.
enum class Cost : std::uint8_t {
  light,
  /// Reads every value of every file of its kind again (a schema, a policy
  /// simulation): a tenth of the CPU time of a lint of 100 templates or more.
  heavy,
};

struct Rule {
  diag::RuleMetadata meta;
  /// Null for the rules whose findings are about other rules' findings (an
  /// unused suppression): the driver makes those after every rule ran
  /// (driver/policy.cc).
  CheckFunction check;
  Cost cost = Cost::light;
};

}  // namespace pipec::check
