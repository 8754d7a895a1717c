// pipec transform: renders offline::transform's payload on stdout, and its
// problems on stderr.

#include <fmt/core.h>

#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "offline/transform.h"

namespace pipec::cli {

int run_transform(const TransformOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "transform", output);
  if (!vars) return kExitUsage;
  if (options.event.empty() == !options.event_stream) {
    output.err += "pipec transform: name one event file, or a JSON-lines file of events with --events FILE (- for stdin)\n";
    return kExitUsage;
  }
  offline::TransformRequest request{.declaring = options.declaring,
                                    .also = options.also,
                                    .event = options.event,
                                    .rule = options.rule,
                                    .target = options.target,
                                    .rule_name = options.rule_name,
                                    .rule_arn = options.rule_arn,
                                    .ingestion_time = options.ingestion_time,
                                    .vars = *vars,
                                    .pipeline = options.pipeline,
                                    .numbers_by_value = options.numbers_by_value,
                                    .max_file_size = options.max_file_size,
                                    .event_stream = options.event_stream};
  const diag::TextOptions text{options.color, false};
  const offline::Transform* rendering = nullptr;  // whose sources the problems point into
  const auto render = [&](std::vector<diag::Diagnostic> diagnostics) {
    if (diagnostics.empty()) return;
    diag::Report report;
    report.sources = &rendering->inputs->workspace.sources;
    report.diagnostics = std::move(diagnostics);
    diag::finalize(report);
    diag::render_text(report, text, output.err);
  };
  // One line ending, whether or not the template ends with one (a YAML block template does).
  const auto print = [&](const std::string& payload) {
    output.out += payload;
    if (!payload.ends_with('\n')) output.out += '\n';
  };
  // What is said before any payload: when a stream starts (nothing is
  // rendered yet, and nothing refused), or when the run is over.
  bool said = false;
  const auto say_before = [&](const offline::Transform& result, bool stream_started) {
    if (said) return;
    said = true;
    rendering = &result;
    if (!result.inputs->report.diagnostics.empty()) diag::render_text(result.inputs->report, text, output.err);
    if (!result.refusal.empty()) output.err += fmt::format("pipec transform: {}\n", result.refusal);
    render(result.refused);
    if (result.broken() && !stream_started) return;
    render(result.problems);
  };
  // A stream: one input per line of events (or one error), in order,
  // written as the stream is read; each line's problems on stderr, pointing
  // at the line.
  request.before_stream = [&](const offline::Transform& result) { say_before(result, true); };
  request.waiting = [&] { output.flush(); };
  request.stream_line = [&](const offline::TransformedLine& line) {
    if (!line.error.empty()) {
      output.out += fmt::format("error: {}: {}\n", line.event, line.error);
    } else {
      render(line.problems);
      print(line.payload);
    }
    output.flush_if_full();
  };
  const auto result = offline::transform(fs, request);
  say_before(result, false);
  if (result.broken()) return kExitUsage;
  if (!result.stream_error.empty()) output.err += fmt::format("pipec transform: {}\n", result.stream_error);
  if (!options.event_stream) {
    print(*result.payload);
    return result.failed() ? kExitFindings : kExitClean;
  }
  if (result.line_errors()) return kExitUsage;
  return result.failed() ? kExitFindings : kExitClean;
}

}  // namespace pipec::cli
