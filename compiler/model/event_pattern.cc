#include "model/event_pattern.h"

#include <algorithm>

namespace pipec::model {

using syntax::NodeId;
using syntax::NodeKind;

std::span<const std::string_view> pattern_operators() {
  static constexpr std::string_view kOperators[] = {"prefix",  "suffix",  "equals-ignore-case", "wildcard",
                                                    "anything-but", "numeric", "exists", "cidr"};
  return kOperators;
}

std::vector<PatternField> pattern_fields(const PatternRef& pattern) {
  std::vector<PatternField> out;
  const auto& doc = *pattern.document;
  if (!doc.is(pattern.root, NodeKind::object)) return out;
  std::vector<NodeId> pending{pattern.root};
  while (!pending.empty()) {
    const NodeId object = pending.back();
    pending.pop_back();
    std::vector<NodeId> nested;
    for (const auto& m : doc.members(object)) {
      if (m.key == "$or") {
        for (const NodeId branch : doc.items(m.value)) {
          if (doc.is(branch, NodeKind::object) && !pattern.unresolved(branch)) nested.push_back(branch);
        }
        continue;
      }
      out.push_back({&m, object});
      // A template's {"Ref": …} is a value, not a nested field object.
      if (doc.is(m.value, NodeKind::object) && !pattern.unresolved(m.value)) nested.push_back(m.value);
    }
    for (auto it = nested.rbegin(); it != nested.rend(); ++it) pending.push_back(*it);
  }
  return out;
}

std::vector<NodeId> exact_strings(const syntax::Document& document, NodeId values) {
  // A bare string is an error (CP3001), but read as the one value it means so
  // that the other checks still run.
  if (document.is(values, NodeKind::string)) return {values};
  std::vector<NodeId> out;
  for (const NodeId item : document.items(values)) {
    if (document.is(item, NodeKind::string)) out.push_back(item);
  }
  return out;
}

std::vector<NodeId> top_level_strings(const PatternRef& pattern, std::string_view field) {
  const auto& doc = *pattern.document;
  if (!doc.is(pattern.root, NodeKind::object)) return {};
  return exact_strings(doc, doc.get(pattern.root, field));
}

bool lists_source(const PatternRef& pattern, std::string_view source) {
  const auto values = top_level_strings(pattern, "source");
  return std::any_of(values.begin(), values.end(),
                     [&](NodeId id) { return pattern.document->node(id).text == source; });
}

}  // namespace pipec::model
