// pipec transform: what a rule's target receives for an event, rendered as
// EventBridge renders input transformers, on stdout; problems on stderr.

#include <algorithm>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/dsl_vars.h"
#include "cli/exit_codes.h"
#include "cli/offline_checks.h"
#include "cli/offline_inputs.h"
#include "cli/rule_choice.h"
#include "diag/render.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "util/text.h"

namespace pipec::cli {

namespace {

diag::Diagnostic problem(diag::Severity severity, source::Span span, std::string message) {
  diag::Diagnostic d;
  d.severity = severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

}  // namespace

int run_transform(const TransformOptions& options, const source::FileSystem& fs, Output& output) {
  std::string error;
  const auto vars = parse_vars(options.vars, error);
  if (!vars) {
    output.err += fmt::format("pipec transform: {}\n", error);
    return kExitUsage;
  }
  std::vector<std::string> declaring{options.declaring};
  declaring.insert(declaring.end(), options.also.begin(), options.also.end());
  const auto inputs = load_offline_inputs(fs, declaring, {options.event}, *vars, options.max_file_size);
  const auto& ws = *inputs->workspace;
  if (!inputs->problems.diagnostics.empty()) diag::render_text(inputs->problems, {options.color, false}, output.err);
  if (inputs->failed) return kExitUsage;
  const syntax::Document* event = inputs->document(options.event);
  if (event == nullptr) return kExitUsage;

  // The target, and the rule it belongs to when the files declare one.
  const Declared declared = declared_in(ws, inputs->files(declaring));
  std::optional<RuleChoice> rule;
  if (options.rule) {
    auto chosen = choose_rule(declared, options.rule, options.declaring);
    if (const auto* message = std::get_if<std::string>(&chosen)) {
      output.err += fmt::format("pipec transform: {}\n", *message);
      return kExitUsage;
    }
    rule = std::get<RuleChoice>(std::move(chosen));
  }
  auto chosen_target = choose_target(declared, rule ? &*rule : nullptr, options.target, options.declaring);
  if (const auto* message = std::get_if<std::string>(&chosen_target)) {
    output.err += fmt::format("pipec transform: {}{}\n", *message, options.target ? "" : "; choose one with --target ID");
    return kExitUsage;
  }
  const TargetChoice& target = std::get<TargetChoice>(chosen_target);
  if (!rule && target.set != nullptr && target.set->event_rule) {
    for (const auto& r : declared.rules) {
      if (r.rule == target.set->event_rule) rule = r;
    }
  }
  if (const auto reason = unresolved_reason(target)) {
    output.err += fmt::format("pipec transform: {}\n", *reason);
    return kExitUsage;
  }

  diag::Report report;
  report.sources = &ws.sources;
  // What EventBridge refuses whatever the event: PutTargets fails.
  report.diagnostics = transformer_errors(target, ws.sources);
  if (!report.diagnostics.empty()) {
    diag::finalize(report);
    diag::render_text(report, {options.color, false}, output.err);
    return kExitUsage;
  }

  // Whether the rule would send this event at all.
  if (rule && rule->pattern != nullptr && !unresolved_reason(*rule->pattern)) {
    const auto compiled = compile_rule_pattern(*rule->pattern, ws.sources, options.numbers_by_value);
    if (compiled.ok()) {
      const auto matched = eventbridge::match(compiled.pattern, *event);
      if (!matched.matched && !matched.decisions.empty()) {
        const auto& d = matched.decisions.front();
        auto w = problem(diag::Severity::warning, d.pattern_value.valid() ? d.pattern_value : d.pattern_key,
                         fmt::format("rule {} does not match this event: {}", util::quote(rule->name), d.message));
        if (d.event_value.valid()) w.related.push_back({d.event_value, "the event"});
        w.notes.push_back("EventBridge would not send this event to the target; the input below is what it would receive if it did");
        report.diagnostics.push_back(std::move(w));
      }
    }
  }

  const auto rendered = target_input(target, ws, *event,
                                     render_options(ws, rule ? &*rule : nullptr, target,
                                                    {options.rule_name, options.rule_arn, options.ingestion_time}));
  for (auto& d : input_problems(rendered, target, options.pipeline)) report.diagnostics.push_back(std::move(d));
  const bool failed = std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                  [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
  if (!report.diagnostics.empty()) {
    diag::finalize(report);
    diag::render_text(report, {options.color, false}, output.err);
  }
  output.out += rendered.text;
  // One line ending, whether or not the template ends with one (a YAML block template does).
  if (!rendered.text.ends_with('\n')) output.out += '\n';
  return failed ? kExitFindings : kExitClean;
}

}  // namespace pipec::cli
