#pragma once
// CloudFormation from a resolved .pipe program: the pipelines, the
// EventBridge rules and their targets, the role EventBridge assumes (allowed
// to start its pipeline and nothing else), and on request the pipeline's
// service role (`role auto`: the permissions its actions need), the
// artifact bucket (`store auto`) and the CodeBuild projects of conversion
// steps. Logical IDs come from names, so they stay stable across edits.

#include <map>
#include <string>

#include "dsl/ir.h"

namespace pipec::emit {

enum class CfnFormat { yaml, json };

struct CfnInput {
  const dsl::ir::Program* program = nullptr;
  std::string description;
  /// Patterns read from `pattern file`, by rule name.
  std::map<std::string, dsl::ir::Json> pattern_files;
};

[[nodiscard]] std::string emit_cloudformation(const CfnInput& input, CfnFormat format);

}  // namespace pipec::emit
