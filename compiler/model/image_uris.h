#pragma once
// The image URIs written in what pipec reads: imagedefinitions.json entries'
// imageUri, imageDetail.json's ImageURI, the Image of each container of an
// AWS::ECS::TaskDefinition in a template (when written out), and ECR image
// URIs written out in a buildspec command that writes imagedefinitions.json
// (`printf '[{"name":"web","imageUri":"…/web:latest"}]' > imagedefinitions.json`).

#include <vector>

#include "model/located.h"
#include "model/workspace.h"

namespace pipec::model {

struct ImageUriRef {
  const syntax::Document* document = nullptr;
  Text uri;               ///< the URI; its node is the string that holds it
  std::size_t at = 0;     ///< where the URI starts in that string's text
  Kind kind = Kind::unknown;  ///< what it is in: image_definitions, image_detail, cloudformation or buildspec

  /// The span of `size` bytes at byte `offset` of the URI.
  [[nodiscard]] source::Span part(const Workspace& ws, std::size_t offset, std::size_t size) const;
};

[[nodiscard]] std::vector<ImageUriRef> image_uris(const Workspace& ws);

/// The span of `size` bytes at byte `at` of a string value's decoded text.
[[nodiscard]] source::Span part_of(const Workspace& ws, const syntax::Document& doc, syntax::NodeId string, std::size_t at,
                                   std::size_t size);

}  // namespace pipec::model
