#pragma once
// YAML text, as CloudFormation reads it: a template written from a
// dsl::ir::Json value (short-form !Sub, !Ref and !GetAtt; block literals for
// text of several lines), and the quoting every YAML writer needs.

#include <string>
#include <string_view>

#include "dsl/ir.h"

namespace pipec::emit {

/// The members of `root` (an object) as a YAML mapping at column 0.
[[nodiscard]] std::string cloudformation_yaml(const dsl::ir::Json& root);

/// `text` as a double-quoted YAML scalar.
[[nodiscard]] std::string yaml_quoted(std::string_view text);

/// `text` as a plain YAML scalar where it reads back as that same string
/// (not a number, a boolean, null, an alias or a key), double-quoted otherwise.
[[nodiscard]] std::string yaml_scalar(std::string_view text);

}  // namespace pipec::emit
