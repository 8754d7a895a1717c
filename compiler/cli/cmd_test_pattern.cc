// pipec test-pattern: renders offline::test_pattern's verdicts.

#include <fmt/core.h>

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
  const bool json = options.format == "json";
  const diag::TextOptions text{options.color, false};
  offline::PatternTestRequest request{.declaring = options.declaring,
                                      .events = options.events,
                                      .rule = options.rule,
                                      .vars = *vars,
                                      .numbers_by_value = options.numbers_by_value,
                                      .max_file_size = options.max_file_size,
                                      .event_stream = options.event_stream};
  // A line of a stream prints its decisions only in JSON, and a mismatch's
  // reasons in text (below).
  request.explain_stream_matches = json;
  request.explain_stream_mismatches = json || !options.quiet;

  // What is said before the stream's verdicts (the problems of the inputs
  // and the pattern, and in text the event files' verdicts): when the
  // stream starts, or when the test is over.
  bool said = false;
  const auto say_before_stream = [&](const offline::PatternTest& test) {
    if (said) return;
    said = true;
    const auto& sources = test.inputs->workspace.sources;
    if (!test.inputs->report.diagnostics.empty()) diag::render_text(test.inputs->report, text, output.err);
    if (!test.refusal.empty()) output.err += fmt::format("pipec test-pattern: {}\n", test.refusal);
    if (!test.invalid_pattern.empty()) {
      diag::Report report;
      report.sources = &sources;
      report.diagnostics = test.invalid_pattern;
      diag::finalize(report);
      diag::render_text(report, text, output.err);
    }
    if (test.broken()) return;
    if (!test.pattern_warnings.empty() || !test.event_problems.empty()) {
      diag::Report report;
      report.sources = &sources;
      report.diagnostics = test.pattern_warnings;
      report.diagnostics.insert(report.diagnostics.end(), test.event_problems.begin(), test.event_problems.end());
      diag::finalize(report);
      diag::render_text(report, text, output.err);
    }
    if (json) return;
    for (const auto& verdict : test.verdicts) {
      if (!verdict.error.empty()) {
        // An event that could not be matched: one line, and the others still run.
        output.out += fmt::format("error: {}: {}\n", verdict.event, verdict.error);
        continue;
      }
      if (options.quiet) continue;
      if (verdict.result.matched) {
        output.out += fmt::format("match: {}\n", verdict.event);
        for (const auto& d : verdict.result.decisions) {
          const auto where = diag::locate(sources, d.pattern_value);
          output.out += fmt::format("  {}  ({}:{}:{})\n", d.message, where.path, where.start.line, where.start.column);
        }
      } else {
        diag::Report mismatch;
        mismatch.sources = &sources;
        for (const auto& d : verdict.result.decisions) {
          mismatch.diagnostics.push_back(offline::no_match(d, verdict.event, test.branches));
        }
        diag::render_text(mismatch, text, output.out);
      }
    }
  };
  // A line of a stream in text: one line of verdict, however many events
  // there are, written as the stream is read.
  const std::string stream_name = options.event_stream ? offline::event_stream_name(*options.event_stream) : "";
  if (!json) {
    request.stream_verdict = [&](std::uint32_t line, const offline::EventVerdict& verdict) {
      if (!verdict.error.empty()) {
        output.out += fmt::format("error: {}:{}: {}\n", stream_name, line, verdict.error);
      } else if (!options.quiet) {
        if (verdict.result.matched) {
          output.out += fmt::format("match: {}:{}\n", stream_name, line);
        } else {
          output.out += fmt::format("no match: {}:{}: ", stream_name, line);
          for (std::size_t i = 0; i < verdict.result.decisions.size(); ++i) {
            if (i > 0) output.out += "; ";
            output.out += verdict.result.decisions[i].message;
          }
          output.out += '\n';
        }
      }
      output.flush_if_full();
    };
  }
  request.waiting = [&] { output.flush(); };
  request.before_stream = say_before_stream;
  const auto test = offline::test_pattern(fs, request);
  say_before_stream(test);
  if (test.broken()) return kExitUsage;
  if (!test.stream_error.empty()) output.err += fmt::format("pipec test-pattern: {}\n", test.stream_error);

  if (json) {
    const auto& sources = test.inputs->workspace.sources;
    nlohmann::json results = nlohmann::json::array();
    for (const auto& [path, error, result] : test.verdicts) {
      if (!error.empty()) {
        results.push_back({{"event", path}, {"matched", false}, {"error", error}, {"decisions", nlohmann::json::array()}});
        continue;
      }
      nlohmann::json decisions = nlohmann::json::array();
      for (const auto& d : result.decisions) {
        decisions.push_back({{"branch", d.branch},
                             {"field", d.path},
                             {"message", d.message},
                             {"pattern", location(sources, d.pattern_value.valid() ? d.pattern_value : d.pattern_key)},
                             {"event", location(sources, d.event_value)}});
      }
      results.push_back({{"event", path}, {"matched", result.matched}, {"decisions", std::move(decisions)}});
    }
    const nlohmann::json doc = {{"version", 1}, {"rule", test.rule}, {"results", std::move(results)}};
    output.out += doc.dump(2) + "\n";
  }
  if (test.event_errors()) return kExitUsage;
  return test.all_match() ? kExitClean : kExitFindings;
}

}  // namespace pipec::cli
