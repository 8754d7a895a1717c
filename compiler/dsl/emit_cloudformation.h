#pragma once
// CloudFormation from a resolved .pipe file: the pipelines, the EventBridge
// rules and their targets, the role EventBridge assumes (allowed to start
// its pipeline and nothing else), and on request the pipeline's service role
// (`role auto`: the permissions its actions need), the artifact bucket
// (`store auto`) and the CodeBuild projects of conversion steps. Logical IDs
// come from names, so they stay stable across edits.

#include <map>
#include <string>

#include "dsl/ir.h"
#include "syntax/document.h"

namespace pipec::dsl {

enum class CfnFormat { yaml, json };

struct CfnInput {
  const ir::Program* program = nullptr;
  std::string description;
  /// Patterns read from `pattern file`, by rule name.
  std::map<std::string, ir::Json> pattern_files;
};

[[nodiscard]] std::string emit_cloudformation(const CfnInput& input, CfnFormat format);

/// The buildspec that turns imageDetail.json into imagedefinitions.json.
[[nodiscard]] std::string imagedefinitions_buildspec(const ir::Action& action);

/// A document's value as ir::Json (for patterns read from files).
[[nodiscard]] ir::Json json_from_document(const syntax::Document& document, syntax::NodeId node);

}  // namespace pipec::dsl
