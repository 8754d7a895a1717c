#include "eventbridge/json_write.h"

namespace pipec::eventbridge {

namespace {

constexpr int kMaxDepth = 300;  // documents are cut at 256 levels by the reader

void write(const syntax::Document& doc, syntax::NodeId id, std::string& out, int depth) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case syntax::NodeKind::null: out += "null"; return;
    case syntax::NodeKind::boolean: out += n.boolean ? "true" : "false"; return;
    case syntax::NodeKind::number: out += n.text; return;
    case syntax::NodeKind::string: write_json_string(n.text, out); return;
    case syntax::NodeKind::invalid: out += "null"; return;
    case syntax::NodeKind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto item : doc.items(id)) {
        if (!first) out.push_back(',');
        first = false;
        if (depth < kMaxDepth) write(doc, item, out, depth + 1);
      }
      out.push_back(']');
      return;
    }
    case syntax::NodeKind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& m : doc.members(id)) {
        if (!first) out.push_back(',');
        first = false;
        write_json_string(m.key, out);
        out.push_back(':');
        if (depth < kMaxDepth) write(doc, m.value, out, depth + 1);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

void write_json(const syntax::Document& document, syntax::NodeId value, std::string& out) {
  write(document, value, out, 0);
}

void write_json_string(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace pipec::eventbridge
