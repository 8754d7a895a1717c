#pragma once
// JSON text of a dsl::ir::Json value: two-space indent, members in order,
// a final newline. The one JSON writer of every emitter; what differs is
// how text with pseudo-parameters is written.

#include <optional>
#include <string>

#include "dsl/ir.h"
#include "dsl/vars.h"

namespace pipec::emit {

struct JsonTextOptions {
  enum class Values {
    /// Pseudo-parameters from `vars` (CodePipeline JSON, transformers);
    /// where `vars` lacks one, its stand-in if `stand_ins`, else nothing is
    /// written and the piece is returned.
    written_out,
    /// Text with pseudo-parameters or references as {"Fn::Sub": …}, and
    /// Ref and GetAtt as themselves (CloudFormation JSON).
    cloudformation,
  };
  Values values = Values::written_out;
  const dsl::Vars* vars = nullptr;
  bool stand_ins = false;
};

struct JsonText {
  std::string text;  ///< empty when `missing` is set
  /// With Values::written_out: the first pseudo-parameter no value was given
  /// for. A copy: the document written may be a temporary.
  std::optional<dsl::ir::Text::Piece> missing;
};

[[nodiscard]] JsonText json_text(const dsl::ir::Json& json, const JsonTextOptions& options);

/// The string of a Fn::Sub for `text`: ${AWS::Region} for a pseudo-parameter,
/// ${LogicalId} for a reference, and a literal "${" escaped as "${!".
[[nodiscard]] std::string sub_string(const dsl::ir::Text& text);

}  // namespace pipec::emit
