#pragma once
// Everything a reader decides, as one text: the kind, span and text of every
// value, the key and key span of every member, in document order, then the
// issues (place, message, label and help). Two reads of a text agree when
// their texts are equal (the JSON readers' strict and tree-sitter paths; the
// YAML reader's three ways in, support/yaml_reads.h). Recursive: documents
// are cut at their readers' max_depth.

#include <fmt/core.h>

#include <span>
#include <string>

#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::test {

inline void canonical_value(const syntax::Document& d, syntax::NodeId id, std::string& out) {
  if (id == syntax::kNoNode) {
    out += "-";
    return;
  }
  const auto& n = d.node(id);
  out += fmt::format("{}@{}-{}:{}{}", static_cast<int>(n.kind), n.span.begin, n.span.end, n.text, n.boolean ? "T" : "");
  if (n.kind == syntax::NodeKind::object) {
    out += "{";
    for (const auto& m : d.members(id)) {
      out += fmt::format("{}@{}-{}=", m.key, m.key_span.begin, m.key_span.end);
      canonical_value(d, m.value, out);
      out += ",";
    }
    out += "}";
  } else if (n.kind == syntax::NodeKind::array) {
    out += "[";
    for (const auto item : d.items(id)) {
      canonical_value(d, item, out);
      out += ",";
    }
    out += "]";
  }
}

[[nodiscard]] inline std::string canonical_document(const syntax::Document& d, std::span<const syntax::Issue> issues) {
  std::string out;
  if (!d.empty()) canonical_value(d, d.root(), out);
  for (const auto& i : issues) {
    out += fmt::format("\n{}@{}-{} {} [{}]", static_cast<int>(i.kind), i.span.begin, i.span.end, i.message, i.label);
    for (const auto& help : i.help) out += "\n  help: " + help;
  }
  return out;
}

}  // namespace pipec::test
