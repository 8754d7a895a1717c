#pragma once
// The buildspecs pipec writes: for an `imagedefinitions` step, the CodeBuild
// commands that turn the ECR source's imageDetail.json into the
// imagedefinitions.json an ECS standard deploy reads.

#include <string>

#include "dsl/ir.h"

namespace pipec::emit {

[[nodiscard]] std::string imagedefinitions_buildspec(const dsl::ir::Action& action);

}  // namespace pipec::emit
