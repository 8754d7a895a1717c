#include "model/sent_overrides.h"

namespace pipec::model {

std::vector<SentOverrides> sent_overrides(const Workspace& ws) {
  std::vector<SentOverrides> out;
  for (const auto& set : ws.target_sets) {
    for (const auto& target : set.targets) {
      if (!target.transformer) continue;
      const auto targeted = ws.targeted_pipeline(set, target);
      if (!targeted) continue;
      const auto& transformer = ws.transformers[*target.transformer];
      if (!transformer.input_template) continue;
      out.push_back({&set, &target, *targeted, source_revisions(ws.sources, *transformer.input_template)});
    }
  }
  return out;
}

}  // namespace pipec::model
