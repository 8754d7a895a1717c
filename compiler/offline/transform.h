#pragma once
// `pipec transform`: what a rule's target receives for an event, rendered
// as EventBridge renders input transformers.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::offline {

/// What one line of a stream of events renders to.
struct TransformedLine {
  std::string event;             ///< "events.jsonl:12"
  std::string error;             ///< not JSON, or not a JSON object; empty when rendered
  std::string payload;
  std::vector<diag::Diagnostic> problems;
};

struct TransformRequest {
  std::string declaring;            ///< a transformer, PutTargets input, template or .pipe file
  std::vector<std::string> also;    ///< more files that declare the rule
  std::string event;
  std::optional<std::string> rule, target;
  std::optional<std::string> rule_name, rule_arn, ingestion_time;
  dsl::Vars vars;
  bool pipeline = false;            ///< check the input as StartPipelineExecution input
  bool numbers_by_value = true;
  std::uint64_t max_file_size = 8ull << 20;
  /// --events: a JSON-lines file (or "-", stdin) of events, one per line,
  /// each rendered as `event` would be (offline/event_stream.h); `event` is
  /// then unused. max_file_size bounds a line.
  std::optional<std::string> event_stream;
  /// Once the stream is open, before its first line: what was found so far
  /// (the inputs, the target, the pattern's warnings), to be written first.
  std::function<void(const struct Transform&)> before_stream = {};
  /// The stream has to wait for more bytes: a moment to write what was said.
  std::function<void()> waiting = {};
  /// Takes each line as it is rendered; they are not kept. Unset: they are
  /// kept in Transform::lines.
  std::function<void(const TransformedLine&)> stream_line = {};
};

struct Transform {
  /// The inputs as read; its report holds their syntax problems.
  std::unique_ptr<driver::LintRun> inputs;
  /// Why nothing could be rendered (no such target, values only a
  /// deployment knows); empty when it rendered or the inputs are broken.
  std::string refusal;
  /// A target or transformer EventBridge refuses whatever the event
  /// (PutTargets fails), or an event that is not a JSON object: nothing is
  /// rendered.
  std::vector<diag::Diagnostic> refused;
  /// What the target receives, and what is wrong with it (errors: the
  /// target does not accept it; warnings: the rule would not send the event, …).
  std::optional<std::string> payload;
  std::vector<diag::Diagnostic> problems;
  /// With --events: one per line of the stream (blank lines aside), in
  /// order, unless TransformRequest::stream_line takes them; `payload` is
  /// then empty and `problems` holds what is true of every line (the
  /// pattern's warnings).
  using Line = TransformedLine;
  std::vector<Line> lines;
  /// Lines that could not be rendered, and whose input the target would
  /// not accept, wherever they went.
  std::size_t line_errors_seen = 0, lines_failed = 0;
  /// Why the stream stopped before its end (it could not be read on).
  std::string stream_error;

  /// Whether the inputs or the transformer keep anything from being rendered.
  [[nodiscard]] bool broken() const;
  /// Whether the target would not accept what it receives (for any line).
  [[nodiscard]] bool failed() const;
  /// Whether a line of the stream could not be rendered.
  [[nodiscard]] bool line_errors() const;
};

[[nodiscard]] Transform transform(const source::FileSystem& fs, const TransformRequest& request);

}  // namespace pipec::offline
