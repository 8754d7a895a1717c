#include "cli/offline_inputs.h"

#include <algorithm>

#include "check/runner.h"
#include "model/load.h"
#include "rules/registry.h"
#include "schema/validator.h"

namespace pipec::cli {

std::vector<source::FileId> OfflineInputs::files(const std::vector<std::string>& paths) const {
  std::vector<source::FileId> out;
  for (const auto& f : workspace->files) {
    if (f.load_error) continue;
    const std::string& path = workspace->sources.file(f.file).path();
    if (std::find(paths.begin(), paths.end(), path) != paths.end()) out.push_back(f.file);
  }
  return out;
}

bool OfflineInputs::has_errors(const std::string& path) const {
  const auto& sources = workspace->sources;
  return std::any_of(problems.diagnostics.begin(), problems.diagnostics.end(), [&](const diag::Diagnostic& d) {
    return d.severity == diag::Severity::error && d.span.valid() &&
           sources.file(sources.to_root(d.span).file).path() == path;
  });
}

const syntax::Document* OfflineInputs::document(const std::string& path) const {
  for (const auto& f : workspace->files) {
    if (!f.load_error && f.document != nullptr && workspace->sources.file(f.file).path() == path) return f.document;
  }
  return nullptr;
}

std::unique_ptr<OfflineInputs> load_offline_inputs(const source::FileSystem& fs, const std::vector<std::string>& declaring,
                                                   const std::vector<std::string>& events, const dsl::Vars& vars,
                                                   std::uint64_t max_file_size, const std::vector<std::string>& suites) {
  auto out = std::make_unique<OfflineInputs>();
  out->pipe = std::make_unique<dsl::PipeFrontEnd>(vars);
  model::LoadOptions load;
  load.max_file_size = max_file_size;
  load.front_ends.push_back(out->pipe.get());
  for (const auto& e : events) load.path_kinds.emplace_back(e, model::Kind::event);
  for (const auto& s : suites) load.path_kinds.emplace_back(s, model::Kind::test_suite);
  std::vector<std::string> paths = suites;
  for (const auto& d : declaring) {
    if (std::find(paths.begin(), paths.end(), d) == paths.end()) paths.push_back(d);
  }
  for (const auto& e : events) {
    if (std::find(paths.begin(), paths.end(), e) == paths.end()) paths.push_back(e);
  }
  out->workspace = std::make_unique<model::Workspace>(model::load(fs, paths, load));

  // The syntax rules only: whether a pipeline in the same file is sound is
  // `pipec lint`'s business, not a pattern test's.
  check::RunOptions run;
  run.select = {"CP000"};
  run.ignore = {"CP0006"};  // a kind is forced or irrelevant here
  schema::Validator validator;
  out->problems = check::run(check::Context{*out->workspace, validator}, rules::registry(), run);
  out->failed = std::any_of(out->problems.diagnostics.begin(), out->problems.diagnostics.end(),
                            [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
  return out;
}

}  // namespace pipec::cli
