#pragma once
// The #{namespace.variable} references written in a CodePipeline action's
// configuration values, each with the exact span of its text, read from the
// decoded string (so an escaped character in JSON or a YAML block scalar
// still points at the right bytes).

#include <string>
#include <vector>

#include "source/source_file.h"
#include "source/span.h"
#include "syntax/document.h"

namespace pipec::model {

struct VariableReference {
  std::string text;        ///< between "#{" and "}"
  std::string namespace_;  ///< before the first "."; empty when there is no "."
  std::string name;        ///< after the first "."
  bool has_dot = false;
  source::Span span;       ///< "#{…}" as written
};

/// The references in a string value. An "#{" with no "}" after it is text,
/// not a reference (CodePipeline leaves it as it is).
[[nodiscard]] std::vector<VariableReference> find_variable_references(const source::SourceSet& sources,
                                                                      const syntax::Document& document,
                                                                      syntax::NodeId string);

}  // namespace pipec::model
