// pipec build: parses the options, runs driver::build, and says what
// happened.

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "diag/render.h"
#include "driver/build.h"

namespace pipec::cli {

namespace {

void render(const diag::Report& report, const BuildOptions& options, Output& output) {
  const diag::TextOptions text{options.color, false};
  if (!diag::render_as(options.format, report, text, version(), output.out)) diag::render_text(report, text, output.out);
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

  const driver::Build build = driver::build(fs, request);
  using Outcome = driver::Build::Outcome;
  const diag::Report& source_report = build.source->report;
  switch (build.outcome) {
    case Outcome::unreadable:
    case Outcome::source_errors:
      render(source_report, options, output);
      output.err += "pipec build: nothing written\n";
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
      output.err += "pipec build: nothing written\n";
      return kExitFindings;
    case Outcome::generated_errors:
      render(build.generated->report, options, output);
      output.err += "pipec build: the generated files do not pass lint, which is a bug in pipec; nothing written\n";
      return kExitInternal;
    case Outcome::write_failed:
      output.err += fmt::format("pipec build: {}; nothing written\n", build.write_error);
      return kExitUsage;
    default: break;
  }
  if (!options.quiet) {
    for (const auto& f : build.plan.files) output.out += fmt::format("wrote {}\n", f.path);
  }
  return kExitClean;
}

}  // namespace pipec::cli
