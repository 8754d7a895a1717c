#pragma once
// Flattening an event straight from its JSON text, without building a
// Document: one pass over the bytes that decodes only the keys and values on
// paths some pattern reads and checks everything else just enough to know
// the text is strictly valid JSON.
//
// It gives the FlatEvent that flatten() gives for the Document the strict
// reader (syntax/json/json_strict_reader.h) builds from the same text, field
// for field: same values, same document order, same array memberships.
// Whatever the reader would say anything about (a syntax error, a raw control
// character or a bad escape in a string, a number JSON does not allow,
// nesting deeper than the reader's 256 levels, a repeated key), and a root
// that is not an object, an empty text or a key written with escapes, is not
// flattened here: the caller reads it with syntax::read_json, whose recovery
// and explanations it then has. So text this takes is text the reader reads
// without a single issue. Bytes that are not UTF-8 pass through as the strict reader passes
// them, so both paths compare them byte for byte.

#include <string_view>

#include "eventbridge/event_fields.h"

namespace pipec::eventbridge {

/// Collects the leaves of the event `json` at the paths `trie` marks as read,
/// as flatten() does. False when the text needs the full reader (`out` is
/// then unspecified). `out` refers to `json`, which must outlive it.
[[nodiscard]] bool flatten_text(std::string_view json, const PathTrie& trie, FlatEvent& out);

}  // namespace pipec::eventbridge
