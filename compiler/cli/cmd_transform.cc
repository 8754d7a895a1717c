// pipec transform: renders offline::transform's payload on stdout, and its
// problems on stderr.

#include <fmt/core.h>

#include <iostream>
#include <iterator>
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
  std::optional<std::string> stream_text;
  if (options.event_stream && *options.event_stream == "-") {
    stream_text = std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  const auto result = offline::transform(
      fs, {options.declaring, options.also, options.event, options.rule, options.target, options.rule_name, options.rule_arn,
           options.ingestion_time, *vars, options.pipeline, options.numbers_by_value, options.max_file_size,
           options.event_stream, std::move(stream_text)});
  const diag::TextOptions text{options.color, false};
  const auto render = [&](std::vector<diag::Diagnostic> diagnostics) {
    if (diagnostics.empty()) return;
    diag::Report report;
    report.sources = &result.inputs->workspace.sources;
    report.diagnostics = std::move(diagnostics);
    diag::finalize(report);
    diag::render_text(report, text, output.err);
  };
  if (!result.inputs->report.diagnostics.empty()) diag::render_text(result.inputs->report, text, output.err);
  if (!result.refusal.empty()) output.err += fmt::format("pipec transform: {}\n", result.refusal);
  render(result.refused);
  if (result.broken()) return kExitUsage;

  render(result.problems);
  // One line ending, whether or not the template ends with one (a YAML block template does).
  const auto print = [&](const std::string& payload) {
    output.out += payload;
    if (!payload.ends_with('\n')) output.out += '\n';
  };
  if (!options.event_stream) {
    print(*result.payload);
    return result.failed() ? kExitFindings : kExitClean;
  }
  // A stream: one input per line of events (or one error), in order; each
  // line's problems on stderr, pointing at the line.
  for (const auto& line : result.lines) {
    if (!line.error.empty()) {
      output.out += fmt::format("error: {}: {}\n", line.event, line.error);
      continue;
    }
    render(line.problems);
    print(line.payload);
  }
  if (result.line_errors()) return kExitUsage;
  return result.failed() ? kExitFindings : kExitClean;
}

}  // namespace pipec::cli
