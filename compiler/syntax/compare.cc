#include "syntax/compare.h"

#include <cstdlib>

#include <fmt/core.h>

#include "util/text.h"

namespace pipec::syntax {

namespace {

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool same_number(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const std::string sa(a), sb(b);
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double va = std::strtod(sa.c_str(), &end_a);
  const double vb = std::strtod(sb.c_str(), &end_b);
  return *end_a == '\0' && *end_b == '\0' && va == vb;
}

struct Comparer {
  const Document& expected;
  const Document& actual;

  std::optional<ValueDifference> differ(NodeId e, NodeId a, const std::string& pointer, std::string reason) const {
    return ValueDifference{e, a, pointer, std::move(reason)};
  }

  std::optional<ValueDifference> compare(NodeId e, NodeId a, const std::string& pointer) const {
    const Node& en = expected.node(e);
    const Node& an = actual.node(a);
    if (en.kind != an.kind) {
      return differ(e, a, pointer, fmt::format("{} was expected, not {}", show(expected, e), show(actual, a)));
    }
    switch (en.kind) {
      case NodeKind::null: return std::nullopt;
      case NodeKind::invalid: return std::nullopt;
      case NodeKind::boolean:
        if (en.boolean == an.boolean) return std::nullopt;
        break;
      case NodeKind::number:
        if (same_number(en.text, an.text)) return std::nullopt;
        break;
      case NodeKind::string:
        if (en.text == an.text) return std::nullopt;
        break;
      case NodeKind::array: {
        const auto ei = expected.items(e);
        const auto ai = actual.items(a);
        for (std::size_t i = 0; i < ei.size() && i < ai.size(); ++i) {
          if (auto d = compare(ei[i], ai[i], fmt::format("{}/{}", pointer, i))) return d;
        }
        if (ei.size() == ai.size()) return std::nullopt;
        return differ(e, a, pointer, fmt::format("{} item{} expected, not {}", ei.size(), ei.size() == 1 ? " was" : "s were",
                                                 ai.size()));
      }
      case NodeKind::object: {
        for (const Member& m : expected.members(e)) {
          const std::string at = pointer + "/" + escape_pointer_token(m.key);
          const NodeId other = actual.get(a, m.key);
          if (other == kNoNode) {
            return differ(m.value, kNoNode, at, fmt::format("member {} was expected, and is missing", util::quote(m.key)));
          }
          if (auto d = compare(m.value, other, at)) return d;
        }
        for (const Member& m : actual.members(a)) {
          if (expected.get(e, m.key) == kNoNode) {
            return differ(e, m.value, pointer + "/" + escape_pointer_token(m.key),
                          fmt::format("member {} is there, and was not expected", util::quote(m.key)));
          }
        }
        return std::nullopt;
      }
    }
    return differ(e, a, pointer, fmt::format("{} was expected, not {}", show(expected, e), show(actual, a)));
  }
};

}  // namespace

std::optional<ValueDifference> first_difference(const Document& expected, NodeId expected_value, const Document& actual,
                                                NodeId actual_value) {
  return Comparer{expected, actual}.compare(expected_value, actual_value, "");
}

std::string show(const Document& document, NodeId value) {
  const Node& n = document.node(value);
  switch (n.kind) {
    case NodeKind::null: return "null";
    case NodeKind::boolean: return n.boolean ? "true" : "false";
    case NodeKind::number: return std::string(n.text);
    case NodeKind::string: return util::quote(n.text);
    case NodeKind::array: return n.count == 0 ? "an empty array" : fmt::format("an array of {}", n.count);
    case NodeKind::object: return n.count == 0 ? "an empty object" : "an object";
    case NodeKind::invalid: return "an invalid value";
  }
  return "a value";
}

}  // namespace pipec::syntax
