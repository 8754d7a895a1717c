// pipec transform: renders offline::transform's payload on stdout, and its
// problems on stderr.

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "offline/transform.h"

namespace pipec::cli {

int run_transform(const TransformOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "transform", output);
  if (!vars) return kExitUsage;
  const auto result = offline::transform(
      fs, {options.declaring, options.also, options.event, options.rule, options.target, options.rule_name, options.rule_arn,
           options.ingestion_time, *vars, options.pipeline, options.numbers_by_value, options.max_file_size});
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
  output.out += *result.payload;
  // One line ending, whether or not the template ends with one (a YAML block template does).
  if (!result.payload->ends_with('\n')) output.out += '\n';
  return result.failed() ? kExitFindings : kExitClean;
}

}  // namespace pipec::cli
