#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "config/finder.h"
#include "diag/render.h"
#include "driver/add_suppressions.h"
#include "driver/baseline.h"
#include "driver/fixes.h"
#include "driver/lint.h"
#include "rules/registry.h"
#include "source/overlay_file_system.h"
#include "source/write_file.h"
#include "util/credentials.h"
#include "util/unified_diff.h"

namespace pipec::cli {

namespace {

// Passes of --fix: a fix that overlaps another waits for the next pass, and
// a pass that fixes nothing ends it; the bound only guards against fixes
// that undo each other.
constexpr int kMaxFixPasses = 8;

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

// The name stdin is linted as: --stdin-filename, else one whose extension
// says JSON or YAML by the first character of the text.
std::string stdin_name(const LintOptions& options, std::string_view text) {
  if (options.stdin_filename) return *options.stdin_filename;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[') ? "stdin.json" : "stdin.yaml";
}

// The fail-on the run takes: --fail-on, else the configuration's for the
// working folder, else error.
std::string fail_on_of(const LintOptions& options, driver::LintRun& run) {
  if (!options.fail_on.empty()) return options.fail_on;
  if (run.configurations) {
    if (const auto* config = run.configurations->place(".").config) {
      if (config->config.fail_on) return *config->config.fail_on;
    }
  }
  return "error";
}

std::optional<std::string> write_all(const std::map<std::string, std::string>& texts) {
  // Every file's new text is complete before the first is renamed into
  // place; each rename is atomic.
  for (const auto& [path, text] : texts) {
    if (auto error = source::write_file_atomically(path, text)) return fmt::format("{}: {}", path, *error);
  }
  return std::nullopt;
}

// run_lint, leaving its run in `lint` whatever it returns.
int lint_and_report(const LintOptions& options, const source::FileSystem& disk, Output& output,
                    std::unique_ptr<driver::LintRun>& lint) {
  driver::LintRequest request;
  model::LoadOptions& load = request.load;
  load.max_file_size = options.max_file_size;
  load.read_outside_repository = options.read_outside_repository;
  request.configure = !options.no_config;
  request.config_file = options.config;
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
  if (!options.fail_on.empty() && options.fail_on != "never" && !threshold(options.fail_on)) {
    output.err += fmt::format("pipec: unknown --fail-on \"{}\"; expected error, warning, info or never\n", options.fail_on);
    return kExitUsage;
  }
  const int edits = int(options.fix) + int(options.diff) + int(options.add_suppressions) + int(options.write_baseline.has_value());
  if (edits > 1) {
    output.err += "pipec: --fix, --diff, --add-suppressions and --write-baseline each change files; give one at a time\n";
    return kExitUsage;
  }
  if (options.add_suppressions && options.reason.empty()) {
    output.err += "pipec: --add-suppressions needs --reason \"…\": every suppression says why\n";
    return kExitUsage;
  }

  // Stdin, read once, is a file of the overlay under its name.
  source::OverlayFileSystem fs(disk);
  request.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  for (auto& path : request.paths) {
    if (path != "-") continue;
    if (options.fix || options.add_suppressions) {
      output.err += "pipec: --fix and --add-suppressions change files in place; stdin has none (use --diff)\n";
      return kExitUsage;
    }
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    path = stdin_name(options, text);
    fs.set(path, std::move(text));
  }

  std::optional<driver::Baseline> baseline;
  if (options.baseline) {
    const auto read = disk.read(*options.baseline);
    std::string error = read.ok ? std::string() : read.error;
    if (read.ok) baseline = driver::read_baseline(read.text, error);
    if (!baseline) {
      output.err += fmt::format("pipec: --baseline {}: {}\n", *options.baseline, error);
      return kExitUsage;
    }
  }

  lint = driver::lint(fs, request);
  if (lint->configurations && lint->configurations->error()) {
    output.err += fmt::format("pipec: {}\n", *lint->configurations->error());
    return kExitUsage;
  }

  // --fix and --diff: apply the certain fixes, pass after pass, in memory;
  // the findings reported are those left after the last.
  std::map<std::string, std::string> fixed;
  std::size_t fixes = 0;
  if (options.fix || options.diff) {
    for (int pass = 0; pass < kMaxFixPasses; ++pass) {
      const auto applied = driver::apply_fixes(lint->report);
      if (applied.applied == 0) break;
      fixes += applied.applied;
      for (const auto& [path, text] : applied.texts) {
        fs.set(path, text);
        fixed[path] = text;
      }
      lint = driver::lint(fs, request);
    }
  }

  if (baseline) (void)driver::subtract_baseline(*lint, disk, *baseline, *options.baseline);
  const diag::Report& report = lint->report;

  std::string rendered;
  if (!diag::render_as(options.format, report, {options.color, options.summary}, version(), rendered)) {
    output.err += fmt::format("pipec: unknown format \"{}\"; expected text, short, json, sarif, github, junit or gitlab\n", options.format);
    return kExitUsage;
  }

  // --diff prints the changes alone, and fails when there are some (as a
  // formatter's check does).
  if (options.diff) {
    for (const auto& [path, text] : fixed) {
      const auto before = disk.read(path);
      output.out += util::unified_diff(before.ok ? before.text : std::string(), text, path, path + " (fixed)");
    }
    output.err += fmt::format("pipec: {} fix{} would change {} file{}\n", fixes, fixes == 1 ? "" : "es", fixed.size(),
                              fixed.size() == 1 ? "" : "s");
    return fixed.empty() ? kExitClean : kExitFindings;
  }
  if (options.fix && !fixed.empty()) {
    if (auto error = write_all(fixed)) {
      output.err += fmt::format("pipec: {}\n", *error);
      return kExitUsage;
    }
    output.err += fmt::format("pipec: fixed {} finding{} in {} file{}\n", fixes, fixes == 1 ? "" : "s", fixed.size(),
                              fixed.size() == 1 ? "" : "s");
  }
  if (options.write_baseline) {
    std::string text = driver::write_baseline(*lint, disk, *options.write_baseline);
    util::mask_credentials(text);
    if (auto error = source::write_file_atomically(*options.write_baseline, text)) {
      output.err += fmt::format("pipec: --write-baseline {}: {}\n", *options.write_baseline, *error);
      return kExitUsage;
    }
    output.err += fmt::format("pipec: recorded {} finding{} in {}\n", report.diagnostics.size(),
                              report.diagnostics.size() == 1 ? "" : "s", *options.write_baseline);
    return kExitClean;
  }
  if (options.add_suppressions) {
    const auto added = driver::add_suppressions(*lint, fs, options.reason);
    if (auto error = write_all(added.texts)) {
      output.err += fmt::format("pipec: {}\n", *error);
      return kExitUsage;
    }
    output.err += fmt::format("pipec: suppressed {} finding{} in {} file{}{}\n", added.added, added.added == 1 ? "" : "s",
                              added.texts.size(), added.texts.size() == 1 ? "" : "s",
                              added.skipped == 0 ? "" : fmt::format("; {} committed secret{} left to remove", added.skipped,
                                                                    added.skipped == 1 ? "" : "s"));
    return kExitClean;
  }

  if (options.output_file) {
    util::mask_credentials(rendered);
    if (auto error = source::write_file_atomically(*options.output_file, rendered)) {
      output.err += fmt::format("pipec: --output {}: {}\n", *options.output_file, *error);
      return kExitUsage;
    }
  } else {
    output.out += rendered;
  }

  if (lint->unreadable()) return kExitUsage;
  const std::string fail_on = fail_on_of(options, *lint);
  const auto fail_at = threshold(fail_on);
  const auto counts = diag::count(report);
  const bool too_many_warnings = options.max_warnings && counts.warnings > *options.max_warnings;
  if (too_many_warnings) {
    output.err += fmt::format("pipec: {} warnings, more than --max-warnings {}\n", counts.warnings, *options.max_warnings);
  }
  if (options.exit_zero) return kExitClean;
  const bool failing = fail_at && std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                              [&](const diag::Diagnostic& d) { return d.severity >= *fail_at; });
  return failing || too_many_warnings ? kExitFindings : kExitClean;
}

}  // namespace

int run_lint(const LintOptions& options, const source::FileSystem& disk, Output& output) {
  std::unique_ptr<driver::LintRun> lint;
  const int status = lint_and_report(options, disk, output, lint);
  output.keep(std::move(lint));
  return status;
}

}  // namespace pipec::cli
