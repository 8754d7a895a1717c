#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "diag/render.h"
#include "driver/lint.h"
#include "rules/registry.h"

namespace pipec::cli {

namespace {

std::optional<diag::Severity> threshold(std::string_view fail_on) {
  if (fail_on == "never") return std::nullopt;
  return diag::parse_severity(fail_on);
}

// Selectors may be repeated or comma-separated: --ignore CP4002,CP5001.
std::vector<std::string> split_selectors(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    std::size_t start = 0;
    while (start <= item.size()) {
      const auto comma = item.find(',', start);
      const std::string part = item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

int run_lint(const LintOptions& options, const source::FileSystem& fs, Output& output) {
  driver::LintRequest request;
  model::LoadOptions& load = request.load;
  load.max_file_size = options.max_file_size;
  load.read_outside_repository = options.read_outside_repository;
  if (options.kind) {
    load.kind = model::parse_kind(*options.kind);
    if (!load.kind) {
      std::string kinds;
      for (const auto& k : model::all_kinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k.name);
      output.err += fmt::format("pipec: unknown kind \"{}\"; expected one of {}\n", *options.kind, kinds);
      return kExitUsage;
    }
  }
  check::RunOptions& run = request.rules;
  run.select = split_selectors(options.select);
  run.ignore = split_selectors(options.ignore);
  if (const auto unknown = check::unknown_selectors(rules::registry(), run); !unknown.empty()) {
    output.err += fmt::format("pipec: no rule matches \"{}\"; `pipec rules` lists them\n", unknown.front());
    return kExitUsage;
  }
  const auto fail_on = threshold(options.fail_on);
  if (!fail_on && options.fail_on != "never") {
    output.err += fmt::format("pipec: unknown --fail-on \"{}\"; expected error, warning, info or never\n", options.fail_on);
    return kExitUsage;
  }

  request.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  const auto lint = driver::lint(fs, request);
  const diag::Report& report = lint->report;

  if (!diag::render_as(options.format, report, {options.color, options.summary}, version(), output.out)) {
    output.err += fmt::format("pipec: unknown format \"{}\"; expected text, short, json, sarif, github, junit or gitlab\n", options.format);
    return kExitUsage;
  }

  if (lint->unreadable()) return kExitUsage;
  if (options.exit_zero || !fail_on) return kExitClean;
  const bool failing = std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                   [&](const diag::Diagnostic& d) { return d.severity >= *fail_on; });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace pipec::cli
