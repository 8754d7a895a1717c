#include "driver/lint.h"

#include <algorithm>

#include "driver/pipe_front_end.h"
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

std::unique_ptr<LintRun> lint(const source::FileSystem& fs, const LintRequest& request) {
  auto run = std::make_unique<LintRun>(request.vars);
  model::LoadOptions load = request.load;
  load.front_ends.push_back(run->pipe_.get());
  run->workspace = model::load(fs, request.paths, load);
  schema::Validator validator;
  eventbridge::PatternCache patterns(run->workspace.sources);
  run->report = check::run(check::Context{run->workspace, validator, patterns}, rules::registry(), request.rules);
  return run;
}

}  // namespace pipec::driver
