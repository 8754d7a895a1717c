#pragma once
// A `pipec test` suite (docs/testing.md), read from its YAML document:
//
//   rule: replication-trigger.pipe          # files that declare the rule, for every case
//   tests:
//     - name: a successful replication starts qa-web on that image
//       event: replication-event.json       # or the event itself, as a mapping; or events: [...]
//       match: true
//       payload: {sourceRevisions: [...]}   # what the target receives, as a JSON value
//
// Paths are relative to the suite's folder. The structure is checked
// against schemas/test/suite.json; what a schema says badly (a case needs
// a rule or a pattern, event or events, something to expect) is checked
// here.

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "model/boundary.h"
#include "dsl/vars.h"
#include "schema/validator.h"
#include "syntax/document.h"

namespace pipec::offline {

struct SuiteEvent {
  std::string path;                          ///< the event file, relative to the working folder; empty when inline
  syntax::NodeId inline_event = syntax::kNoNode;  ///< the event written in the suite
  source::Span span;                         ///< the path or mapping in the suite
};

struct SuiteCase {
  std::string name;
  source::Span span;                         ///< the case's mapping
  source::Span name_span;
  std::vector<std::string> rule_files;       ///< relative to the working folder
  source::Span rule_span;
  syntax::NodeId pattern = syntax::kNoNode;  ///< a pattern written in the case
  std::optional<std::string> select, target;
  source::Span select_span;                  ///< where `select` is given (the case's, else the suite's)
  std::optional<std::string> rule_name, rule_arn, ingestion_time;
  std::vector<SuiteEvent> events;
  /// Whether every event matches (true) or none does (false), as the case
  /// says; a case that expects a payload expects a match too, if it has a pattern.
  std::optional<bool> match;
  source::Span match_span;
  syntax::NodeId payload = syntax::kNoNode;  ///< the input the target should receive, as a value
  std::optional<std::string> payload_text;   ///< ... or as text
  source::Span payload_span;

  /// What the case checks about the target's input.
  [[nodiscard]] bool checks_payload() const { return payload != syntax::kNoNode || payload_text.has_value(); }
};

struct Suite {
  const syntax::Document* document = nullptr;
  dsl::Vars vars;
  bool numbers_by_value = true;     ///< `numbers: text` selects the user guide's reading
  std::vector<SuiteCase> cases;

  /// Every file the cases name (rules and events), each once, in order.
  [[nodiscard]] std::vector<std::string> rule_files() const;
  [[nodiscard]] std::vector<std::string> event_files() const;
};

struct SuiteRead {
  Suite suite;
  std::vector<diag::Diagnostic> problems;  ///< errors: the suite cannot run
};

/// Reads the suite in `document` (read from `suite_path`). A file it names
/// that `boundary` refuses (outside the suite's repository) is a problem of
/// the suite, and left out; nullptr: every path is allowed.
[[nodiscard]] SuiteRead read_suite(const syntax::Document& document, const std::string& suite_path,
                                   schema::Validator& validator, const model::Boundary* boundary);

/// `relative` seen from the folder of `file`, lexically normalized.
[[nodiscard]] std::string resolve_beside(const std::string& file, const std::string& relative);

}  // namespace pipec::offline
