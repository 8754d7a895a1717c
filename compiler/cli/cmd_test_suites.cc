// pipec test: renders offline::run_suites' results, one line per case, the
// reason for each failure, and a summary.

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "offline/suite_runner.h"
#include "util/text.h"

namespace pipec::cli {

int run_test(const TestOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "test", output);
  if (!vars) return kExitUsage;
  const auto run =
      offline::run_suites(fs, {options.paths, options.filter, *vars, options.max_file_size, options.read_outside_repository});
  for (const auto& p : run.missing) output.err += fmt::format("pipec test: {}: no such file or folder\n", p);
  if (!run.missing.empty()) return kExitUsage;
  if (run.suites.empty()) {
    output.err += fmt::format("pipec test: no test suites (*.test.yaml) in {}\n", util::quote_list(run.searched, "or"));
    return kExitUsage;
  }

  const bool json = options.format == "json";
  const diag::TextOptions text{options.color, false};
  std::size_t passed = 0, failed = 0, skipped = 0, broken = 0;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& suite : run.suites) {
    const auto& sources = suite.inputs->workspace.sources;
    skipped += suite.filtered_out;
    if (!suite.inputs->report.diagnostics.empty()) diag::render_text(suite.inputs->report, text, output.err);
    if (suite.broken) {
      if (!suite.problems.empty()) {
        diag::Report report;
        report.sources = &sources;
        report.diagnostics = suite.problems;
        diag::finalize(report);
        diag::render_text(report, text, output.err);
      }
      output.err += fmt::format("pipec test: {}: the suite cannot run\n", suite.path);
      ++broken;
      if (json) results.push_back({{"suite", suite.path}, {"error", "the suite cannot run"}, {"cases", nlohmann::json::array()}});
      continue;
    }
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : suite.cases) {
      (c.passed ? passed : failed) += 1;
      if (json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& d : c.diagnostics) {
          if (d.title != "fail") continue;
          const auto where = diag::locate(sources, d.span);
          failures.push_back({{"path", where.path}, {"line", where.start.line}, {"column", where.start.column}, {"message", d.message}});
        }
        nlohmann::json events = nlohmann::json::array();
        for (const auto& e : c.events) events.push_back({{"event", e.event}, {"matched", e.matched}});
        cases.push_back({{"name", c.name}, {"passed", c.passed}, {"events", std::move(events)}, {"failures", std::move(failures)}});
        continue;
      }
      if (c.passed) {
        if (!options.quiet) output.out += fmt::format("ok   {}: {}\n", suite.path, c.name);
        continue;
      }
      output.out += fmt::format("FAIL {}: {}\n", suite.path, c.name);
      diag::Report report;
      report.sources = &sources;
      report.diagnostics = c.diagnostics;
      diag::render_text(report, text, output.out);
    }
    if (json) results.push_back({{"suite", suite.path}, {"cases", std::move(cases)}});
  }

  const std::size_t suites = run.suites.size();
  const std::size_t run_count = passed + failed;
  if (json) {
    const nlohmann::json doc = {{"version", 1},      {"suites", std::move(results)}, {"passed", passed},
                                {"failed", failed},  {"skipped", skipped},          {"broken_suites", broken}};
    output.out += doc.dump(2) + "\n";
  } else {
    std::string summary = fmt::format("{} passed, {} failed", passed, failed);
    if (skipped != 0) summary += fmt::format(", {} filtered out", skipped);
    summary += fmt::format(" ({} case{} in {} suite{}", run_count, run_count == 1 ? "" : "s", suites, suites == 1 ? "" : "s");
    if (broken != 0) summary += fmt::format(", {} of which cannot run", broken);
    summary += ")";
    if (!output.out.empty() && !output.out.ends_with("\n\n")) output.out += "\n";
    output.out += summary + "\n";
  }
  if (broken != 0) return kExitUsage;
  return failed == 0 ? kExitClean : kExitFindings;
}

}  // namespace pipec::cli
