#pragma once
// The documents `pipec lint` reads for a .pipe file: the API shapes
// (api_shapes.h) as syntax::Documents, every value and key carrying the
// span of what the DSL wrote for it, so each finding of a rule points into
// the .pipe file, in its words.

#include <map>
#include <string>

#include "dsl/ir.h"
#include "dsl/vars.h"
#include "syntax/document.h"

namespace pipec::emit {

/// Keys of the API shapes, in the DSL's words, for messages ("roleArn" is "role").
[[nodiscard]] const std::map<std::string, std::string>& dsl_key_aliases();

/// A document for the linter: pseudo-parameters read from `vars`, or their stand-ins.
[[nodiscard]] syntax::Document to_document(const dsl::ir::Json& json, source::FileId file, const dsl::Vars& vars);

}  // namespace pipec::emit
