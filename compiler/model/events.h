#pragma once
// EventBridge as the linter sees it: rules with their patterns, targets,
// input transformers and their templates. Lowered (model/lower_events.h)
// from PutRule and PutTargets input, standalone pattern and transformer
// files, CloudFormation templates and .pipe files.

#include <optional>
#include <string>
#include <vector>

#include "model/dialect.h"
#include "model/input_template.h"
#include "model/located.h"

namespace pipec::model {

/// An event pattern, in its own file or embedded in a rule. Its root should
/// be an object; rules that walk patterns check.
struct PatternRef {
  const syntax::Document* document = nullptr;
  syntax::NodeId root = syntax::kNoNode;
  /// Written in a CloudFormation template: values may be intrinsic functions
  /// ({"Ref": …}, {"Fn::Sub": …}), resolved only at deployment.
  bool cloudformation = false;

  /// Whether `value` is an intrinsic function of a template's pattern, which
  /// rules skip: it is neither a match value nor a field object.
  [[nodiscard]] bool unresolved(syntax::NodeId value) const;
};

/// PutRule input, or an AWS::Events::Rule resource's Properties.
struct EventRule {
  const syntax::Document* document = nullptr;
  Dialect dialect = Dialect::api;
  syntax::NodeId node = syntax::kNoNode;
  std::optional<Text> logical_id;  ///< CloudFormation: the resource's logical ID
  std::optional<Text> name, state, event_bus, schedule;
  std::optional<Text> pattern_text;  ///< "EventPattern" as written (a JSON string)
  std::optional<PatternRef> pattern;  ///< its parsed contents
  source::Span span;
};

struct PathEntry {
  Text key;
  Text path;
};

struct InputTransformer {
  const syntax::Document* document = nullptr;
  syntax::NodeId node = syntax::kNoNode;  ///< the transformer object (or the paths map alone)
  syntax::NodeId paths_node = syntax::kNoNode;
  std::vector<PathEntry> paths;
  std::optional<InputTemplate> input_template;
  source::Span span;
  bool cloudformation = false;    ///< in a template: path values may be intrinsic functions
  bool paths_unresolved = false;  ///< CloudFormation: InputPathsMap is an intrinsic function
};

/// The pipeline a target's Arn names when the template that declares the
/// target declares the pipeline too (`!Sub arn:…:${Pipeline}`, a Fn::Join of
/// the same, or `!Ref`), whether or not the pipeline's name is literal.
struct TargetPipeline {
  std::size_t index = 0;  ///< into Workspace::pipelines
  source::Span span;      ///< where the Arn refers to it
};

struct Target {
  std::optional<Text> id, arn, role_arn;
  std::optional<TargetPipeline> pipeline;
  std::optional<std::size_t> transformer;  ///< index into Workspace::transformers
  /// The keys of Input, InputPath and InputTransformer given, in order
  /// (EventBridge takes at most one).
  std::vector<source::Span> input_keys;
  source::Span span;
  syntax::NodeId node = syntax::kNoNode;

  /// Whether it starts a CodePipeline pipeline: one of its template, or an
  /// Arn of the codepipeline service.
  [[nodiscard]] bool starts_pipeline() const {
    return pipeline.has_value() || (arn && arn->value.starts_with("arn:") && arn->value.find(":codepipeline:") != std::string::npos);
  }
};

/// PutTargets input, or the Targets of an AWS::Events::Rule resource.
struct TargetSet {
  const syntax::Document* document = nullptr;
  Dialect dialect = Dialect::api;
  syntax::NodeId node = syntax::kNoNode;
  std::optional<Text> rule, event_bus;
  std::vector<Target> targets;
  /// The rule these targets belong to (index into Workspace::event_rules):
  /// the same declaration in a template or a .pipe file; for PutTargets
  /// input, the PutRule input read with it whose Name is its Rule.
  std::optional<std::size_t> event_rule;
};

}  // namespace pipec::model
