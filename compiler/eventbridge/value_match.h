#pragma once
// One matcher against one value of an event, with event-ruler's semantics:
// strings compare byte for byte (no case folding, no Unicode
// normalisation); an exact number matches an equal comparable number, or
// else the same text; null, true and false match only themselves (null is
// not "" and not a missing field); anything-but matches every value that is
// not excluded, of any type (anything-but "a" matches 5 and null).

#include <optional>
#include <string_view>

#include "eventbridge/pattern.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

enum class ValueKind : std::uint8_t { string, number, literal };

/// A leaf of an event: a string, a number, or null/true/false.
struct EventValue {
  ValueKind kind = ValueKind::string;
  std::string_view text;          ///< decoded string; number as written; "null", "true", "false"
  std::optional<double> number;   ///< a number's comparable value (number.h)
  syntax::NodeId node = syntax::kNoNode;
  std::uint32_t membership_begin = 0, membership_end = 0;  ///< arrays it sits in (event_fields.h)
};

/// Whether `matcher` accepts `value`. {"exists": true} accepts any value;
/// {"exists": false} none (it is about the field, not a value).
[[nodiscard]] bool matches(const Matcher& matcher, const EventValue& value);

}  // namespace pipec::eventbridge
