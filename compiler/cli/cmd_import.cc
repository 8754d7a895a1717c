// pipec import: runs driver::import_pipelines and puts the .pipe text on
// stdout or, with -o, in a file written atomically. Diagnostics go to
// stderr, so stdout is only ever the .pipe file.

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "diag/render.h"
#include "driver/import.h"
#include "source/write_file.h"

namespace pipec::cli {

int run_import(const ImportOptions& options, const source::FileSystem& fs, Output& output) {
  driver::ImportRequest request;
  request.paths = options.paths;
  request.max_file_size = options.max_file_size;
  const driver::Import result = driver::import_pipelines(fs, request);
  const diag::Report& report = result.run->report;
  if (!report.diagnostics.empty()) diag::render_text(report, diag::TextOptions{options.color, true}, output.err);
  using Outcome = driver::Import::Outcome;
  switch (result.outcome) {
    case Outcome::unreadable: output.err += "pipec import: nothing imported\n"; return kExitUsage;
    case Outcome::errors: output.err += "pipec import: the input has errors; nothing imported\n"; return kExitFindings;
    case Outcome::nothing:
      output.err += "pipec import: no pipeline in what was read (CodePipeline JSON or a CloudFormation template)\n";
      return kExitUsage;
    case Outcome::imported: break;
  }
  if (!options.output_file) {
    output.out += result.text;
    return kExitClean;
  }
  if (const auto error = source::write_file_atomically(*options.output_file, result.text)) {
    output.err += fmt::format("pipec import: {}; nothing written\n", *error);
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace pipec::cli
