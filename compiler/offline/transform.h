#pragma once
// `pipec transform`: what a rule's target receives for an event, rendered
// as EventBridge renders input transformers.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::offline {

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
  /// --events: a JSON-lines file (or "-", stdin, whose text is `stream_text`)
  /// of events, one per line, each rendered as `event` would be; `event` is
  /// then unused.
  std::optional<std::string> event_stream;
  std::optional<std::string> stream_text;
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
  /// order; `payload` is then empty and `problems` holds what is true of
  /// every line (the pattern's warnings).
  struct Line {
    std::string event;             ///< "events.jsonl:12"
    std::string error;             ///< not JSON, or not a JSON object; empty when rendered
    std::string payload;
    std::vector<diag::Diagnostic> problems;
  };
  std::vector<Line> lines;

  /// Whether the inputs or the transformer keep anything from being rendered.
  [[nodiscard]] bool broken() const;
  /// Whether the target would not accept what it receives (for any line).
  [[nodiscard]] bool failed() const;
  /// Whether a line of the stream could not be rendered.
  [[nodiscard]] bool line_errors() const;
};

[[nodiscard]] Transform transform(const source::FileSystem& fs, const TransformRequest& request);

}  // namespace pipec::offline
