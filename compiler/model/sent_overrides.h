#pragma once
// The source revision overrides EventBridge targets send to pipelines pipec
// read: each target whose input transformer's template holds
// sourceRevisions, with the pipeline it starts. The cross-file checks of an
// override (its action, its revision type, what the pipeline then deploys)
// read them here.

#include <vector>

#include "model/pipeline_payload.h"
#include "model/workspace.h"

namespace pipec::model {

struct SentOverrides {
  const TargetSet* set = nullptr;
  const Target* target = nullptr;
  Workspace::TargetedPipeline targeted;
  std::vector<SourceRevisionOverride> overrides;
};

/// One entry per target with an input template that starts a pipeline pipec
/// read (in the order of the target sets); `overrides` may be empty.
[[nodiscard]] std::vector<SentOverrides> sent_overrides(const Workspace& ws);

}  // namespace pipec::model
