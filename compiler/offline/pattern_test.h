#pragma once
// `pipec test-pattern`: does a rule's pattern match these events, and which
// field decided it. EventBridge's TestEventPattern, offline.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"
#include "eventbridge/match.h"

namespace pipec::offline {

struct PatternTestRequest {
  std::string declaring;            ///< a file that declares the pattern (pattern, rule, template, .pipe)
  std::vector<std::string> events;
  std::optional<std::string> rule;  ///< which one, when the file declares several
  dsl::Vars vars;
  bool numbers_by_value = true;     ///< exact numbers compared by value (false: as text, the user guide's reading)
  std::uint64_t max_file_size = 8ull << 20;
  /// --events: a JSON-lines file (or "-", stdin, whose text is `stream_text`)
  /// holding one event per line, each matched as a file of its own would
  /// be. Not bounded by max_file_size: it is read a line at a time.
  std::optional<std::string> event_stream;
  std::optional<std::string> stream_text;
  /// Which verdicts of a stream need their decisions (what `pipec
  /// test-pattern` prints): without them, a line is read straight from its
  /// text (eventbridge/event_text.h), and only a line that needs explaining,
  /// or that the reader has something to say about, is read as a document.
  /// Decisions point into the stream only with explain_stream_matches (JSON
  /// output); otherwise only their messages are kept.
  bool explain_stream_matches = true;
  bool explain_stream_mismatches = true;
};

struct PatternTest {
  /// The inputs as read; its report holds their syntax problems.
  std::unique_ptr<driver::LintRun> inputs;
  /// Why the test could not run at all (no such rule, no pattern, values
  /// only a deployment knows); empty when it ran or the inputs are broken.
  std::string refusal;
  /// PutRule's refusals of an invalid pattern.
  std::vector<diag::Diagnostic> invalid_pattern;
  /// What the compiler warns about in a valid pattern.
  std::vector<diag::Diagnostic> pattern_warnings;
  /// Errors in the pattern's file (or a file it names) keep the test from running.
  bool pattern_broken = false;
  std::string rule;              ///< the rule's name
  std::size_t branches = 0;      ///< the pattern's $or branches
  /// One per event, in the order given.
  struct Verdict {
    std::string event;           ///< the event file, or "events.jsonl:12" for a line of a stream
    bool streamed = false;       ///< a line of --events
    /// Why the event was not matched: it cannot be read, is not JSON, or is
    /// not a JSON object (TestEventPattern's "Parameter Event is not
    /// valid."); empty when it was.
    std::string error;
    eventbridge::MatchResult result;
  };
  std::vector<Verdict> verdicts;
  /// What the events say beside their syntax (in `inputs`): an event that is
  /// not an object, the envelope fields an event lacks.
  std::vector<diag::Diagnostic> event_problems;

  /// Whether the inputs or the pattern keep the test from running (an
  /// event's problems keep only that event from being matched).
  [[nodiscard]] bool broken() const;
  /// Whether an event could not be matched.
  [[nodiscard]] bool event_errors() const;
  [[nodiscard]] bool all_match() const;
};

[[nodiscard]] PatternTest test_pattern(const source::FileSystem& fs, const PatternTestRequest& request);

}  // namespace pipec::offline
