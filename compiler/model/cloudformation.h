#pragma once
// CloudFormation templates (YAML or JSON) as a front end of the model: each
// AWS::CodePipeline::Pipeline resource becomes a Pipeline through the same
// lowering as the API's JSON (PascalCase keys), each AWS::Events::Rule an
// EventRule with its pattern and a TargetSet whose input transformers lower
// as PutTargets' do.
//
// Intrinsic functions ({"Ref": …}, {"Fn::Sub": …}, short-form tags read by
// the YAML reader) are values only a deployment knows. The lowering does not
// pretend to know them: a scalar given by a function is left out (as if
// absent, which the semantic rules skip), a list that holds one is marked
// unresolved, and patterns and transformers say they come from a template so
// that rules skip function values in them. Two functions are understood: a
// target Arn built with Fn::Sub, Fn::Join or Ref from a pipeline of the same
// template names that pipeline, and an InputTemplate given by Fn::Sub is
// read as a template whose ${…} parts are stand-ins.

#include <optional>
#include <string_view>
#include <vector>

#include "model/lower_policies.h"
#include "model/workspace.h"
#include "syntax/document.h"

namespace pipec::model {

inline constexpr std::string_view kPipelineResource = "AWS::CodePipeline::Pipeline";
inline constexpr std::string_view kEventRuleResource = "AWS::Events::Rule";

/// Whether `value` is an intrinsic function: an object whose one key is
/// "Ref", "Condition" or "Fn::…".
[[nodiscard]] bool is_intrinsic(const syntax::Document& document, syntax::NodeId value);

/// Whether the template names a transform that is a macro of its own (not
/// AWS::Serverless-2016-10-31 or AWS::LanguageExtensions): a macro may
/// rewrite any resource before CloudFormation reads it, so what is written is
/// not what is deployed.
[[nodiscard]] bool has_macro_transform(const syntax::Document& document);

/// A resource of a template: its member under "Resources" (logical ID as the
/// key, the resource object as the value), its type and its Properties.
struct Resource {
  const syntax::Member* member = nullptr;
  std::string_view type;
  syntax::NodeId properties = syntax::kNoNode;
};

/// The resources of a template whose "Type" is `type` (every resource with a
/// literal type if `type` is empty), in document order.
[[nodiscard]] std::vector<Resource> template_resources(const syntax::Document& document, std::string_view type = {});

/// What lowering a template takes from the template alone: the values its
/// parameters write, its unsubstituted placeholders and references to
/// nothing (issues), and the template with its functions resolved. Pure, so
/// model::load prepares templates on every core as it parses them.
struct PreparedTemplate {
  std::vector<LoadedFile::ParameterValue> parameter_values;
  std::vector<syntax::Issue> issues;
  syntax::Document resolved;  ///< the file's document from then on (model::load moves it there)
  /// The template's pipelines, roles and policies, lowered from the resolved
  /// document once it has its final place (lower_template_pipelines,
  /// lower_template_policies), on the parsing thread.
  std::vector<Pipeline> pipelines;
  TemplatePolicies policies;
};

/// The AWS::CodePipeline::Pipeline resources of `resolved`, lowered, each
/// with its logical ID. Each Pipeline points at `resolved`, which must not
/// move from then on. Reads nothing but `resolved`: safe on any thread.
[[nodiscard]] std::vector<Pipeline> lower_template_pipelines(const syntax::Document& resolved);

/// Prepares `written`, or nothing when it is not a template (no object).
[[nodiscard]] std::optional<PreparedTemplate> prepare_cloudformation(const source::SourceSet& sources,
                                                                     const syntax::Document& written);

/// Lowers the template of `file` into the workspace, with what
/// prepare_cloudformation made of it; `file.document` is the template
/// resolved (`prepared.resolved`, moved there), the one every rule sees.
/// JSON read from strings (an EventPattern given as text) reports its
/// issues into `file`.
void lower_cloudformation(Workspace& ws, LoadedFile& file, PreparedTemplate prepared);

}  // namespace pipec::model
