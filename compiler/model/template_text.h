#pragma once
// A template's text value with what only a deployment knows marked in it:
// "arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/${Repository}"
// flattens to the literal parts with each reference replaced by whatever
// the caller says it stands for (a marker, a pattern). Fn::Sub (both
// forms, ${!Literal}), Fn::Join, Ref and Fn::GetAtt are followed; any other
// function is one unknown part. Used where a value's shape matters more
// than its exact text: a target Arn naming a pipeline of the template, a
// policy's Resource ARN.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "source/span.h"
#include "syntax/document.h"

namespace pipec::model {

/// A reference inside a value: Ref Name (attribute empty), Fn::GetAtt
/// Name.Attribute, or ${Name} / ${Name.Attribute} of Fn::Sub; `where` is
/// its token. Returns the text that stands for it.
struct TextReference {
  std::string_view name;
  std::string_view attribute;
  source::Span where;
};
using ReferenceText = std::function<std::string(const TextReference&)>;

/// The value at `node` as text, or nullopt when it cannot be text at all
/// (a malformed function). A function pipec does not follow is
/// `unknown` once; literal text goes through `literal` (to escape it).
[[nodiscard]] std::optional<std::string> flatten_template_text(
    std::string_view source, const syntax::Document& doc, syntax::NodeId node, const ReferenceText& reference,
    std::string_view unknown, const std::function<std::string(std::string_view)>& literal);

}  // namespace pipec::model
