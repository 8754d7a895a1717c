#include "driver/lint.h"

#include <algorithm>

#include "config/finder.h"
#include "driver/pipe_front_end.h"
#include "driver/policy.h"
#include "model/classify.h"
#include "eventbridge/model_pattern.h"
#include "rules/registry.h"
#include "schema/validator.h"

namespace pipec::driver {

LintRun::LintRun(const dsl::Vars& vars) : pipe_(std::make_unique<PipeFrontEnd>(vars)) {}

LintRun::~LintRun() = default;

bool LintRun::unreadable() const {
  return std::any_of(workspace.files.begin(), workspace.files.end(),
                     [](const model::LoadedFile& f) { return f.load_error.has_value(); });
}

bool LintRun::has_errors() const {
  return std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                     [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
}

bool LintRun::has_errors_in(const std::string& path) const {
  const auto& sources = workspace.sources;
  return std::any_of(report.diagnostics.begin(), report.diagnostics.end(), [&](const diag::Diagnostic& d) {
    return d.severity == diag::Severity::error && d.span.valid() && sources.file(sources.to_root(d.span).file).path() == path;
  });
}

const Compiled* LintRun::compiled(source::FileId file) const { return pipe_->compiled(file); }

std::vector<source::FileId> LintRun::files(const std::vector<std::string>& paths) const {
  std::vector<source::FileId> out;
  for (const auto& f : workspace.files) {
    if (f.load_error) continue;
    const std::string& path = workspace.sources.file(f.file).path();
    if (std::find(paths.begin(), paths.end(), path) != paths.end()) out.push_back(f.file);
  }
  return out;
}

const syntax::Document* LintRun::document(const std::string& path) const {
  for (const auto& f : workspace.files) {
    if (!f.load_error && f.document != nullptr && workspace.sources.file(f.file).path() == path) return f.document;
  }
  return nullptr;
}

namespace {

// The configurations that govern the inputs, and the load options and
// pseudo-parameters they give. Each configuration is also read as an input,
// so that CP0123 checks it and findings about it have a place to point.
struct Configured {
  std::vector<std::string> paths;
  dsl::Vars vars;
};

Configured configure(const LintRequest& request, config::Finder& finder, model::LoadOptions& load) {
  Configured out{request.paths, {}};
  // Placed now, to find the configurations; the loader asks again, of the
  // files it reads, and gets the same answer without asking the disk.
  std::vector<std::string> roots;
  for (const auto& path : request.paths) roots.push_back(finder.place(path).real);
  for (const auto& file : finder.files()) {
    const bool walked = std::any_of(roots.begin(), roots.end(), [&](const std::string& root) {
      return file->real == root || source::path_below(root, file->real);
    });
    if (!walked) out.paths.push_back(file->path);
    for (const auto& var : file->config.vars) out.vars.emplace(var.name, var.value);  // the first configuration's value wins
  }
  for (const auto& [name, value] : request.vars) out.vars[name] = value;  // --var over the configuration
  load.excluded = [&finder](const std::string& path) {
    if (model::is_pipec_config_name(source::file_name(path))) return false;
    const config::Placement& placed = finder.place(path, config::PathIs::file);
    return placed.config != nullptr && config::excludes(placed.config->config, placed.relative);
  };
  load.configured_kind = [&finder](const std::string& path) -> std::optional<model::Kind> {
    const config::Placement& placed = finder.place(path, config::PathIs::file);
    if (placed.config == nullptr) return std::nullopt;
    const config::KindGlob* kind = config::kind_for(placed.config->config, placed.relative);
    if (kind == nullptr) return std::nullopt;
    return kind->kind;
  };
  return out;
}

}  // namespace

std::unique_ptr<LintRun> lint(const source::FileSystem& fs, const LintRequest& request) {
  model::LoadOptions load = request.load;
  std::unique_ptr<config::Finder> finder;
  Configured configured{request.paths, request.vars};
  if (request.configure) {
    finder = std::make_unique<config::Finder>(fs, request.config_file);
    configured = configure(request, *finder, load);
  }
  auto run = std::make_unique<LintRun>(configured.vars);
  run->configurations = std::move(finder);
  run->vars = configured.vars;
  load.front_ends.push_back(run->pipe_.get());
  run->workspace = model::load(fs, configured.paths, load);
  run->validator_ = std::make_unique<schema::Validator>();
  run->patterns_ = std::make_unique<eventbridge::PatternCache>(run->workspace.sources);
  run->report = check::run(check::Context{run->workspace, *run->validator_, *run->patterns_}, rules::registry(), request.rules);
  if (run->configurations) apply_policy(run->workspace, *run->configurations, run->report);
  return run;
}

}  // namespace pipec::driver
