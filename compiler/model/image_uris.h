#pragma once
// The image URIs written in what pipec reads: imagedefinitions.json entries'
// imageUri, imageDetail.json's ImageURI, and the Image of each container of
// an AWS::ECS::TaskDefinition in a template (when written out).

#include <vector>

#include "model/located.h"
#include "model/workspace.h"

namespace pipec::model {

struct ImageUriRef {
  const syntax::Document* document = nullptr;
  Text uri;
  Kind kind = Kind::unknown;  ///< the file it is in: image_definitions, image_detail or cloudformation
};

[[nodiscard]] std::vector<ImageUriRef> image_uris(const Workspace& ws);

/// The span of `size` bytes at byte `at` of a string value's decoded text.
[[nodiscard]] source::Span part_of(const Workspace& ws, const syntax::Document& doc, syntax::NodeId string, std::size_t at,
                                   std::size_t size);

}  // namespace pipec::model
