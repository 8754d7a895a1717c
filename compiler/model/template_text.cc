#include "model/template_text.h"

#include "aws/cfn_sub.h"
#include "model/cloudformation.h"
#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

class Flattener {
 public:
  Flattener(std::string_view source, const Document& doc, const ReferenceText& reference, std::string_view unknown,
            const std::function<std::string(std::string_view)>& literal)
      : source_(source), doc_(doc), reference_(reference), unknown_(unknown), literal_(literal) {}

  std::optional<std::string> flatten(NodeId node, int depth) {
    if (depth > 16) return std::nullopt;
    if (doc_.is(node, NodeKind::string)) return literal_(doc_.node(node).text);
    if (!is_intrinsic(doc_, node)) return std::string(unknown_);
    const auto& m = doc_.members(node).front();
    const source::Span where = doc_.node(node).span;
    if (m.key == "Ref") {
      if (!doc_.is(m.value, NodeKind::string)) return std::string(unknown_);
      return reference_({doc_.node(m.value).text, {}, where});
    }
    if (m.key == "Fn::GetAtt") {
      if (doc_.is(m.value, NodeKind::string)) {
        const std::string_view text = doc_.node(m.value).text;
        const auto dot = text.find('.');
        if (dot == std::string_view::npos) return std::string(unknown_);
        return reference_({text.substr(0, dot), text.substr(dot + 1), where});
      }
      const auto args = doc_.items(m.value);
      if (args.size() != 2 || !doc_.is(args[0], NodeKind::string) || !doc_.is(args[1], NodeKind::string)) {
        return std::string(unknown_);
      }
      return reference_({doc_.node(args[0]).text, doc_.node(args[1]).text, where});
    }
    if (m.key == "Fn::Sub") {
      NodeId text = m.value;
      NodeId variables = syntax::kNoNode;
      if (doc_.is(m.value, NodeKind::array)) {
        const auto items = doc_.items(m.value);
        if (items.empty()) return std::nullopt;
        text = items[0];
        if (items.size() > 1) variables = items[1];
      }
      if (!doc_.is(text, NodeKind::string)) return std::nullopt;
      return substitute(text, variables, depth);
    }
    if (m.key == "Fn::Join") {
      const auto args = doc_.items(m.value);
      if (args.size() != 2 || !doc_.is(args[0], NodeKind::string)) return std::nullopt;
      if (!doc_.is(args[1], NodeKind::array)) return std::string(unknown_);
      std::string out;
      bool first = true;
      for (const NodeId part : doc_.items(args[1])) {
        if (!first) out += literal_(doc_.node(args[0]).text);
        first = false;
        const auto text = flatten(part, depth + 1);
        if (!text) return std::nullopt;
        out += *text;
      }
      return out;
    }
    return std::string(unknown_);
  }

 private:
  // Fn::Sub's text with ${Name} replaced: a variable of its own map, or a
  // reference; ${!Literal} is the text "${Literal}".
  std::optional<std::string> substitute(NodeId text, NodeId variables, int depth) {
    const auto decoded = syntax::decode_string(source_, doc_, text);
    std::string out;
    for (const auto& piece : aws::split_sub(decoded.text)) {
      if (piece.kind != aws::SubPiece::Kind::reference) {
        out += literal_(piece.literal_text());
      } else if (const NodeId value = doc_.get(variables, piece.text); value != syntax::kNoNode) {
        const auto inner = flatten(value, depth + 1);
        if (!inner) return std::nullopt;
        out += *inner;
      } else {
        const source::Span where{doc_.file(), decoded.offsets[piece.begin], decoded.offsets[piece.end]};
        const std::string_view name = piece.text;
        const auto dot = name.find('.');
        out += dot == std::string_view::npos ? reference_({name, {}, where})
                                             : reference_({name.substr(0, dot), name.substr(dot + 1), where});
      }
    }
    return out;
  }

  std::string_view source_;
  const Document& doc_;
  const ReferenceText& reference_;
  std::string_view unknown_;
  const std::function<std::string(std::string_view)>& literal_;
};

}  // namespace

std::optional<std::string> flatten_template_text(std::string_view source, const Document& doc, NodeId node,
                                                 const ReferenceText& reference, std::string_view unknown,
                                                 const std::function<std::string(std::string_view)>& literal) {
  return Flattener(source, doc, reference, unknown, literal).flatten(node, 0);
}

}  // namespace pipec::model
