#include "dsl/ir.h"

namespace pipec::dsl::ir {

std::string_view pseudo_name(Pseudo p) {
  switch (p) {
    case Pseudo::account: return "account";
    case Pseudo::region: return "region";
    case Pseudo::partition: return "partition";
  }
  return "";
}

std::string_view pseudo_cloudformation(Pseudo p) {
  switch (p) {
    case Pseudo::account: return "AWS::AccountId";
    case Pseudo::region: return "AWS::Region";
    case Pseudo::partition: return "AWS::Partition";
  }
  return "";
}

std::string_view pseudo_stand_in(Pseudo p) {
  switch (p) {
    case Pseudo::account: return "000000000000";
    case Pseudo::region: return "us-east-1";
    case Pseudo::partition: return "aws";
  }
  return "";
}

Text Text::literal(std::string text, source::Span span) {
  Text t;
  t.span = span;
  t.pieces.push_back(Piece{false, Pseudo::account, std::move(text), span, ""});
  return t;
}

Text Text::pseudo(Pseudo parameter, source::Span span) {
  Text t;
  t.span = span;
  t.pieces.push_back(Piece{true, parameter, "", span, ""});
  return t;
}

Text Text::reference(std::string logical_id) {
  Text t;
  t.pieces.push_back(Piece{false, Pseudo::account, "", {}, std::move(logical_id)});
  return t;
}

Text Text::concat(std::initializer_list<Text> parts, source::Span span) {
  Text t;
  t.span = span;
  for (const auto& part : parts) {
    for (const auto& piece : part.pieces) t.pieces.push_back(piece);
  }
  return t;
}

std::map<std::string, std::string> Program::values_over(const std::map<std::string, std::string>& given) const {
  std::map<std::string, std::string> values = given;
  for (const auto& [name, value] : fixed_pseudo) values[name] = value;
  return values;
}

void fix_pseudo(Json& json, const std::map<std::string, std::string>& fixed) {
  if (fixed.empty()) return;
  for (auto& piece : json.text.pieces) {
    if (!piece.pseudo) continue;
    if (const auto it = fixed.find(std::string(pseudo_name(piece.parameter))); it != fixed.end()) {
      piece.pseudo = false;
      piece.literal = it->second;
    }
  }
  // Json built by pipec and documents read under the readers' depth limit.
  for (auto& m : json.members) fix_pseudo(m.value, fixed);
  for (auto& item : json.items) fix_pseudo(item, fixed);
}

bool Text::has_pseudo() const {
  for (const auto& p : pieces) {
    if (p.pseudo || !p.ref.empty() || !p.template_parameter.empty()) return true;
  }
  return false;
}

std::optional<std::string> Text::resolve(const std::map<std::string, std::string>& vars, bool stand_ins) const {
  std::string out;
  for (const auto& p : pieces) {
    if (!p.ref.empty()) return std::nullopt;  // a template's own resource: only CloudFormation knows it
    if (!p.template_parameter.empty()) {
      const auto it = vars.find(p.template_parameter);
      out += it != vars.end() ? it->second : p.literal;
      continue;
    }
    if (!p.pseudo) {
      out += p.literal;
      continue;
    }
    if (const auto it = vars.find(std::string(pseudo_name(p.parameter))); it != vars.end()) {
      out += it->second;
    } else if (stand_ins) {
      out += pseudo_stand_in(p.parameter);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

const Text::Piece* Text::missing(const std::map<std::string, std::string>& vars) const {
  for (const auto& p : pieces) {
    if (p.pseudo && !vars.contains(std::string(pseudo_name(p.parameter)))) return &p;
  }
  return nullptr;
}

Json Json::object(source::Span span) { return Json{Kind::object, span, {}, {}, {}}; }
Json Json::array(source::Span span) { return Json{Kind::array, span, {}, {}, {}}; }
Json Json::string(Text t) {
  const source::Span span = t.span;
  return Json{Kind::text, span, std::move(t), {}, {}};
}
Json Json::string(std::string s, source::Span span) { return string(Text::literal(std::move(s), span)); }
Json Json::number(std::string s, source::Span span) { return Json{Kind::number, span, Text::literal(std::move(s), span), {}, {}}; }
Json Json::boolean(bool b, source::Span span) {
  return Json{Kind::boolean, span, Text::literal(b ? "true" : "false", span), {}, {}};
}
Json Json::ref(std::string id, source::Span span) { return Json{Kind::ref, span, Text::literal(std::move(id), span), {}, {}}; }
Json Json::get_att(std::string id_attr, source::Span span) {
  return Json{Kind::get_att, span, Text::literal(std::move(id_attr), span), {}, {}};
}

Json& Json::add(std::string key, Json value, source::Span key_span, std::string alias) {
  if (!key_span.valid()) key_span = value.span;
  members.push_back(JsonMember{std::move(key), std::move(alias), key_span, std::move(value)});
  return members.back().value;
}

Json& Json::push(Json value) {
  items.push_back(std::move(value));
  return items.back();
}

const Json* Json::get(std::string_view key) const {
  for (const auto& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

const Action* Pipeline::action(std::string_view wanted) const {
  for (const auto& s : stages) {
    for (const auto& a : s.actions) {
      if (a.name.text == wanted) return &a;
    }
  }
  return nullptr;
}

const Pipeline* Program::pipeline(std::string_view wanted) const {
  for (const auto& p : pipelines) {
    if (p.name.text == wanted) return &p;
  }
  return nullptr;
}

Json json_from_document(const syntax::Document& document, syntax::NodeId node) {
  const auto& n = document.node(node);
  switch (n.kind) {
    case syntax::NodeKind::object: {
      Json o = Json::object(n.span);
      for (const auto& m : document.members(node)) o.add(std::string(m.key), json_from_document(document, m.value), m.key_span);
      return o;
    }
    case syntax::NodeKind::array: {
      Json a = Json::array(n.span);
      for (const auto item : document.items(node)) a.push(json_from_document(document, item));
      return a;
    }
    case syntax::NodeKind::string: return Json::string(std::string(n.text), n.span);
    case syntax::NodeKind::number: return Json::number(std::string(n.text), n.span);
    case syntax::NodeKind::boolean: return Json::boolean(n.boolean, n.span);
    default: return Json{Json::Kind::null, n.span, {}, {}, {}};
  }
}

}  // namespace pipec::dsl::ir
