#include "offline/inputs.h"

#include <fmt/core.h>

#include <algorithm>

namespace pipec::offline {

std::unique_ptr<driver::LintRun> read_inputs(const source::FileSystem& fs, const InputFiles& files) {
  driver::LintRequest request;
  request.load.max_file_size = files.max_file_size;
  for (const auto& e : files.events) request.load.path_kinds.emplace_back(e, model::Kind::event);
  for (const auto& s : files.suites) request.load.path_kinds.emplace_back(s, model::Kind::test_suite);
  for (const auto& p : files.patterns) {
    request.load.path_kinds_unless.push_back({p, model::Kind::event_pattern, {model::Kind::put_rule, model::Kind::cloudformation}});
  }
  request.vars = files.vars;
  request.load.read_outside_repository = files.read_outside_repository;
  if (files.named_by_suite) {
    request.load.named_paths = files.declaring;
    request.load.named_paths.insert(request.load.named_paths.end(), files.events.begin(), files.events.end());
  }
  const auto add = [&](const std::string& path) {
    if (std::find(request.paths.begin(), request.paths.end(), path) == request.paths.end()) request.paths.push_back(path);
  };
  for (const auto& s : files.suites) add(s);
  for (const auto& d : files.declaring) add(d);
  for (const auto& e : files.events) add(e);
  request.rules.select = {"CP000"};
  request.rules.ignore = {"CP0006"};  // a kind is forced or irrelevant here
  return driver::lint(fs, request);
}

}  // namespace pipec::offline
