#pragma once
// The JSONPath that EventBridge accepts in an InputPathsMap: "$", then steps
// in dot notation ("$.detail.image-digest"; names of letters, digits, dashes,
// underscores, slashes and the like), array indexes ("$.resources[0]") and
// wildcards ("$.detail.*", "$.resources[*]"). Bracket notation
// ($['detail']) is refused: the EventBridge API reference says dot
// notation, not bracket notation.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/document.h"

namespace pipec::eventbridge {

struct JsonPath {
  struct Step {
    enum class Kind { key, index, wildcard } kind = Kind::key;
    std::string key;
    std::size_t index = 0;
  };
  std::vector<Step> steps;
  /// No wildcard: selects one value at most.
  [[nodiscard]] bool definite() const;
};

struct JsonPathError {
  std::string message;
  std::size_t begin = 0, end = 0;  ///< the offending bytes in the path
};

struct JsonPathResult {
  std::optional<JsonPath> path;
  std::optional<JsonPathError> error;
};

[[nodiscard]] JsonPathResult parse_json_path(std::string_view text);

/// The values a path selects, in document order; none when it selects
/// nothing (a missing key, an index past the end, a key of a non-object).
[[nodiscard]] std::vector<syntax::NodeId> select(const JsonPath& path, const syntax::Document& document);

}  // namespace pipec::eventbridge
