#pragma once
// Whether two JSON values are equal as values (the way a test compares the
// input a target receives with the one it expects): objects by their
// members in any order, arrays item by item, numbers by value (1 and 1.0
// are equal), strings by their decoded text. The values may come from
// different documents, JSON or YAML.

#include <optional>
#include <string>

#include "syntax/document.h"

namespace pipec::syntax {

struct ValueDifference {
  NodeId expected = kNoNode;  ///< where they differ, in the expected document (the closest value there)
  NodeId actual = kNoNode;    ///< and in the actual one (kNoNode when the member is missing there)
  std::string pointer;        ///< JSON Pointer to the place, "" for the root
  std::string reason;         ///< `"IMAGE_DIGEST" was expected, not "COMMIT_ID"`
};

/// The first place, in document order of `expected`, where the values differ.
[[nodiscard]] std::optional<ValueDifference> first_difference(const Document& expected, NodeId expected_value,
                                                              const Document& actual, NodeId actual_value);

/// A value as short JSON-like text for messages: strings quoted, objects and
/// arrays as "an object" / "an array of 3".
[[nodiscard]] std::string show(const Document& document, NodeId value);

}  // namespace pipec::syntax
