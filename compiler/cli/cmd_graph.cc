#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "driver/lint.h"
#include "emit/graph.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::cli {

int run_graph(const GraphOptions& options, const source::FileSystem& fs, Output& output) {
  const auto vars = vars_option(options.vars, "graph", output);
  if (!vars) return kExitUsage;
  driver::LintRequest request;
  request.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  request.load.max_file_size = options.max_file_size;
  request.vars = *vars;
  request.configure = true;
  // Only the files: what the rules would say is `pipec lint`'s to print.
  request.rules.select = {"CP0001"};
  const auto run = driver::lint(fs, request);
  const auto& ws = run->workspace;
  for (const auto& f : ws.files) {
    if (f.load_error) output.err += fmt::format("pipec graph: {}: {}\n", ws.sources.file(f.file).path(), *f.load_error);
  }
  if (run->unreadable()) return kExitUsage;
  std::vector<std::string> names;
  for (const auto& p : ws.pipelines) names.emplace_back(p.display_name());
  if (names.empty()) {
    output.err += "pipec graph: no pipeline in what was read (CodePipeline JSON, a CloudFormation template or a .pipe file)\n";
    return kExitUsage;
  }
  if (options.pipeline && std::find(names.begin(), names.end(), *options.pipeline) == names.end()) {
    output.err += fmt::format("pipec graph: no pipeline named {}", util::quote(*options.pipeline));
    if (const auto near = util::closest_match(*options.pipeline, names)) output.err += fmt::format("; did you mean {}?", util::quote(*near));
    output.err += fmt::format(" (read: {})\n", util::quote_list(names, "and"));
    return kExitUsage;
  }
  const auto format = options.format == "dot" ? emit::GraphFormat::dot : emit::GraphFormat::mermaid;
  output.out += emit::pipeline_graph(ws, format, options.pipeline ? std::optional<std::string_view>(*options.pipeline) : std::nullopt);
  return kExitClean;
}

}  // namespace pipec::cli
