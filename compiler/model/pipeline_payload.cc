#include "model/pipeline_payload.h"

#include "aws/arn.h"

namespace pipec::model {

using syntax::NodeId;
using syntax::NodeKind;

std::vector<SourceRevisionOverride> source_revisions(const source::SourceSet& sources,
                                                     const InputTemplate& input_template) {
  std::vector<SourceRevisionOverride> out;
  if (!input_template.filled) return out;
  const auto& doc = input_template.filled->document;
  if (!doc.is(doc.root(), NodeKind::object)) return out;

  // Whether a value of the filled document came from a placeholder: compared
  // in the template's own text, where the placeholders are.
  const auto templated = [&](source::Span span) {
    const source::Span in_template = sources.to_parent(span);
    for (const auto& p : input_template.placeholders) {
      if (p.span.begin < in_template.end && in_template.begin < p.span.end) return true;
    }
    return false;
  };
  const auto text = [&](NodeId object, std::string_view key) -> std::optional<TemplateText> {
    const NodeId value = doc.get(object, key);
    if (!doc.is(value, NodeKind::string)) return std::nullopt;
    const auto& n = doc.node(value);
    return TemplateText{Text{std::string(n.text), n.span, value}, templated(n.span)};
  };
  for (const NodeId item : doc.items(doc.get(doc.root(), "sourceRevisions"))) {
    if (!doc.is(item, NodeKind::object)) continue;
    out.push_back({text(item, "actionName"), text(item, "revisionType"), text(item, "revisionValue"), doc.node(item).span});
  }
  return out;
}

std::optional<std::string> pipeline_name_from_arn(std::string_view arn) {
  const auto parts = aws::split_arn(arn);
  if (!parts || parts->service != "codepipeline" || parts->resource.empty()) return std::nullopt;
  return std::string(parts->resource);
}

}  // namespace pipec::model
