// pipec test-pattern: does this rule's pattern match these events, and
// which field decided it. EventBridge's TestEventPattern, offline.

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/dsl_vars.h"
#include "cli/exit_codes.h"
#include "cli/offline_checks.h"
#include "cli/offline_inputs.h"
#include "cli/rule_choice.h"
#include "diag/render.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"

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
  std::string error;
  const auto vars = parse_vars(options.vars, error);
  if (!vars) {
    output.err += fmt::format("pipec test-pattern: {}\n", error);
    return kExitUsage;
  }
  const auto inputs = load_offline_inputs(fs, {options.declaring}, options.events, *vars, options.max_file_size);
  const auto& ws = *inputs->workspace;
  if (!inputs->problems.diagnostics.empty()) diag::render_text(inputs->problems, {options.color, false}, output.err);
  if (inputs->failed) return kExitUsage;

  const std::vector<source::FileId> roots = inputs->files({options.declaring});
  const Declared declared = declared_in(ws, roots);
  auto chosen = choose_rule(declared, options.rule, options.declaring);
  if (const auto* message = std::get_if<std::string>(&chosen)) {
    output.err += fmt::format("pipec test-pattern: {}{}\n", *message, options.rule ? "" : "; choose one with --rule NAME");
    return kExitUsage;
  }
  const RuleChoice& rule = std::get<RuleChoice>(chosen);
  if (rule.pattern == nullptr) {
    output.err += fmt::format("pipec test-pattern: rule {} has no event pattern (a schedule, or a pattern pipec cannot read)\n",
                              rule.name);
    return kExitUsage;
  }
  if (const auto reason = unresolved_reason(*rule.pattern)) {
    output.err += fmt::format("pipec test-pattern: {}\n", *reason);
    return kExitUsage;
  }

  const auto compiled = compile_rule_pattern(*rule.pattern, ws.sources, options.numbers_by_value);
  if (!compiled.ok()) {
    diag::Report report;
    report.sources = &ws.sources;
    report.diagnostics = pattern_errors(compiled);
    diag::finalize(report);
    diag::render_text(report, {options.color, false}, output.err);
    return kExitUsage;
  }

  bool all_match = true;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& path : options.events) {
    const syntax::Document* event = inputs->document(path);
    if (event == nullptr) continue;  // reported among the problems
    const auto result = eventbridge::match(compiled.pattern, *event);
    all_match = all_match && result.matched;
    if (options.format == "json") {
      nlohmann::json decisions = nlohmann::json::array();
      for (const auto& d : result.decisions) {
        decisions.push_back({{"branch", d.branch},
                             {"field", d.path},
                             {"message", d.message},
                             {"pattern", location(ws.sources, d.pattern_value.valid() ? d.pattern_value : d.pattern_key)},
                             {"event", location(ws.sources, d.event_value)}});
      }
      results.push_back({{"event", path}, {"matched", result.matched}, {"decisions", std::move(decisions)}});
      continue;
    }
    if (options.quiet) continue;
    if (result.matched) {
      output.out += fmt::format("match: {}\n", path);
      for (const auto& d : result.decisions) {
        const auto where = diag::locate(ws.sources, d.pattern_value);
        output.out += fmt::format("  {}  ({}:{}:{})\n", d.message, where.path, where.start.line, where.start.column);
      }
    } else {
      diag::Report mismatch;
      mismatch.sources = &ws.sources;
      for (const auto& d : result.decisions) mismatch.diagnostics.push_back(no_match(d, path, compiled.pattern.branches.size()));
      diag::render_text(mismatch, {options.color, false}, output.out);
    }
  }
  if (options.format == "json") {
    const nlohmann::json doc = {{"version", 1}, {"rule", rule.name}, {"results", std::move(results)}};
    output.out += doc.dump(2) + "\n";
  }
  return all_match ? kExitClean : kExitFindings;
}

}  // namespace pipec::cli
