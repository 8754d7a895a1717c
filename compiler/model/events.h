#pragma once
// EventBridge as the linter sees it: rules with their patterns, targets,
// input transformers and their templates. Lowered from PutRule and
// PutTargets input, from standalone pattern and transformer files, and later
// from CloudFormation and the DSL.

#include <optional>
#include <string>
#include <vector>

#include "model/input_template.h"
#include "model/located.h"

namespace pipec::model {

/// An event pattern, in its own file or embedded in a rule. Its root should
/// be an object; rules that walk patterns check.
struct PatternRef {
  const syntax::Document* document = nullptr;
  syntax::NodeId root = syntax::kNoNode;
};

/// PutRule input.
struct EventRule {
  const syntax::Document* document = nullptr;
  syntax::NodeId node = syntax::kNoNode;
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
};

struct Target {
  std::optional<Text> id, arn, role_arn;
  std::optional<std::size_t> transformer;  ///< index into Workspace::transformers
  source::Span span;
  syntax::NodeId node = syntax::kNoNode;
};

/// PutTargets input.
struct TargetSet {
  const syntax::Document* document = nullptr;
  syntax::NodeId node = syntax::kNoNode;
  std::optional<Text> rule, event_bus;
  std::vector<Target> targets;
};

}  // namespace pipec::model
