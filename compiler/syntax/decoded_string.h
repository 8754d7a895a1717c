#pragma once
// The decoded text of a string value with the source offset of each byte,
// whatever syntax wrote it: a JSON string literal, or a YAML scalar of any
// style (plain, quoted, literal or folded block). Text read from inside a
// string (a PutRule's EventPattern, an InputTemplate) becomes an embedded
// file whose every byte maps back to where it was written.

#include <string_view>

#include "syntax/document.h"
#include "syntax/json/json_reader.h"

namespace pipec::syntax {

/// The text is always the node's own. When the written form cannot be
/// mapped byte by byte (a repaired token, a YAML form pipec decodes
/// differently from yaml-cpp), the offsets run along the span instead.
[[nodiscard]] DecodedString decode_string(std::string_view source, const Document& document, NodeId string);

}  // namespace pipec::syntax
