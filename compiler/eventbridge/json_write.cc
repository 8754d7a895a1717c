#include "eventbridge/json_write.h"

#include "util/json_string.h"

namespace pipec::eventbridge {

namespace {

constexpr int kMaxWriteDepth = 300;  // documents are cut at 256 levels by the reader

void write(const syntax::Document& doc, syntax::NodeId id, std::string& out, int depth) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case syntax::NodeKind::null: out += "null"; return;
    case syntax::NodeKind::boolean: out += n.boolean ? "true" : "false"; return;
    case syntax::NodeKind::number: out += n.text; return;
    case syntax::NodeKind::string: util::write_json_string(n.text, out); return;
    case syntax::NodeKind::invalid: out += "null"; return;
    case syntax::NodeKind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto item : doc.items(id)) {
        if (!first) out.push_back(',');
        first = false;
        if (depth < kMaxWriteDepth) write(doc, item, out, depth + 1);
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
        util::write_json_string(m.key, out);
        out.push_back(':');
        if (depth < kMaxWriteDepth) write(doc, m.value, out, depth + 1);
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


}  // namespace pipec::eventbridge
