#include "check/runner.h"

#include <algorithm>

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

diag::Report run(const Context& context, std::span<const Rule* const> rules, const RunOptions& options) {
  diag::Report report;
  report.sources = &context.workspace.sources;
  const auto any = [](const std::vector<std::string>& selectors, const diag::RuleMetadata& meta) {
    return std::any_of(selectors.begin(), selectors.end(), [&](const std::string& s) { return matches_selector(meta, s); });
  };
  for (const Rule* rule : rules) {
    if (!options.select.empty() && !any(options.select, rule->meta)) continue;
    if (any(options.ignore, rule->meta)) continue;
    report.rules.push_back(rule->meta);
    Reporter reporter;
    rule->check(context, reporter);
    for (auto& f : reporter.findings()) {
      report.diagnostics.push_back(diag::Diagnostic{rule->meta.id, rule->meta.name, rule->meta.default_severity, f.span,
                                                    std::move(f.message), std::move(f.label), std::move(f.related),
                                                    std::move(f.notes), std::move(f.help), {}});
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
