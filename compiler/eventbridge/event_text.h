#pragma once
// Flattening an event straight from its JSON text, without building a
// Document: one pass over the bytes that decodes only the keys and values on
// paths some pattern reads and checks everything else just enough to know
// the text is strictly valid JSON.
//
// It gives the FlatEvent that flatten() gives for the Document the strict
// reader (syntax/json/json_strict_reader.h) builds from the same text, field
// for field: same values, same document order, same array memberships,
// every member of a repeated key. Whatever the strict reader would not take
// (a syntax error, a raw control character or a bad escape in a string, a
// number JSON does not allow, nesting deeper than its 256 levels), and a
// root that is not an object or an empty text, is not flattened here: the
// caller reads it with syntax::read_json, whose recovery and explanations it
// then has. Bytes that are not UTF-8 pass through as the strict reader passes
// them, so both paths compare them byte for byte.
//
// With TextKeys::unique, an object with a repeated key (which the reader
// warns about) or a key written with escapes (which could repeat another) is
// left to the reader too: text taken then is text the reader reads without a
// single issue, which is what a caller that reports issues needs.

#include <cstdint>
#include <string_view>

#include "eventbridge/event_fields.h"

namespace pipec::eventbridge {

enum class TextKeys : std::uint8_t { any, unique };

/// Collects the leaves of the event `json` at the paths `trie` marks as read,
/// as flatten() does. False when the text needs the full reader (`out` is
/// then unspecified). `out` refers to `json`, which must outlive it.
[[nodiscard]] bool flatten_text(std::string_view json, const PathTrie& trie, FlatEvent& out,
                                TextKeys keys = TextKeys::any);

}  // namespace pipec::eventbridge
