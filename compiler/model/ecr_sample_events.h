#pragma once
// Sample ECR events, one or two per detail type, as AWS documents them
// (samples/ecr-events/), compiled into the binary: rules render a pipeline
// target's input transformer with them to see what the pipeline would
// receive (CP4006). They follow the ECR event model (ecr_events.h); a unit
// test keeps them so.

#include <span>

#include "util/embedded.h"

namespace pipec::model {

using util::EmbeddedFile;

/// Every sample, by its file name ("image-action-push.json").
[[nodiscard]] std::span<const util::EmbeddedFile> ecr_sample_events();

}  // namespace pipec::model
