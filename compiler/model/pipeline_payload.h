#pragma once
// What an input template sends to a CodePipeline target: the
// StartPipelineExecution input, {"sourceRevisions": [{"actionName",
// "revisionType", "revisionValue"}], "variables": [...]}. Read from the
// template's filled-in JSON; values that come from a placeholder are marked,
// since their text is only known once an event arrives.

#include <optional>
#include <vector>

#include "model/input_template.h"
#include "model/located.h"

namespace pipec::model {

struct TemplateText {
  Text text;            ///< in the filled document; span maps back to the template
  bool templated = false;  ///< holds a placeholder: the text is a stand-in
};

struct SourceRevisionOverride {
  std::optional<TemplateText> action_name, revision_type, revision_value;
  source::Span span;

  /// Whether it sends an image digest (a literal IMAGE_DIGEST).
  [[nodiscard]] bool sends_digest() const {
    return revision_type && !revision_type->templated && revision_type->text.value == "IMAGE_DIGEST";
  }
  /// The same, as the revision of the source action named `action`; an
  /// actionName from a placeholder may be any action.
  [[nodiscard]] bool sends_digest_for(std::string_view action) const {
    return sends_digest() && (!action_name || action_name->templated || action_name->text.value == action);
  }
};

[[nodiscard]] std::vector<SourceRevisionOverride> source_revisions(const source::SourceSet& sources,
                                                                   const InputTemplate& input_template);

/// Parses a CodePipeline pipeline ARN (arn:<partition>:codepipeline:<region>:<account>:<name>)
/// and returns the pipeline name, or nothing if `arn` is not one.
[[nodiscard]] std::optional<std::string> pipeline_name_from_arn(std::string_view arn);

}  // namespace pipec::model
