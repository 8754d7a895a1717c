#pragma once
// What CodePipeline's service role needs for the work of a pipeline: for
// each action, the IAM actions CodePipeline calls on the action's behalf and
// the resources it calls them on; for the artifact store, S3 and KMS. From
// the CodePipeline User Guide, "Manage the CodePipeline service role" (the
// statements it lists per action type) and each action's reference page
// ("Service role permissions"). Resources are ARN patterns: '*' stands for
// what the pipeline does not say (its partition, Region and account), as
// IAM matches them and as a statement to add would write them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/pipeline.h"

namespace pipec::model {

struct Permission {
  std::string_view action;  ///< "ecr:DescribeImages" (a literal)
  std::string resource;     ///< an ARN pattern, '*' where the pipeline does not say
  std::string_view noun;    ///< what it is needed on, for messages: "repository" (a literal)
  std::optional<std::string> name;  ///< and its name, if the noun takes one: "web"

  /// For messages: `repository "web"`, or the noun alone. Made only for a
  /// permission a role lacks, not for every one asked about.
  [[nodiscard]] std::string what() const;
};

/// What the pipeline's role needs for `action`; empty for an action whose
/// needs pipec does not know, or whose configuration it cannot read.
[[nodiscard]] std::vector<Permission> action_permissions(const Action& action);

/// What it needs for an artifact store: read and write its bucket, and use
/// its KMS key when it has one.
[[nodiscard]] std::vector<Permission> store_permissions(const ArtifactStore& store);

}  // namespace pipec::model
