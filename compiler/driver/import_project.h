#pragma once
// `pipec import`'s recognition of the CodeBuild projects `pipec build`
// writes into a template (an `imagedefinitions` step, a `docker` build, a
// `codebuild` with commands or a buildspec file): the action is rebuilt
// from what the project says, and recognised only when writing it again
// gives exactly the template's project (its buildspec text above all), so a
// project written by hand is never mistaken for one of pipec's.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dsl/vocabulary.h"
#include "emit/pipe_source.h"
#include "syntax/document.h"

namespace pipec::driver {

/// The action that runs the project, as the template declares it.
struct ProjectAction {
  std::string pipeline;             ///< the pipeline's name
  std::string action;               ///< the action's name
  bool test = false;                ///< a Test action (codebuild-test) rather than Build
  std::vector<std::string> inputs;  ///< its input artifacts, in order
};

/// A project pipec writes: the action's kind and the settings that write it.
struct GeneratedProject {
  const dsl::ActionKind* kind = nullptr;
  std::vector<emit::PipeStatement> settings;
};

/// The project whose Properties are `properties`, when it is the one pipec
/// writes for `action`; `text` writes a string value as the file does.
[[nodiscard]] std::optional<GeneratedProject> generated_project(const syntax::Document& d, syntax::NodeId properties,
                                                                const ProjectAction& action,
                                                                const std::function<std::string(const emit::PipeText&)>& text);

}  // namespace pipec::driver
