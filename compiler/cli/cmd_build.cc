// pipec build: parses the options, runs driver::build, and says what
// happened. With --check, nothing is written: the files the build would
// write are compared with the output folder, and what differs is printed as
// a unified diff.

#include <fmt/core.h>

#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "driver/build.h"
#include "util/text.h"
#include "util/unified_diff.h"

namespace pipec::cli {

namespace {

void render(const diag::Report& report, const BuildOptions& options, Output& output) {
  const diag::TextOptions text{options.color, false};
  if (!diag::render_as(options.format, report, text, version(), output.out)) diag::render_text(report, text, output.out);
}

// --check: each difference as `diff -u` prints it, then what to do on
// stderr. The diff goes to stdout, as diff's does, with the line formats
// (text, short, github); a document format (json, sarif, junit, gitlab)
// must stay the only thing on stdout, so there it goes to stderr.
int report_drift(const driver::Build& build, const BuildOptions& options, Output& output) {
  const std::string& dir = options.output_dir;
  if (build.drift.empty()) {
    if (!options.quiet) output.out += fmt::format("{}: up to date ({})\n", dir, util::plural(build.plan.files.size(), "file"));
    return kExitClean;
  }
  const bool lines = options.format == "text" || options.format == "short" || options.format == "github";
  std::string& diffs = lines ? output.out : output.err;
  std::size_t changed = 0;
  std::size_t missing = 0;
  std::vector<std::string> stale;
  for (const auto& d : build.drift) {
    switch (d.kind) {
      case driver::Drift::Kind::changed:
        ++changed;
        diffs += util::unified_diff(d.committed, d.generated, d.path + " (committed)", d.path + " (generated)");
        break;
      case driver::Drift::Kind::missing:
        ++missing;
        diffs += util::unified_diff("", d.generated, d.path + " (missing)", d.path + " (generated)");
        break;
      case driver::Drift::Kind::stale: stale.push_back(d.path); break;
    }
  }
  for (const auto& path : stale) {
    output.err += fmt::format("pipec build: {} is named as a generated file, and {} no longer generates it\n", path, options.file);
  }
  std::vector<std::string> parts;
  if (changed > 0) parts.push_back(fmt::format("{} differ{}", util::plural(changed, "file"), changed == 1 ? "s" : ""));
  if (missing > 0) parts.push_back(fmt::format("{} {} missing", missing, missing == 1 ? "is" : "are"));
  if (!stale.empty()) parts.push_back(fmt::format("{} {} no longer generated", stale.size(), stale.size() == 1 ? "is" : "are"));
  output.err += fmt::format("pipec build: {} is out of date with {}: {}\n", dir, options.file, util::list(parts));
  if (changed + missing > 0) output.err += "  run the same command without --check to write the generated files\n";
  if (!stale.empty()) output.err += "  remove the files no longer generated (a build leaves files it does not write)\n";
  return kExitFindings;
}

}  // namespace

int run_build(const BuildOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "build", output);
  if (!vars) return kExitUsage;
  driver::BuildRequest request;
  for (const auto& e : options.emit) {
    std::size_t start = 0;
    while (start <= e.size()) {
      const auto comma = e.find(',', start);
      const std::string part = e.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) {
        const auto output_kind = emit::parse_output(part);
        if (!output_kind) {
          output.err += fmt::format("pipec build: --emit {}: expected codepipeline, cloudformation, transformer or buildspec\n", part);
          return kExitUsage;
        }
        request.outputs.insert(*output_kind);
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (!options.file.ends_with(".pipe")) {
    output.err += fmt::format("pipec build: {} is not a .pipe file\n", options.file);
    return kExitUsage;
  }
  request.file = options.file;
  request.directory = options.output_dir;
  request.cfn_format = options.cfn_format == "json" ? emit::CfnFormat::json : emit::CfnFormat::yaml;
  request.vars = *vars;
  request.max_file_size = options.max_file_size;
  request.read_outside_repository = options.read_outside_repository;
  request.tool_version = std::string(version());
  request.check = options.check;
  const char* nothing = options.check ? "nothing compared" : "nothing written";

  auto made = std::make_unique<driver::Build>(driver::build(fs, request));
  const driver::Build& build = *made;
  output.keep(std::move(made));  // freed with the output: main ends the process instead
  using Outcome = driver::Build::Outcome;
  const diag::Report& source_report = build.source->report;
  switch (build.outcome) {
    case Outcome::unreadable:
    case Outcome::source_errors:
      render(source_report, options, output);
      output.err += fmt::format("pipec build: {}\n", nothing);
      return build.outcome == Outcome::unreadable ? kExitUsage : kExitFindings;
    case Outcome::not_pipe:
      if (!source_report.diagnostics.empty()) render(source_report, options, output);
      output.err += fmt::format("pipec build: {} was not read as a .pipe file\n", options.file);
      return kExitUsage;
    default: break;
  }
  if (!source_report.diagnostics.empty()) render(source_report, options, output);  // warnings, notes
  switch (build.outcome) {
    case Outcome::missing_values:  // said in the report, rendered above
      output.err += fmt::format("pipec build: {}\n", nothing);
      return kExitFindings;
    case Outcome::generated_errors:
      render(build.generated->report, options, output);
      output.err += fmt::format("pipec build: the generated files do not pass lint, which is a bug in pipec; {}\n", nothing);
      return kExitInternal;
    case Outcome::write_failed:
      output.err += fmt::format("pipec build: {}; nothing written\n", build.write_error);
      return kExitUsage;
    case Outcome::check_failed:
      output.err += fmt::format("pipec build: {}; nothing compared\n", build.write_error);
      return kExitUsage;
    case Outcome::checked: return report_drift(build, options, output);
    default: break;
  }
  if (!options.quiet) {
    // Where stdout is one document (json, sarif, junit, gitlab), the list of
    // files goes to stderr, so stdout stays parseable.
    const bool document = options.format != "text" && options.format != "short" && options.format != "github";
    std::string& to = document ? output.err : output.out;
    for (const auto& f : build.plan.files) to += fmt::format("wrote {}\n", f.path);
  }
  return kExitClean;
}

}  // namespace pipec::cli
