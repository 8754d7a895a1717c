#pragma once
// The input a CodePipeline target receives: StartPipelineExecution's input
// without the pipeline name (which comes from the target's ARN),
//
//   {"sourceRevisions": [{"actionName", "revisionType", "revisionValue"}],
//    "variables": [{"name", "value"}]}
//
// checked against the CodePipeline API's shapes: SourceRevisionOverride
// (actionName 1-100 [A-Za-z0-9.@\-_]+; revisionType COMMIT_ID, IMAGE_DIGEST,
// S3_OBJECT_VERSION_ID or S3_OBJECT_KEY; revisionValue 1-1500 characters;
// at most 50) and PipelineVariable (name 1-128 [A-Za-z0-9@\-_]+, value
// 1-1000 characters; 1 to 50 of them). No other keys.

#include <string>
#include <vector>

#include "eventbridge/transform.h"
#include "source/span.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

struct PayloadError {
  source::Span span;
  std::string message;
};

[[nodiscard]] std::vector<PayloadError> check_start_pipeline_input(const syntax::Document& payload);

/// The rendered input of a transformer checked as above, with the errors at
/// the template text they come from. Nothing when the text is not JSON
/// (render() reports that).
[[nodiscard]] std::vector<TransformError> check_pipeline_payload(const RenderResult& rendered);

}  // namespace pipec::eventbridge
