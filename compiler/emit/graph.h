#pragma once
// `pipec graph`: the pipelines a run read and the rules that start them, as
// a Mermaid flowchart or a Graphviz DOT graph: stages as boxes, actions in
// them, an edge for each artifact from the action that writes it to each
// that reads it, and an edge from each rule to the source actions of the
// pipeline it starts. From the model, so a .pipe file, CodePipeline JSON
// and a CloudFormation template draw alike.

#include <optional>
#include <string>
#include <string_view>

#include "model/workspace.h"

namespace pipec::emit {

enum class GraphFormat { mermaid, dot };

/// The graph of `workspace`'s pipelines (only the one named `only`, if
/// given) and the rules that start them. Deterministic: pipelines in the
/// order read, ids by position.
[[nodiscard]] std::string pipeline_graph(const model::Workspace& workspace, GraphFormat format,
                                         std::optional<std::string_view> only = std::nullopt);

}  // namespace pipec::emit
