// pipec test-pattern: renders offline::test_pattern's verdicts.

#include <fmt/core.h>

#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "offline/pattern_test.h"
#include "offline/verdicts.h"

namespace pipec::cli {

namespace {

nlohmann::json location(const source::SourceSet& sources, source::Span span) {
  if (!span.valid()) return nullptr;
  const auto where = diag::locate(sources, span);
  return {{"path", where.path},
          {"line", where.start.line},
          {"column", where.start.column},
          {"end_line", where.end.line},
          {"end_column", where.end.column}};
}

}  // namespace

int run_test_pattern(const PatternTestOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "test-pattern", output);
  if (!vars) return kExitUsage;
  if (options.events.empty() && !options.event_stream) {
    output.err += "pipec test-pattern: name event files, or a JSON-lines file of events with --events FILE (- for stdin)\n";
    return kExitUsage;
  }
  std::optional<std::string> stream_text;
  if (options.event_stream && *options.event_stream == "-") {
    stream_text = std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  // A line of a stream prints its decisions only in JSON, and a mismatch's
  // reasons in text (below).
  const bool json = options.format == "json";
  const auto test = offline::test_pattern(fs, {options.declaring, options.events, options.rule, *vars, options.numbers_by_value,
                                               options.max_file_size, options.event_stream, std::move(stream_text),
                                               json, json || !options.quiet});
  const auto& inputs = *test.inputs;
  const auto& sources = inputs.workspace.sources;
  const diag::TextOptions text{options.color, false};
  if (!inputs.report.diagnostics.empty()) diag::render_text(inputs.report, text, output.err);
  if (!test.refusal.empty()) output.err += fmt::format("pipec test-pattern: {}\n", test.refusal);
  if (!test.invalid_pattern.empty()) {
    diag::Report report;
    report.sources = &sources;
    report.diagnostics = test.invalid_pattern;
    diag::finalize(report);
    diag::render_text(report, text, output.err);
  }
  if (test.broken()) return kExitUsage;
  if (!test.pattern_warnings.empty() || !test.event_problems.empty()) {
    diag::Report report;
    report.sources = &sources;
    report.diagnostics = test.pattern_warnings;
    report.diagnostics.insert(report.diagnostics.end(), test.event_problems.begin(), test.event_problems.end());
    diag::finalize(report);
    diag::render_text(report, text, output.err);
  }

  nlohmann::json results = nlohmann::json::array();
  for (const auto& [path, streamed, error, result] : test.verdicts) {
    if (!error.empty()) {
      // An event that could not be matched: one line, and the others still run.
      if (options.format == "json") {
        results.push_back({{"event", path}, {"matched", false}, {"error", error}, {"decisions", nlohmann::json::array()}});
      } else {
        output.out += fmt::format("error: {}: {}\n", path, error);
      }
      continue;
    }
    if (options.format == "json") {
      nlohmann::json decisions = nlohmann::json::array();
      for (const auto& d : result.decisions) {
        decisions.push_back({{"branch", d.branch},
                             {"field", d.path},
                             {"message", d.message},
                             {"pattern", location(sources, d.pattern_value.valid() ? d.pattern_value : d.pattern_key)},
                             {"event", location(sources, d.event_value)}});
      }
      results.push_back({{"event", path}, {"matched", result.matched}, {"decisions", std::move(decisions)}});
      continue;
    }
    if (options.quiet) continue;
    // A line of a stream: one line of verdict, however many events there are.
    if (streamed) {
      std::string why;
      for (const auto& d : result.decisions) why += (why.empty() ? "" : "; ") + d.message;
      output.out += result.matched ? fmt::format("match: {}\n", path) : fmt::format("no match: {}: {}\n", path, why);
      continue;
    }
    if (result.matched) {
      output.out += fmt::format("match: {}\n", path);
      for (const auto& d : result.decisions) {
        const auto where = diag::locate(sources, d.pattern_value);
        output.out += fmt::format("  {}  ({}:{}:{})\n", d.message, where.path, where.start.line, where.start.column);
      }
    } else {
      diag::Report mismatch;
      mismatch.sources = &sources;
      for (const auto& d : result.decisions) mismatch.diagnostics.push_back(offline::no_match(d, path, test.branches));
      diag::render_text(mismatch, text, output.out);
    }
  }
  if (options.format == "json") {
    const nlohmann::json doc = {{"version", 1}, {"rule", test.rule}, {"results", std::move(results)}};
    output.out += doc.dump(2) + "\n";
  }
  if (test.event_errors()) return kExitUsage;
  return test.all_match() ? kExitClean : kExitFindings;
}

}  // namespace pipec::cli
