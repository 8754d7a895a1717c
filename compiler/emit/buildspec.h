#pragma once
// The buildspecs pipec writes for the CodeBuild projects it writes: an
// `imagedefinitions` step (imageDetail.json → imagedefinitions.json), a
// `docker` build (build, push to ECR, write both files) and a `codebuild`
// action with commands.

#include <optional>
#include <string>

#include "dsl/ir.h"

namespace pipec::emit {

/// The buildspec of the project pipec writes for `action`; nothing when it
/// writes none, or when the project reads a buildspec file of the source.
[[nodiscard]] std::optional<std::string> project_buildspec(const dsl::ir::Action& action);

[[nodiscard]] std::string imagedefinitions_buildspec(const dsl::ir::Action& action);
[[nodiscard]] std::string docker_buildspec(const dsl::ir::Action& action);
[[nodiscard]] std::string commands_buildspec(const dsl::ir::Action& action);

}  // namespace pipec::emit
