#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "config/finder.h"
#include "rules/registry.h"
#include "util/glob.h"
#include "util/text.h"

namespace pipec::cli {

namespace {

std::string where(const config::Finder& finder, const config::ConfigFile& file, source::Span span) {
  return fmt::format("{}:{}", file.path, finder.sources().line_col(span.file, span.begin).line);
}

void explain(config::Finder& finder, const std::string& path, std::string& out) {
  out += fmt::format("{}\n", path);
  const config::Placement& placed = finder.place(path);
  const config::ConfigFile* file = placed.config;
  if (file == nullptr) {
    out += "  configuration: none (no .pipec.yaml in its folder or above it, up to the repository's top)\n";
    out += "  fail-on: error (the default)\n";
    return;
  }
  const config::Configuration& c = file->config;
  const std::string& relative = placed.relative;
  out += fmt::format("  configuration: {}\n", file->path);
  out += fmt::format("  path in it: {}\n", relative);
  const config::Glob* excluded_by = nullptr;
  for (const auto& g : c.exclude) {
    if (util::glob_matches(g.text, relative)) excluded_by = &g;
  }
  bool included = c.include.empty();
  for (const auto& g : c.include) included = included || util::glob_matches(g.text, relative);
  if (excluded_by != nullptr) {
    out += fmt::format("  read: no, exclude {} ({})\n", util::quote(excluded_by->text), where(finder, *file, excluded_by->span));
  } else if (!included) {
    out += "  read: no, no include glob matches it\n";
  } else {
    out += "  read: yes\n";
  }
  if (const auto* kind = config::kind_for(c, relative)) {
    out += fmt::format("  kind: {} ({}, kinds {})\n", model::kind_name(kind->kind), where(finder, *file, kind->glob.span),
                       util::quote(kind->glob.text));
  } else {
    out += "  kind: judged from its name and shape\n";
  }
  if (c.fail_on) {
    out += fmt::format("  fail-on: {} ({})\n", *c.fail_on, where(finder, *file, c.fail_on_span));
  } else {
    out += "  fail-on: error (the default)\n";
  }
  for (const auto& v : c.vars) out += fmt::format("  var {}={} ({})\n", v.name, v.value, where(finder, *file, v.span));
  std::string rules;
  for (const check::Rule* rule : rules::registry()) {
    const auto decision = config::decide_rule(c, relative, rule->meta);
    if (!decision.origin.valid()) continue;
    const std::string setting = !decision.enabled ? "off"
                                : decision.severity ? std::string(diag::to_string(*decision.severity))
                                                    : fmt::format("on ({})", diag::to_string(rule->meta.default_severity));
    rules += fmt::format("    {} {:<40} {:<8} ({})\n", rule->meta.id, rule->meta.name, setting, where(finder, *file, decision.origin));
  }
  out += rules.empty() ? "  rules: every rule at its own severity\n" : "  rules the configuration sets:\n" + rules;
  std::string suppressions;
  for (const auto& s : c.suppressions) {
    if (!util::glob_matches(s.path.text, relative)) continue;
    suppressions += fmt::format("    {} at {} ({}): {}\n", s.rule, s.pointer.empty() ? "the whole file" : s.pointer,
                                where(finder, *file, s.span), s.reason);
  }
  if (!suppressions.empty()) out += "  suppressions:\n" + suppressions;
}

}  // namespace

int run_config(const ConfigOptions& options, const source::FileSystem& fs, Output& output) {
  config::Finder finder(fs, options.config);
  if (finder.error()) {
    output.err += fmt::format("pipec: {}\n", *finder.error());
    return kExitUsage;
  }
  const std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  for (const auto& path : paths) {
    if (fs.stat(path).type == source::EntryType::missing) {
      output.err += fmt::format("pipec: {}: no such file or directory\n", path);
      return kExitUsage;
    }
    explain(finder, path, output.out);
  }
  return kExitClean;
}

}  // namespace pipec::cli
