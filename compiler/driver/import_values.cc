#include "driver/import_values.h"

#include <fmt/core.h>

#include <cctype>

#include "aws/cfn_sub.h"

namespace pipec::driver {

using emit::PipeText;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

std::optional<std::string_view> pseudo_word(std::string_view cfn) {
  if (cfn == "AWS::AccountId") return "account";
  if (cfn == "AWS::Region") return "region";
  if (cfn == "AWS::Partition") return "partition";
  return std::nullopt;
}

// Fn::Sub's text: ${AWS::…} pseudo-parameters become the language's, ${!x}
// is the literal ${x}; anything else it refers to is not expressible.
ImportedValue sub_text(std::string_view text, const std::set<std::string, std::less<>>* parameters) {
  PipeText out;
  for (const auto& piece : aws::split_sub(text)) {
    const std::string_view name = piece.text;
    if (piece.kind != aws::SubPiece::Kind::reference) {
      out.append(PipeText::literal(piece.literal_text()));
    } else if (const auto word = pseudo_word(name)) {
      out.append(PipeText::reference(std::string(*word)));
    } else if (parameters != nullptr && parameters->contains(name)) {
      out.append(PipeText::reference(std::string(name)));
    } else {
      return cannot_import(fmt::format("!Sub with ${{{}}}, which only a deployment knows", name));
    }
  }
  if (out.pieces.empty()) out = PipeText::literal("");
  return ImportedValue{out, ""};
}

}  // namespace

ImportedValue cannot_import(std::string why) { return ImportedValue{std::nullopt, std::move(why)}; }

// How an intrinsic function is written in a template, for messages.
std::string describe_intrinsic(const Document& doc, NodeId node) {
  const auto members = doc.members(node);
  if (members.empty()) return "an object";
  std::string name(members.front().key);
  if (name.starts_with("Fn::")) name = name.substr(4);
  const NodeId arg = members.front().value;
  if (doc.is(arg, NodeKind::string)) return fmt::format("!{} {}", name, doc.node(arg).text);
  if (name == "GetAtt" && doc.items(arg).size() == 2) {
    return fmt::format("!GetAtt {}.{}", doc.string(doc.items(arg)[0]), doc.string(doc.items(arg)[1]));
  }
  return "!" + name;
}

// The resource a !Ref or !GetAtt names: (logical id, attribute).
std::optional<std::pair<std::string, std::string>> referenced_resource(const Document& doc, NodeId node) {
  if (!doc.is(node, NodeKind::object) || doc.members(node).size() != 1) return std::nullopt;
  const auto& m = doc.members(node).front();
  if (m.key == "Ref" && doc.is(m.value, NodeKind::string)) return std::pair{std::string(doc.node(m.value).text), std::string()};
  if (m.key != "Fn::GetAtt") return std::nullopt;
  if (doc.is(m.value, NodeKind::string)) {
    const std::string s(doc.node(m.value).text);
    const auto dot = s.find('.');
    if (dot == std::string::npos) return std::nullopt;
    return std::pair{s.substr(0, dot), s.substr(dot + 1)};
  }
  if (doc.items(m.value).size() == 2) return std::pair{std::string(doc.string(doc.items(m.value)[0])), std::string(doc.string(doc.items(m.value)[1]))};
  return std::nullopt;
}

ImportedValue import_value(const Document& doc, NodeId node, const std::set<std::string, std::less<>>* parameters) {
  if (node == syntax::kNoNode) return cannot_import("no value");
  const auto& n = doc.node(node);
  switch (n.kind) {
    case NodeKind::string: return ImportedValue{PipeText::literal(std::string(n.text)), ""};
    case NodeKind::number: return ImportedValue{PipeText::literal(std::string(n.text)), ""};
    case NodeKind::boolean: return ImportedValue{PipeText::literal(n.boolean ? "true" : "false"), ""};
    case NodeKind::object: break;
    default: return cannot_import(fmt::format("{} where text was expected", syntax::describe(n.kind)));
  }
  const auto members = doc.members(node);
  if (members.size() != 1) return cannot_import("an object where text was expected");
  const auto& m = members.front();
  if (m.key == "Ref" && doc.is(m.value, NodeKind::string)) {
    if (const auto word = pseudo_word(doc.node(m.value).text)) return ImportedValue{PipeText::reference(std::string(*word)), ""};
    if (parameters != nullptr && parameters->contains(doc.node(m.value).text)) return ImportedValue{PipeText::reference(std::string(doc.node(m.value).text)), ""};
    return cannot_import(describe_intrinsic(doc, node));
  }
  if (m.key == "Fn::Sub") {
    if (doc.is(m.value, NodeKind::string)) return sub_text(doc.node(m.value).text, parameters);
    const auto items = doc.items(m.value);
    if (items.size() == 2 && doc.is(items[0], NodeKind::string) && doc.members(items[1]).empty()) {
      return sub_text(doc.node(items[0]).text, parameters);
    }
    return cannot_import("!Sub with variables of its own");
  }
  if (m.key == "Fn::Join") {
    const auto items = doc.items(m.value);
    if (items.size() == 2 && doc.is(items[0], NodeKind::string) && doc.is(items[1], NodeKind::array)) {
      PipeText out = PipeText::literal("");
      bool first = true;
      for (const NodeId part : doc.items(items[1])) {
        if (!first) out.append(PipeText::literal(std::string(doc.node(items[0]).text)));
        first = false;
        ImportedValue r = import_value(doc, part, parameters);
        if (!r.text) return r;
        out.append(*r.text);
      }
      return ImportedValue{out, ""};
    }
  }
  return cannot_import(describe_intrinsic(doc, node));
}

// Text read back from JSON that held ${account}, ${region} or ${partition}:
// those are the pseudo-parameters again.
PipeText with_pseudo(std::string_view text) {
  PipeText out = PipeText::literal("");
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t next = std::string_view::npos;
    std::string_view found;
    for (const std::string_view word : {"account", "region", "partition"}) {
      const auto i = text.find(fmt::format("${{{}}}", word), at);
      if (i < next) next = i, found = word;
    }
    if (next == std::string_view::npos) break;
    out.append(PipeText::literal(std::string(text.substr(at, next - at))));
    out.append(PipeText::reference(std::string(found)));
    at = next + found.size() + 3;
  }
  out.append(PipeText::literal(std::string(text.substr(std::min(at, text.size())))));
  return out;
}

// The account ids a value holds: 12 digits, not part of a longer number.
std::vector<std::pair<std::size_t, std::size_t>> account_ids(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - i == 12) out.emplace_back(i, 12);
    i = end;
  }
  return out;
}

}  // namespace pipec::driver
