#pragma once
// Walking an event pattern: the objects that hold fields (the root, nested
// field objects, the branches of $or) and the value arrays they hold.

#include <string_view>
#include <vector>

#include "model/events.h"

namespace pipec::model {

/// The comparison operators EventBridge documents for match values.
[[nodiscard]] std::span<const std::string_view> pattern_operators();

struct PatternField {
  const syntax::Member* member;  ///< key and value
  syntax::NodeId object;         ///< the pattern object holding it
};

/// Every field of every pattern object below `pattern.root`, in document order.
/// In a template's pattern, an intrinsic function is a field's value, never
/// a nested object of fields.
[[nodiscard]] std::vector<PatternField> pattern_fields(const PatternRef& pattern);

/// The exact string values of a value array (operators and other types
/// skipped); a bare string counts as an array of one.
[[nodiscard]] std::vector<syntax::NodeId> exact_strings(const syntax::Document& document, syntax::NodeId values);

/// The exact strings a top-level field of the pattern lists ("source",
/// "detail-type"); a bare string counts as a list of one; empty if the field
/// is absent.
[[nodiscard]] std::vector<syntax::NodeId> top_level_strings(const PatternRef& pattern, std::string_view field);

/// Whether the pattern's "source" lists `source` ("aws.ecr").
[[nodiscard]] bool lists_source(const PatternRef& pattern, std::string_view source);

}  // namespace pipec::model
