#pragma once
// The image URIs written in what pipec reads: imagedefinitions.json entries'
// imageUri, imageDetail.json's ImageURI, the Image of each container of an
// AWS::ECS::TaskDefinition in a template (when written out), and ECR image
// URIs written out in a buildspec command that writes imagedefinitions.json
// (`printf '[{"name":"web","imageUri":"…/web:latest"}]' > imagedefinitions.json`).

#include <vector>

#include "model/kind.h"
#include "model/located.h"
#include "source/source_file.h"

namespace pipec::model {

class Workspace;

struct ImageUriRef {
  const syntax::Document* document = nullptr;
  Text uri;               ///< the URI; its node is the string that holds it
  std::size_t at = 0;     ///< where the URI starts in that string's text
  Kind kind = Kind::unknown;  ///< what it is in: image_definitions, image_detail, cloudformation or buildspec

  /// The span of `size` bytes at byte `offset` of the URI.
  [[nodiscard]] source::Span part(const source::SourceSet& sources, std::size_t offset, std::size_t size) const;
};

/// Collects the image URIs of the files read into `ws.image_uris`, once
/// every file is lowered (the buildspecs of templates included).
void lower_image_uris(Workspace& ws);

}  // namespace pipec::model
