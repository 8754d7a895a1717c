#pragma once
// EventBridge's shapes lowered into the model, once for every front end:
// PutRule and PutTargets input (the API's JSON), AWS::Events::Rule
// resources (CloudFormation), and the rules a .pipe file declares (lowered
// through the same shapes). What differs by dialect is said here and
// nowhere else: where a pattern is a string of JSON or an object, and that
// a template's values may be intrinsic functions only a deployment knows.

#include <functional>
#include <optional>

#include "model/dialect.h"
#include "model/workspace.h"

namespace pipec::model {

/// The pipeline a target's Arn names, when it is built from something of
/// the same file (a template's own pipeline: `!Sub …:${Pipeline}`).
using TargetArnResolver = std::function<std::optional<TargetPipeline>(const syntax::Document&, syntax::NodeId arn)>;

/// Lowers the rule at `node` of `doc` (PutRule input, a resource's
/// Properties, or the PutRule-shaped document of a .pipe rule) into the
/// workspace and returns its index in Workspace::event_rules. Its pattern is
/// its EventPattern: a string of JSON, read as a document of its own whose
/// offsets map back into this file (its issues go to `file`), or, in a
/// template or a .pipe file, an object. `pattern`, when given, is the pattern
/// instead (a .pipe rule's `pattern file`, loaded as a file of its own).
std::size_t lower_event_rule(Workspace& ws, LoadedFile& file, const syntax::Document& doc, syntax::NodeId node,
                             Dialect dialect, std::optional<Text> logical_id = {},
                             std::optional<PatternRef> pattern = {});

/// Lowers targets into the workspace: PutTargets input at `node` (its Rule,
/// EventBusName and Targets), or the Properties of a template's rule (its
/// Name, EventBusName and Targets), belonging to `event_rule` when known.
void lower_target_set(Workspace& ws, const syntax::Document& doc, syntax::NodeId node, Dialect dialect,
                      std::optional<std::size_t> event_rule, const TargetArnResolver& resolve_arn = {});

/// Lowers an input transformer (the object at `node`, with InputPathsMap and
/// InputTemplate; or, when `paths` is `node`, an InputPathsMap alone) and
/// returns its index in Workspace::transformers.
std::size_t lower_transformer(Workspace& ws, const syntax::Document& doc, syntax::NodeId node, syntax::NodeId paths,
                              Dialect dialect);

}  // namespace pipec::model
