#include "check/runner.h"

#include <fmt/core.h>

#include <algorithm>

#include "util/parallel.h"
#include "util/text.h"

namespace pipec::check {

bool matches_selector(const diag::RuleMetadata& rule, std::string_view selector) {
  if (selector == rule.id || selector == rule.name) return true;
  return selector.size() >= 3 && selector.size() < rule.id.size() && rule.id.starts_with(selector);
}

std::vector<std::string> unknown_selectors(std::span<const Rule* const> rules, const RunOptions& options) {
  std::vector<std::string> unknown;
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const auto& selector : *list) {
      const bool known = std::any_of(rules.begin(), rules.end(),
                                     [&](const Rule* r) { return matches_selector(r->meta, selector); });
      if (!known) unknown.push_back(selector);
    }
  }
  return unknown;
}

namespace {

// The parameter value (its Default, or one of its AllowedValues) that holds
// `span`, if any.
const model::LoadedFile::ParameterValue* parameter_value_at(const model::Workspace& ws, source::Span span) {
  if (!span.valid()) return nullptr;
  const source::Span root = ws.sources.to_root(span);
  for (const auto& file : ws.files) {
    if (file.file != root.file) continue;
    for (const auto& value : file.parameter_values) {
      if (value.span.begin <= root.begin && root.end <= value.span.end) return &value;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<std::size_t> schedule(std::span<const Rule* const> rules) {
  std::vector<std::size_t> order(rules.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return rules[i]->cost == Cost::heavy; });
  return order;
}

diag::Report run(const Context& context, std::span<const Rule* const> rules, const RunOptions& options) {
  diag::Report report;
  report.sources = &context.workspace.sources;
  const auto any = [](const std::vector<std::string>& selectors, const diag::RuleMetadata& meta) {
    return std::any_of(selectors.begin(), selectors.end(), [&](const std::string& s) { return matches_selector(meta, s); });
  };
  std::vector<const Rule*> chosen;
  for (const Rule* rule : rules) {
    if (!options.select.empty() && !any(options.select, rule->meta)) continue;
    if (any(options.ignore, rule->meta)) continue;
    chosen.push_back(rule);
  }
  // Rules only read the workspace (and the shared caches lock), so they run
  // on every core; their findings are taken in the rules' order whichever
  // finishes first. The costly rules are started first (100 templates on 2
  // cores: 47 ms → 43 ms; bench/README.md); a rule that throws (pipec's
  // internal error) is reported as the first in that order.
  std::uint64_t bytes = 0;
  for (const auto& file : context.workspace.files) bytes += context.workspace.sources.file(file.file).text().size();
  const std::vector<std::size_t> order = schedule(chosen);
  std::vector<Reporter> reporters(chosen.size());
  util::parallel_for(order.size(), [&](std::size_t turn) {
    const std::size_t i = order[turn];
    if (chosen[i]->check != nullptr) chosen[i]->check(context, reporters[i]);
  }, util::jobs_per_worker_for(chosen.size(), bytes));
  report.rules.reserve(chosen.size());
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const Rule* rule = chosen[i];
    report.rules.push_back(rule->meta);
    for (auto& f : reporters[i].findings()) {
      diag::Severity severity = f.severity.value_or(rule->meta.default_severity);
      // A template's parameter default, or one of its allowed values, is a
      // value a deployment may not use: a finding there is a warning,
      // whatever the rule.
      if (const auto* value = parameter_value_at(context.workspace, f.span); value != nullptr && severity == diag::Severity::error) {
        severity = diag::Severity::warning;
        f.notes.push_back(value->is_default
                              ? fmt::format("this is the default of parameter {}; a deployment that passes another value is not affected",
                                            util::quote(value->parameter))
                              : fmt::format("this is one of the AllowedValues of parameter {}; a deployment that chooses it fails, "
                                            "one that chooses another is not affected",
                                            util::quote(value->parameter)));
      }
      report.diagnostics.push_back(diag::Diagnostic{rule->meta.id, rule->meta.name, severity, f.span,
                                                    std::move(f.message), std::move(f.label), std::move(f.related),
                                                    std::move(f.notes), std::move(f.help), {}, std::move(f.fix)});
    }
  }
  // Credentials are masked whatever rules ran.
  for (const auto& file : context.workspace.files) {
    for (const auto& secret : file.secrets) report.redactions.push_back({secret.span, secret.shown()});
    if (file.withheld) report.withheld.push_back(file.file);
  }
  report.files_checked = context.workspace.files.size();
  diag::finalize(report);
  return report;
}

}  // namespace pipec::check
