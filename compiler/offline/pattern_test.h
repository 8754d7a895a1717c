#pragma once
// `pipec test-pattern`: does a rule's pattern match these events, and which
// field decided it. EventBridge's TestEventPattern, offline.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"
#include "eventbridge/match.h"
#include "offline/event_stream.h"

namespace pipec::offline {

/// What one event got.
struct EventVerdict {
  std::string event;           ///< the event file, or "events.jsonl:12" for a line of a stream
  /// Why the event was not matched: it cannot be read, is not JSON, or is
  /// not a JSON object (TestEventPattern's "Parameter Event is not
  /// valid."); empty when it was.
  std::string error;
  eventbridge::MatchResult result;
};

struct PatternTestRequest {
  std::string declaring;            ///< a file that declares the pattern (pattern, rule, template, .pipe)
  std::vector<std::string> events;
  std::optional<std::string> rule;  ///< which one, when the file declares several
  dsl::Vars vars;
  bool numbers_by_value = true;     ///< exact numbers compared by value (false: as text, the user guide's reading)
  std::uint64_t max_file_size = 8ull << 20;
  /// --events: a JSON-lines file (or "-", stdin) holding one event per
  /// line, each matched as a file of its own would be (offline/event_stream.h),
  /// after the event files. max_file_size bounds a line.
  std::optional<std::string> event_stream;
  /// Once the stream is open, before its first line: the test so far (the
  /// inputs, the pattern's problems, the event files' verdicts), for what
  /// comes before the stream's verdicts to be written first.
  std::function<void(const struct PatternTest&)> before_stream = {};
  /// The stream has to wait for more bytes: a moment to write what has been
  /// said.
  std::function<void()> waiting = {};
  /// Takes each line's verdict as it is decided (`event` is then empty:
  /// the line is `line` of the stream); they are not kept. Unset: they are
  /// kept in PatternTest::verdicts, named "stream:line".
  std::function<void(std::uint32_t line, const EventVerdict&)> stream_verdict = {};
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
  /// One per event, in the order given: the event files, then the stream's
  /// lines (unless PatternTestRequest::stream_verdict takes them).
  using Verdict = EventVerdict;
  std::vector<Verdict> verdicts;
  /// Lines of the stream that were not matched, and that could not be
  /// (their `error`), wherever their verdicts went.
  std::size_t stream_mismatches = 0, stream_errors = 0;
  /// Why the stream stopped before its end (it could not be read on).
  std::string stream_error;
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
