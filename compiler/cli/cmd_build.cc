// pipec build: a .pipe file into CodePipeline JSON, CloudFormation, input
// transformers and buildspecs. Build is lint: the file is linted first and
// any error stops the build; what would be written is linted again; then
// every file is written at once, atomically, or none is.

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "diag/render.h"
#include "driver/lint.h"
#include "dsl/emit_cloudformation.h"
#include "dsl/front_end.h"
#include "dsl/shapes.h"
#include "source/write_file.h"

namespace pipec::cli {

namespace {

constexpr std::string_view kEmits[] = {"codepipeline", "cloudformation", "transformer", "buildspec"};

void render(const diag::Report& report, const BuildOptions& options, Output& output) {
  const diag::TextOptions text{options.color, false};
  if (!diag::render_as(options.format, report, text, version(), output.out)) diag::render_text(report, text, output.out);
}

std::string stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".pipe")) name.resize(name.size() - 5);
  return name;
}

}  // namespace

int run_build(const BuildOptions& options, const source::FileSystem& fs, Output& output) {
  // -- arguments ---------------------------------------------------------------------
  std::string vars_error;
  const auto parsed_vars = dsl::parse_vars(options.vars, vars_error);
  if (!parsed_vars) {
    output.err += fmt::format("pipec build: {}\n", vars_error);
    return kExitUsage;
  }
  const dsl::Vars& vars = *parsed_vars;
  std::set<std::string> emit;
  for (const auto& e : options.emit) {
    std::size_t start = 0;
    while (start <= e.size()) {
      const auto comma = e.find(',', start);
      const std::string part = e.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) {
        if (std::find(std::begin(kEmits), std::end(kEmits), part) == std::end(kEmits)) {
          output.err += fmt::format("pipec build: --emit {}: expected codepipeline, cloudformation, transformer or buildspec\n", part);
          return kExitUsage;
        }
        emit.insert(part);
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (emit.empty()) emit.insert(std::begin(kEmits), std::end(kEmits));
  if (!options.file.ends_with(".pipe")) {
    output.err += fmt::format("pipec build: {} is not a .pipe file\n", options.file);
    return kExitUsage;
  }

  // -- lint the source -----------------------------------------------------------------
  driver::LintRequest request;
  request.paths = {options.file};
  request.load.max_file_size = options.max_file_size;
  request.vars = vars;
  const auto source_lint = driver::lint(fs, request);
  const model::Workspace& workspace = source_lint->workspace;
  const diag::Report& report = source_lint->report;
  const bool unreadable = source_lint->unreadable();
  if (unreadable || source_lint->has_errors()) {
    render(report, options, output);
    output.err += "pipec build: nothing written\n";
    return unreadable ? kExitUsage : kExitFindings;
  }
  if (!report.diagnostics.empty()) render(report, options, output);  // warnings, notes

  const dsl::Compiled* compiled = nullptr;
  for (const auto& f : workspace.files) {
    if (f.kind == model::Kind::dsl) compiled = source_lint->compiled(f.file);
  }
  if (compiled == nullptr) {
    output.err += fmt::format("pipec build: {} was not read as a .pipe file\n", options.file);
    return kExitUsage;
  }
  const dsl::ir::Program& program = compiled->program;

  // -- generate ---------------------------------------------------------------------------
  const std::string dir = options.output_dir.empty() ? "." : options.output_dir;
  std::vector<std::pair<std::string, std::string>> files;
  const auto out_path = [&](const std::string& name) { return source::join_path(dir, name); };
  std::vector<std::string> missing;
  if (emit.contains("codepipeline")) {
    for (const auto& p : program.pipelines) {
      const dsl::ir::Text::Piece* piece = nullptr;  // points into `json`
      const auto json = dsl::codepipeline_json(p);
      std::string text = dsl::write_json(json, vars, false, &piece);
      if (text.empty() && piece != nullptr) {
        const auto where = diag::locate(workspace.sources, piece->span);
        const std::string_view name = dsl::ir::pseudo_name(piece->parameter);
        missing.push_back(fmt::format("{}:{}:{}: error: pipeline {} needs ${{{}}} to be written as CodePipeline JSON: give it with "
                                      "--var {}=…, or build --emit cloudformation (CloudFormation knows {})",
                                      where.path, where.start.line, where.start.column, p.name.text, name, name,
                                      dsl::ir::pseudo_cloudformation(piece->parameter)));
        continue;
      }
      files.emplace_back(out_path(p.name.text + ".codepipeline.json"), std::move(text));
    }
  }
  if (emit.contains("transformer")) {
    for (const auto& r : program.rules) {
      for (const auto& t : r.targets) {
        const auto transformer = dsl::transformer_json(t);
        if (!transformer) continue;
        const std::string name = r.targets.size() == 1 ? r.name.text + ".transformer.json"
                                                        : r.name.text + "." + dsl::target_id(t) + ".transformer.json";
        files.emplace_back(out_path(name), dsl::write_json(*transformer, vars, true));
      }
    }
  }
  if (emit.contains("buildspec")) {
    for (const auto& p : program.pipelines) {
      for (const auto& st : p.stages) {
        for (const auto& a : st.actions) {
          if (a.kind != nullptr && a.kind->word == std::string_view("imagedefinitions")) {
            files.emplace_back(out_path(p.name.text + "." + a.name.text + ".buildspec.yml"), dsl::imagedefinitions_buildspec(a));
          }
        }
      }
    }
  }
  if (emit.contains("cloudformation")) {
    dsl::CfnInput input{&program, fmt::format("Generated by pipec {} from {}", version(), stem(options.file) + ".pipe"),
                        compiled->pattern_files};
    const bool json = options.cfn_format == "json";
    files.emplace_back(out_path(stem(options.file) + (json ? ".cfn.json" : ".cfn.yaml")),
                       dsl::emit_cloudformation(input, json ? dsl::CfnFormat::json : dsl::CfnFormat::yaml));
  }
  if (!missing.empty()) {
    for (const auto& m : missing) output.err += m + "\n";
    output.err += "pipec build: nothing written\n";
    return kExitFindings;
  }

  // -- lint what would be written ------------------------------------------------------------
  source::MemoryFileSystem generated;
  std::vector<std::string> generated_paths;
  for (const auto& [path, text] : files) {
    if (path.ends_with(".json") || path.ends_with(".cfn.yaml")) {
      generated.add(path, text);
      generated_paths.push_back(path);
    }
  }
  if (!generated_paths.empty()) {
    driver::LintRequest emitted;
    emitted.paths = generated_paths;
    const auto emitted_lint = driver::lint(generated, emitted);
    if (emitted_lint->has_errors()) {
      render(emitted_lint->report, options, output);
      output.err += "pipec build: the generated files do not pass lint, which is a bug in pipec; nothing written\n";
      return kExitInternal;
    }
  }

  // -- write -----------------------------------------------------------------------------------
  if (const auto error = source::write_files_atomically(files)) {
    output.err += fmt::format("pipec build: {}; nothing written\n", *error);
    return kExitUsage;
  }
  if (!options.quiet) {
    for (const auto& [path, text] : files) output.out += fmt::format("wrote {}\n", path);
  }
  return kExitClean;
}

}  // namespace pipec::cli
