#include "syntax/yaml/yaml_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "syntax/json/json_text.h"
#include "syntax/pending_children.h"
#include "syntax/yaml/common_yaml.h"
#include "syntax/yaml/yaml_text.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::syntax {

namespace {

using source::Span;
using u32 = std::uint32_t;

// CloudFormation's short-form tags and the key of their long form.
struct FunctionTag {
  std::string_view tag, key;
};

constexpr FunctionTag kFunctionTags[] = {
    {"!Ref", "Ref"},
    {"!Condition", "Condition"},
    {"!Base64", "Fn::Base64"},
    {"!Cidr", "Fn::Cidr"},
    {"!FindInMap", "Fn::FindInMap"},
    {"!GetAtt", "Fn::GetAtt"},
    {"!GetAZs", "Fn::GetAZs"},
    {"!ImportValue", "Fn::ImportValue"},
    {"!Join", "Fn::Join"},
    {"!Select", "Fn::Select"},
    {"!Split", "Fn::Split"},
    {"!Sub", "Fn::Sub"},
    {"!Transform", "Fn::Transform"},
    {"!And", "Fn::And"},
    {"!Equals", "Fn::Equals"},
    {"!If", "Fn::If"},
    {"!Not", "Fn::Not"},
    {"!Or", "Fn::Or"},
    {"!Length", "Fn::Length"},
    {"!ToJsonString", "Fn::ToJsonString"},
    {"!Contains", "Fn::Contains"},
    {"!EachMemberEquals", "Fn::EachMemberEquals"},
    {"!EachMemberIn", "Fn::EachMemberIn"},
    {"!RefAll", "Fn::RefAll"},
    {"!ValueOf", "Fn::ValueOf"},
    {"!ValueOfAll", "Fn::ValueOfAll"},
};

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

std::string_view function_key(std::string_view tag) {
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return {};  // "?", "!" and YAML's own tags: most scalars
  for (const auto& f : kFunctionTags) {
    if (f.tag == tag) return f.key;
  }
  return {};
}

// Thrown from the handler when a second document starts: the template is the
// first, and the second is not parsed.
struct SecondDocument {
  YAML::Mark mark;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool ends_token(char c) {
  return is_blank(c) || is_break(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// -- YAML 1.1 types of plain scalars (as CloudFormation and PyYAML read them) ----

bool is_bool(std::string_view v, bool& value) {
  static constexpr std::string_view kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static constexpr std::string_view kFalse[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
  if (v.size() < 2 || v.size() > 5 || std::string_view("tTyYoOfFnN").find(v[0]) == std::string_view::npos) return false;
  for (const auto t : kTrue) {
    if (v == t) return value = true, true;
  }
  for (const auto f : kFalse) {
    if (v == f) return value = false, true;
  }
  return false;
}

// An integer in YAML 1.1 (decimal, 0b binary, 0 octal, 0x hex, with "_"
// separators), as decimal text; nothing if `v` is not one.
std::optional<std::string> as_integer(std::string_view v) {
  std::string_view s = v;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int base = 10;
  if (s == "0") return std::string("0");
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'b')) {
    base = s[1] == 'x' ? 16 : 2;
    s.remove_prefix(2);
  } else if (s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  } else if (s[0] < '1' || s[0] > '9') {
    return std::nullopt;
  }
  std::string digits;
  for (const char c : s) {
    if (c == '_') continue;
    const bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                               : (c >= '0' && c < static_cast<char>('0' + std::min(base, 10)));
    if (!ok) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.empty()) return std::nullopt;
  if (base == 10) {
    const auto first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? "0" : digits.substr(first);
    return negative && digits != "0" ? "-" + digits : digits;
  }
  std::uint64_t value = 0;
  for (const char c : digits) {
    const int d = std::isdigit(static_cast<unsigned char>(c))
                      ? c - '0'
                      : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    if (value > (std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(d)) /
                    static_cast<std::uint64_t>(base)) {
      return std::nullopt;
    }
    value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  const std::string text = std::to_string(value);
  return negative && value != 0 ? "-" + text : text;
}

// A float in YAML 1.1 ([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?), as
// JSON number text; nothing if `v` is not one. Infinities and NaN, which
// JSON cannot hold, stay strings.
std::optional<std::string> as_float(std::string_view v) {
  std::string out;
  std::size_t i = 0;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) {
    if (v[i] == '-') out.push_back('-');
    ++i;
  }
  std::string whole, fraction;
  while (i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '_')) {
    if (v[i] != '_') whole.push_back(v[i]);
    ++i;
  }
  if (i >= v.size() || v[i] != '.') return std::nullopt;
  ++i;
  while (i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '_')) {
    if (v[i] != '_') fraction.push_back(v[i]);
    ++i;
  }
  if (whole.empty() && fraction.empty()) return std::nullopt;
  std::string exponent;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i >= v.size() || (v[i] != '+' && v[i] != '-')) return std::nullopt;
    exponent = std::string("e") + v[i];
    ++i;
    const std::size_t digits = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) exponent.push_back(v[i++]);
    if (i == digits) return std::nullopt;
  }
  if (i != v.size()) return std::nullopt;
  out += whole.empty() ? "0" : whole;
  out += "." + (fraction.empty() ? std::string("0") : fraction) + exponent;
  return out;
}

// -- the event handler ---------------------------------------------------------

class Builder final : public yaml::PlaceAwareHandler {
 public:
  Builder(std::string_view text, source::FileId file, u32 bom, const YamlOptions& options,
          const std::vector<yaml::DeepRegion>& deep, YamlResult& result)
      : text_(text), file_(file), bom_(bom), options_(options), deep_(deep), result_(result) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ > 0) throw SecondDocument{mark};
    ++documents_;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipping()) return;
    const u32 at = offset(mark);
    const Properties p = properties(at);
    Node node;
    node.kind = NodeKind::null;
    if (const auto* region = deep_region(p.value)) {
      too_deep(*region);
      node.kind = NodeKind::invalid;
      node.span = span(region->begin, region->end);
      deliver(document().add(std::move(node)), anchor, region->end);
      return;
    }
    const u32 word = null_word(p.value);
    if (!frames_.empty() && frames_.back().map && !frames_.back().has_key) {
      // A key that is null: "~: x", or an entry with no key at all.
      Frame& f = frames_.back();
      const Span where = word > 0 ? span(p.value, p.value + word) : span(at, at);
      auto& i = issue(where, word > 0 ? fmt::format("mapping key {} is null; expected a name",
                                                    util::quote(text_.substr(p.value, word)))
                                      : std::string("mapping entry without a key"));
      i.label = "no key";
      f.has_key = true;
      f.drop_value = true;
      f.key_span = where;
      f.last_end = std::max(f.last_end, where.end);
      return;
    }
    if (word > 0) {
      node.span = span(p.value, p.value + word);
    } else if (!frames_.empty() && frames_.back().map) {
      // "key:" with nothing after it: an empty span after the colon.
      u32 c = frames_.back().key_span.end;
      while (c < text_.size() && is_blank(text_[c])) ++c;
      if (c < text_.size() && text_[c] == ':') ++c;
      node.span = span(c, c);
    } else if (!frames_.empty() && !frames_.back().flow) {
      // "- " with nothing after it: an empty span after the dash.
      u32 c = at;
      while (c > 0 && (is_blank(text_[c - 1]) || is_break(text_[c - 1]))) --c;
      node.span = c > 0 && text_[c - 1] == '-' ? span(c, c) : span(at, at);
    } else {
      node.span = span(at, at);
    }
    const u32 end = node.span.end;
    deliver(document().add(std::move(node)), anchor, end);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipping()) return;
    const u32 at = offset(mark);
    u32 end = at + 1;
    while (end < text_.size() && !ends_token(text_[end])) ++end;
    const Span where = span(at, end);
    auto& i = issue(
        where, fmt::format("alias {} is not supported by CloudFormation", util::quote(text_.substr(at, end - at))));
    i.cloudformation_only = true;
    i.label = "YAML alias";
    if (const auto it = anchor_spans_.find(anchor); it != anchor_spans_.end())
      i.related.push_back({it->second, "anchored here"});
    i.help.push_back(
        "write the value out in full; to share values, use a parameter, a mapping with Fn::FindInMap, or a nested "
        "stack");
    const auto source = anchors_.find(anchor);
    NodeId copy = kNoNode;
    if (source == anchors_.end()) {
      auto& r = issue(
          where, fmt::format("alias {} refers to a value that contains it", util::quote(text_.substr(at, end - at))));
      r.label = "recursive alias";
    } else {
      copy = copy_subtree(source->second, where);
    }
    if (copy == kNoNode) {
      Node node;
      node.kind = NodeKind::invalid;
      node.span = where;
      copy = document().add(std::move(node));
    }
    if (!frames_.empty() && frames_.back().map && !frames_.back().has_key) {
      // An alias as a key: its text when it names a scalar.
      Frame& f = frames_.back();
      const Node& n = document().node(copy);
      f.has_key = true;
      f.key_span = where;
      f.last_end = std::max(f.last_end, where.end);
      if (n.kind == NodeKind::string || n.kind == NodeKind::number) {
        f.key = n.text;
      } else if (n.kind == NodeKind::boolean) {
        f.key = document().keep(n.boolean ? "true" : "false");
      } else {
        f.drop_value = true;
      }
      return;
    }
    deliver(copy, 0, where.end);
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    const u32 at = offset(mark);
    u32 begin = at;
    // The mark is where the node's properties start; the anchor may follow a tag.
    while (begin < text_.size() && text_[begin] != '&' && !is_break(text_[begin])) ++begin;
    if (begin >= text_.size() || text_[begin] != '&') begin = at;
    pending_anchor_ = span(begin, static_cast<u32>(std::min<std::size_t>(begin + 1 + name.size(), text_.size())));
  }

  void OnPlacedScalar(const YAML::Mark& mark, std::string_view tag, std::string_view value,
                      const yaml::ScalarPlace& place) override {
    scalar(mark, tag, 0, value, options_.scalar_places ? &place : nullptr);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    scalar(mark, tag, anchor, value, nullptr);
  }

  // A scalar, with its place where the fast reader gave it.
  void scalar(const YAML::Mark& mark, std::string_view tag, YAML::anchor_t anchor, std::string_view value,
              const yaml::ScalarPlace* place) {
    if (skipping()) return;
    const u32 at = offset(mark);
    // A scalar that starts at its mark has no tag or anchor before it.
    const Properties p = place && place->begin == at ? Properties{false, span(at, at), at, at} : properties(at);
    u32 begin = p.value;
    const auto extent = place ? yaml::ScalarExtent{place->end, true}
                              : yaml::scalar_extent(text_, begin, flow_depth_ > 0, value, block_indent());
    u32 end = extent.end;
    const bool plain = place ? place->plain : yaml::style_at(text_, begin) == yaml::ScalarStyle::plain;
    if (value.empty() && plain) {
      // A tag with nothing after it ("!Ref" at the end of a line).
      if (p.has_properties) begin = p.value_end_of_props;
      end = begin;
    }
    const Span where = span(begin, end);
    if (!extent.closed) {
      auto& i = issue(span(begin, begin + 1), "unterminated string; expected a closing quote");
      i.label = "this string never ends";
      i.help.push_back(
          fmt::format("add the closing {}; a quoted YAML string may span lines, so everything after the "
                      "opening quote was read into it",
                      text_[begin]));
    } else if (plain && begin < text_.size() && (text_[begin] == '%' || text_[begin] == '@' || text_[begin] == '`')) {
      auto& i = issue(span(begin, begin + 1), fmt::format("a plain YAML value cannot start with \"{}\"", text_[begin]));
      i.label = "reserved character";
      i.help.push_back(fmt::format("quote the value: {}", util::quote(text_.substr(begin, end - begin))));
    }

    const std::string_view function = function_key(tag);
    const bool is_key = !frames_.empty() && frames_.back().map && !frames_.back().has_key;
    // A key is its text. Only a key with a YAML tag ("!!int 1: x") is
    // resolved first, for what the tag may have to say.
    const bool tag_speaks = function.empty() && tag != "?" && tag != "!";
    Node node;
    if (!is_key || tag_speaks) {
      node.span = where;
      if (!function.empty()) {
        node.kind = NodeKind::string;
        node.text = document().keep(value);
      } else {
        resolve_scalar(tag, value, plain, p, node);
      }
    }

    if (is_key) {
      Frame& f = frames_.back();
      f.has_key = true;
      f.key_span = where;
      f.last_end = std::max(f.last_end, end);
      f.key = document().keep(value);
      f.merge = value == "<<" && tag == "?";
      return;
    }

    NodeId id = kNoNode;
    if (!function.empty()) {
      const Span tag_span = p.tag;
      NodeId inner = kNoNode;
      if (function == "Fn::GetAtt") {
        inner = get_att(value, where);
      } else {
        inner = document().add(std::move(node));
      }
      id = wrap(function, tag_span, inner, end);
    } else {
      id = document().add(std::move(node));
    }
    deliver(id, anchor, end);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, true);
  }
  void OnMapEnd() override { close(); }

  // Explains an exception yaml-cpp threw, at the place it names.
  void parse_error(const YAML::Exception& e) {
    const u32 at = e.mark.is_null() ? static_cast<u32>(text_.size()) : offset(e.mark);
    if (tab_indentation(at)) return;
    const std::string& msg = e.msg;
    const auto starts = [&](const char* prefix) { return msg.rfind(prefix, 0) == 0; };
    const std::string found = describe_at(at);
    const Span token = token_at(at);
    if (msg == YAML::ErrorMsg::END_OF_MAP_FLOW || msg == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
      const bool map = msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
      const char close = map ? '}' : ']';
      const Frame* open = nullptr;
      for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
        if (it->flow && it->map == map && !it->compact) {
          open = &*it;
          break;
        }
      }
      const bool at_end = yaml::skip_blanks_and_comments(text_, at) >= text_.size();
      Issue* i = nullptr;
      if (at_end) {
        const u32 end = static_cast<u32>(text_.size());
        i = &issue(span(end, end),
                   fmt::format("unclosed flow {}; expected \"{}\"", map ? "mapping" : "sequence", close));
        i->label = fmt::format("expected \"{}\" before the end of the file", close);
      } else {
        i = &issue(token, fmt::format("expected \",\" or \"{}\" in the flow {}, found {}", close,
                                      map ? "mapping" : "sequence", found));
        i->label = fmt::format("expected \",\" or \"{}\"", close);
      }
      if (open != nullptr) {
        i->related.push_back(
            {span(open->begin, open->begin + 1), fmt::format("{} starts here", map ? "mapping" : "sequence")});
      }
      i->help.push_back(
          fmt::format("close the {} with \"{}\"; inside brackets, items are separated by commas and a "
                      "value holding \": \" or \",\" must be quoted",
                      map ? "mapping" : "sequence", close));
      return;
    }
    if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ) {
      const bool map = msg == YAML::ErrorMsg::END_OF_MAP;
      const Frame* open = nullptr;
      for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
        if (!it->flow && it->map == map) {
          open = &*it;
          break;
        }
      }
      const int column = yaml::column_of(text_, at) + 1;
      if (open != nullptr && column == open->column + 1) {
        // Aligned, but of the other kind: "- x" among keys, or a key among "- " entries.
        auto& i =
            issue(token, map ? fmt::format("unexpected {} among the keys of a mapping; expected a key", found)
                             : fmt::format("unexpected {} among the entries of a sequence; expected \"- \"", found));
        i.label = map ? "a sequence entry" : "not a sequence entry";
        i.related.push_back(
            {span(open->begin, open->begin + 1), map ? "the mapping's first key" : "the sequence's first entry"});
        i.help.push_back(map ? "a list under a key goes on the lines after the key, indented"
                             : "a mapping in a list starts with \"- \": \"- Name: x\"");
        return;
      }
      auto& i = issue(
          token, open != nullptr
                     ? fmt::format("bad indentation: found {} at column {}, expected {} at column {}", found, column,
                                   map ? "a key of the mapping" : "a \"- \" entry of the sequence", open->column + 1)
                     : fmt::format("bad indentation: found {} at column {}", found, column));
      i.label = "not aligned with the entries above";
      if (open != nullptr)
        i.related.push_back(
            {span(open->begin, open->begin + 1), map ? "the mapping's first key" : "the sequence's first entry"});
      i.help.push_back("entries of one mapping or sequence must start at the same column; indent with spaces");
      return;
    }
    if (msg == YAML::ErrorMsg::MAP_VALUE) {
      auto& i = issue(
          token, fmt::format("unexpected {} where no mapping value can start; expected the end of the value", found));
      i.label = "not allowed here";
      i.help.push_back("a value that holds \": \" must be quoted; a nested mapping goes on the next line, indented");
      return;
    }
    if (msg == YAML::ErrorMsg::BLOCK_ENTRY) {
      auto& i = issue(token, fmt::format("unexpected {}; expected a key or a value here, not a sequence entry", found));
      i.label = "not allowed here";
      i.help.push_back("a sequence under a key goes on the lines after it, each entry starting with \"- \"");
      return;
    }
    if (msg == YAML::ErrorMsg::MAP_KEY) {
      auto& i = issue(token, fmt::format("unexpected {}; expected a value here, not a mapping key", found));
      i.label = "not allowed here";
      return;
    }
    if (msg == YAML::ErrorMsg::FLOW_END) {
      auto& i = issue(token, fmt::format("unexpected {}; expected no closing bracket, as none is open", found));
      i.label = "nothing to close";
      i.help.push_back("remove it, or add the opening bracket it closes");
      return;
    }
    if (starts(YAML::ErrorMsg::INVALID_ESCAPE)) {
      // yaml-cpp points after the escape; the backslash is just before (and
      // at the end of the text, `at` is past the last byte).
      if (text_.empty()) return;
      const u32 last = std::min<u32>(at, static_cast<u32>(text_.size()) - 1);
      u32 slash = last;
      while (slash > 0 && last - slash < 12 && text_[slash] != '\\') --slash;
      if (text_[slash] != '\\') slash = last;
      if (slash + 1 >= text_.size()) {
        auto& i = issue(span(slash, slash + 1), "the file ends after a backslash, inside a double-quoted string");
        i.label = "nothing follows";
        i.help.push_back("close the string with \", and write \"\\\\\" for a backslash");
        return;
      }
      const u32 end = std::min<u32>(slash + 2, static_cast<u32>(text_.size()));
      auto& i = issue(span(slash, end), fmt::format("unknown escape {} in a double-quoted string",
                                                    util::quote(text_.substr(slash, end - slash))));
      i.label = "unknown escape";
      i.help.push_back("write \"\\\\\" for a backslash, or use single quotes, where a backslash is plain text");
      return;
    }
    if (msg == YAML::ErrorMsg::INVALID_HEX || starts(YAML::ErrorMsg::INVALID_UNICODE)) {
      auto& i = issue(token, "invalid \\x, \\u or \\U escape in a double-quoted string");
      i.label = "expected hexadecimal digits of a valid code point";
      return;
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
      u32 end = at + 1;
      while (end < text_.size() && !ends_token(text_[end])) ++end;
      const std::string_view alias = text_.substr(at, end - at);
      auto& i = issue(span(at, end), fmt::format("alias {} refers to no anchor", util::quote(alias)));
      i.label = "undefined alias";
      i.help.push_back(
          fmt::format("define the anchor {} on a value before it, or write the value out (CloudFormation "
                      "does not support aliases)",
                      util::quote("&" + std::string(alias.size() > 1 ? alias.substr(1) : alias))));
      return;
    }
    if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION) {
      auto& i = issue(span(at, at + 1), "tab character in indentation; YAML indents with spaces only");
      i.label = "tab";
      return;
    }
    if (msg == YAML::ErrorMsg::EOF_IN_SCALAR || msg == YAML::ErrorMsg::DOC_IN_SCALAR ||
        msg == YAML::ErrorMsg::CHAR_IN_SCALAR) {
      auto& i =
          issue(token, msg == YAML::ErrorMsg::DOC_IN_SCALAR
                           ? std::string("document marker inside a quoted string; expected the closing quote first")
                           : fmt::format("unexpected {} in a quoted string; expected the closing quote", found));
      i.label = "unterminated string";
      return;
    }
    if (msg == YAML::ErrorMsg::ALIAS_NOT_FOUND || msg == YAML::ErrorMsg::ANCHOR_NOT_FOUND ||
        msg == YAML::ErrorMsg::CHAR_IN_ALIAS || msg == YAML::ErrorMsg::CHAR_IN_ANCHOR) {
      auto& i = issue(
          token, fmt::format(
                     "expected an anchor name after {}, found {}",
                     msg == YAML::ErrorMsg::ALIAS_NOT_FOUND || msg == YAML::ErrorMsg::CHAR_IN_ALIAS ? "\"*\"" : "\"&\"",
                     found));
      i.label = "expected a name";
      i.help.push_back("to write \"*\" or \"&\" as text, quote the value");
      return;
    }
    if (msg == YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK || msg == YAML::ErrorMsg::CHAR_IN_BLOCK) {
      auto& i = issue(token,
                      fmt::format("unexpected {} after a block scalar indicator; expected \"+\", \"-\", a digit 1 to 9 "
                                  "or the end of the line",
                                  found));
      i.label = "invalid block scalar header";
      return;
    }
    if (msg == YAML::ErrorMsg::MULTIPLE_TAGS || msg == YAML::ErrorMsg::MULTIPLE_ANCHORS ||
        msg == YAML::ErrorMsg::MULTIPLE_ALIASES || msg == YAML::ErrorMsg::ALIAS_CONTENT) {
      auto& i = issue(
          token, fmt::format("unexpected {}: a value takes at most one tag and one anchor, and an alias none", found));
      i.label = "one too many";
      return;
    }
    if (msg == YAML::ErrorMsg::CHAR_IN_TAG_HANDLE || msg == YAML::ErrorMsg::TAG_WITH_NO_SUFFIX ||
        msg == YAML::ErrorMsg::END_OF_VERBATIM_TAG) {
      auto& i = issue(token, fmt::format("malformed tag {}; expected a tag such as !Ref or !Sub", found));
      i.label = "malformed tag";
      return;
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN && at < text_.size() &&
        (text_[at] == '%' || text_[at] == '@' || text_[at] == '`')) {
      auto& i = issue(token, fmt::format("a plain YAML value cannot start with \"{}\"", text_[at]));
      i.label = "reserved character";
      u32 end = at;
      while (end < text_.size() && !is_break(text_[end]) && text_[end] != '#') ++end;
      while (end > at && is_blank(text_[end - 1])) --end;
      i.help.push_back(fmt::format("quote the value: {}", util::quote(text_.substr(at, end - at))));
      return;
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN) {
      auto& i = issue(token, fmt::format("unexpected {}; expected a key, a value or a comment", found));
      i.label = "not valid YAML here";
      return;
    }
    if (msg == YAML::ErrorMsg::BAD_FILE) {
      // yaml-cpp's own depth guard: the pre-scan missed a deep value.
      if (reported_depth_) return;
      auto& i =
          issue(token,
                fmt::format("nesting deeper than {} levels; pipec does not read this file further", options_.max_depth),
                IssueKind::too_deep);
      i.label = "too deep";
      return;
    }
    std::string lower = msg;
    if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    auto& i = issue(token, fmt::format("invalid YAML: {}, at {}", lower, found));
    i.label = "the YAML parser stopped here";
  }

  void second_document(const YAML::Mark& mark) {
    const u32 at = offset(mark);
    const u32 first = yaml::skip_blanks_and_comments(text_, at);
    if (text_.substr(first, 3) != "---") {
      // No document marker: text after the top-level value that yaml-cpp
      // read as a document of its own.
      auto& i = issue(
          token_at(first),
          fmt::format("unexpected {} after the end of the top-level value; check the indentation", describe_at(first)));
      i.label = "not part of the value above";
      i.help.push_back(
          "entries of one mapping or sequence start at the same column, and a mapping and a sequence do not mix");
      return;
    }
    auto& i = issue(span(first, first + 3), "a second YAML document; a CloudFormation template is a single document");
    i.label = "second document";
    i.help.push_back("remove the \"---\" and what follows it, or move it to a file of its own");
  }

  Document& document() { return result_.document; }

 private:
  struct Frame {
    bool map = false;
    bool flow = false;
    bool compact = false;  ///< a single-pair mapping inside a flow sequence ("[a: b]"), or an invalid frame
    bool as_key = false;   ///< the collection is a mapping key
    bool invalid = false;  ///< too deep: its events are read and dropped
    NodeId node = kNoNode;
    u32 begin = 0;
    u32 depth = 0;  ///< nesting level in the document, wrappers included
    std::string_view function;
    Span tag;
    YAML::anchor_t anchor = 0;
    int column = -1;
    PendingChildren::Mark children;  ///< where its members or items start on pending_
    bool has_key = false;
    bool drop_value = false;
    bool merge = false;
    DocumentText key;
    Span key_span;
    std::vector<std::pair<NodeId, Span>> merges;
    u32 last_end = 0;
  };

  struct Properties {
    bool has_properties = false;
    Span tag;                    ///< the tag token, if any
    u32 value_end_of_props = 0;  ///< just after the last property token
    u32 value = 0;               ///< where the value itself starts
  };

  Span span(u32 begin, u32 end) const { return Span{file_, begin, std::max(begin, end)}; }

  u32 offset(const YAML::Mark& mark) const {
    if (mark.pos < 0) return static_cast<u32>(text_.size());
    return static_cast<u32>(std::min<std::size_t>(static_cast<std::size_t>(mark.pos) + bom_, text_.size()));
  }

  bool skipping() const { return !frames_.empty() && frames_.back().invalid; }

  int block_indent() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (!it->flow) return it->column;
    }
    return -1;
  }

  // The tag and anchor written before a value, and where the value starts.
  Properties properties(u32 at) const {
    Properties p;
    // Where the value is, until the tag is found: an issue about a tag
    // always has a place in the file.
    p.tag = span(at, at);
    u32 i = at;
    while (i < text_.size() && (text_[i] == '!' || text_[i] == '&')) {
      p.has_properties = true;
      const u32 start = i;
      if (text_[i] == '!' && i + 1 < text_.size() && text_[i + 1] == '<') {
        while (i < text_.size() && text_[i] != '>' && !is_break(text_[i])) ++i;
        if (i < text_.size() && text_[i] == '>') ++i;
      } else {
        while (i < text_.size() && !is_blank(text_[i]) && !is_break(text_[i]) && text_[i] != ',' && text_[i] != ']' &&
               text_[i] != '}') {
          ++i;
        }
      }
      if (text_[start] == '!') p.tag = span(start, i);
      p.value_end_of_props = i;
      // The next property may follow on a later line (`a: &x` then `  !Sub …`).
      i = yaml::skip_blanks_and_comments(text_, i);
    }
    if (!p.has_properties) {
      p.value_end_of_props = at;
      p.value = at;
      return p;
    }
    p.value = yaml::skip_blanks_and_comments(text_, i);
    return p;
  }

  // Length of a null written as a word at `at` ("~", "null"), or 0.
  u32 null_word(u32 at) const {
    for (const std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (text_.substr(at, word.size()) == word &&
          (at + word.size() >= text_.size() || ends_token(text_[at + word.size()]) || text_[at + word.size()] == '#')) {
        return static_cast<u32>(word.size());
      }
    }
    return 0;
  }

  const yaml::DeepRegion* deep_region(u32 at) const {
    for (const auto& r : deep_) {
      if (r.begin == at) return &r;
    }
    return nullptr;
  }

  void too_deep(const yaml::DeepRegion& region) {
    if (reported_depth_) return;
    reported_depth_ = true;
    auto& i = issue(
        span(region.begin, region.begin + 1),
        fmt::format("nesting deeper than {} levels; pipec does not read further into this value", options_.max_depth),
        IssueKind::too_deep);
    i.label = fmt::format("level {} starts here", region.level);
    i.help.push_back(
        "no CloudFormation template, CodePipeline, EventBridge or ECS document nests this deep; check how the file was "
        "generated");
  }

  Issue& issue(Span where, std::string message, IssueKind kind = IssueKind::syntax) {
    auto& issues = result_.issues;
    if (issues.size() >= kMaxIssues) {
      discarded_ = Issue{};
      if (!reported_cap_) {
        reported_cap_ = true;
        issues.push_back({IssueKind::syntax,
                          where,
                          fmt::format("too many problems; stopped reporting after {}", kMaxIssues),
                          "",
                          {},
                          {}});
      }
      return discarded_;
    }
    issues.push_back({kind, where, std::move(message), "", {}, {}});
    return issues.back();
  }

  // What is at `at`, for "found …" in messages.
  std::string describe_at(u32 at) const {
    if (at >= text_.size()) return "the end of the file";
    const char c = text_[at];
    if (is_break(c)) return "the end of the line";
    if (c == '\t') return "a tab";
    if (std::string_view(":-?[]{},#&*!|>'\"%@`").find(c) != std::string_view::npos) return fmt::format("\"{}\"", c);
    const Span t = token_at(at);
    return util::quote(text_.substr(t.begin, t.end - t.begin), 40);
  }

  Span token_at(u32 at) const {
    if (at >= text_.size()) return span(static_cast<u32>(text_.size()), static_cast<u32>(text_.size()));
    u32 end = at;
    if (std::string_view(":-?[]{},#&*!|>'\"%@`\t").find(text_[at]) != std::string_view::npos) {
      end = at + 1;
    } else {
      while (end < text_.size() && end < at + 64 && !ends_token(text_[end]) && text_[end] != ':') ++end;
      end = std::max(end, at + 1);
    }
    return span(at, end);
  }

  // A tab in the indentation of the line of `at` or the line before it,
  // which yaml-cpp reports as something else.
  bool tab_indentation(u32 at) {
    u32 ls = at;
    while (ls > 0 && text_[ls - 1] != '\n') --ls;
    for (int k = 0; k < 2; ++k) {
      u32 i = ls;
      while (i < text_.size() && is_blank(text_[i])) {
        if (text_[i] == '\t') {
          auto& issue_ = issue(span(i, i + 1), "tab character in indentation; YAML indents with spaces only");
          issue_.label = "tab";
          issue_.help.push_back("replace the tab with spaces; CloudFormation rejects tabs in indentation too");
          return true;
        }
        ++i;
      }
      if (ls == 0) break;
      --ls;
      while (ls > 0 && text_[ls - 1] != '\n') --ls;
    }
    return false;
  }

  void resolve_scalar(std::string_view tag, std::string_view value, bool plain, const Properties& p, Node& node) {
    node.kind = NodeKind::string;
    node.text = document().keep(value);
    const std::string_view t = tag;
    if (t == "?") {
      resolve_plain(value, node);
      return;
    }
    if (t == "!") return;  // quoted or block: a string
    if (tag.rfind(kYamlTagPrefix, 0) == 0) {
      const std::string_view type = std::string_view(tag).substr(kYamlTagPrefix.size());
      if (type == "str") return;
      if (type == "int" || type == "float") {
        const auto number = type == "int" ? as_integer(value) : as_float(value);
        const auto integer = as_integer(value);
        if (number || integer) {
          node.kind = NodeKind::number;
          node.text = document().keep(number ? *number : *integer);
        } else {
          auto& i =
              issue(p.tag, fmt::format("{} is not {}", util::quote(value), type == "int" ? "an integer" : "a number"));
          i.label = fmt::format("!!{}", type);
        }
        return;
      }
      if (type == "bool") {
        bool b = false;
        if (is_bool(value, b)) {
          node.kind = NodeKind::boolean;
          node.boolean = b;
          node.text = {};
        }
        return;
      }
      if (type == "null") {
        node.kind = NodeKind::null;
        node.text = {};
        return;
      }
      if (type == "binary" || type == "timestamp" || type == "set" || type == "omap" || type == "pairs") {
        auto& i = issue(p.tag, fmt::format("tag \"!!{}\" is not supported by CloudFormation", type));
        i.label = "unsupported tag";
        i.help.push_back("remove the tag and write the value as a string");
        return;
      }
    }
    unknown_tag(tag, p.tag);
    if (plain) resolve_plain(value, node);
  }

  void resolve_plain(std::string_view value, Node& node) {
    bool b = false;
    // A number starts with a sign, a digit, "." or "_" (as_integer and
    // as_float read no other); most plain scalars are names.
    const char first = value.empty() ? '\0' : value[0];
    const bool may_be_number = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.' || first == '_';
    if (is_bool(value, b)) {
      node.kind = NodeKind::boolean;
      node.boolean = b;
      node.text = {};
    } else if (!may_be_number) {
      return;
    } else if (auto integer = as_integer(value)) {
      node.kind = NodeKind::number;
      node.text = document().keep(*integer);
    } else if (auto number = as_float(value)) {
      node.kind = NodeKind::number;
      node.text = document().keep(*number);
    }
  }

  void unknown_tag(std::string_view tag, Span where) {
    std::string shown(tag);
    if (shown.rfind(kYamlTagPrefix, 0) == 0) shown = "!!" + shown.substr(kYamlTagPrefix.size());
    if (where.end == where.begin) where.end = where.begin + 1;
    auto& i =
        issue(where, fmt::format("unknown tag {}; expected a CloudFormation function tag such as !Ref, !Sub or !GetAtt",
                                 util::quote(shown)));
    i.label = "unknown tag";
    std::vector<std::string_view> tags;
    for (const auto& f : kFunctionTags) tags.push_back(f.tag);
    if (const auto guess = util::closest_match(shown, tags)) {
      i.help.push_back(fmt::format("did you mean {}?", *guess));
    } else {
      i.help.push_back("remove the tag; pipec reads the value as if it had none");
    }
  }

  // {"Fn::GetAtt": ["A", "B.C"]} from "A.B.C": the item spans are the parts.
  NodeId get_att(std::string_view value, Span where) {
    std::string decoded;
    std::vector<u32> offsets;
    yaml::decode_scalar(text_, where.begin, where.end, -2, decoded, offsets);
    const bool mapped = decoded == value;
    const auto dot = value.find('.');
    std::vector<NodeId> items;
    const auto part = [&](std::size_t from, std::size_t to) {
      Node n;
      n.kind = NodeKind::string;
      n.text = document().keep(std::string_view(value).substr(from, to - from));
      n.span = mapped ? span(offsets[from], offsets[to]) : where;
      items.push_back(document().add(std::move(n)));
    };
    if (dot == std::string::npos) {
      part(0, value.size());
    } else {
      part(0, dot);
      part(dot + 1, value.size());
    }
    Node array;
    array.kind = NodeKind::array;
    array.span = where;
    const NodeId id = document().add(std::move(array));
    document().attach_items(id, std::move(items));
    return id;
  }

  NodeId wrap(std::string_view key, Span tag, NodeId value, u32 end) {
    Node object;
    object.kind = NodeKind::object;
    object.span = span(tag.begin, std::max(end, tag.end));
    const NodeId id = document().add(std::move(object));
    document().attach_members(id, {Member{document().keep(key), tag, value}});
    return id;
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style,
            bool map) {
    Frame f;
    f.map = map;
    f.flow = style == YAML::EmitterStyle::Flow;
    f.children = pending_.mark();
    if (skipping()) {
      f.invalid = true;
      f.compact = true;
      frames_.push_back(std::move(f));
      return;
    }
    const u32 at = offset(mark);
    const Properties p = properties(at);
    f.begin = p.value;
    f.compact = f.flow && (f.begin >= text_.size() || text_[f.begin] != (map ? '{' : '['));
    f.anchor = anchor;
    f.as_key = !frames_.empty() && frames_.back().map && !frames_.back().has_key;
    f.function = function_key(tag);
    f.tag = p.tag;
    if (f.function.empty() && tag != "?" && tag != "!") {
      const std::string expected = std::string(kYamlTagPrefix) + (map ? "map" : "seq");
      if (tag == std::string(kYamlTagPrefix) + "set" || tag == std::string(kYamlTagPrefix) + "omap" ||
          tag == std::string(kYamlTagPrefix) + "pairs") {
        auto& i = issue(
            p.tag, fmt::format("tag \"!!{}\" is not supported by CloudFormation", tag.substr(kYamlTagPrefix.size())));
        i.label = "unsupported tag";
      } else if (tag != expected) {
        unknown_tag(tag, p.tag);
      }
    }
    f.column = f.flow ? -1 : yaml::column_of(text_, f.begin);
    f.last_end = f.begin;
    const u32 parent_depth = frames_.empty() ? 0 : frames_.back().depth;
    f.depth = parent_depth + (f.function.empty() ? 1 : 2);
    if (f.flow && !f.compact) ++flow_depth_;
    if (f.depth > options_.max_depth) {
      too_deep({f.begin, f.begin + 1, f.depth});
      f.invalid = true;
      frames_.push_back(std::move(f));
      return;
    }
    Node node;
    node.kind = map ? NodeKind::object : NodeKind::array;
    node.span = span(f.begin, f.begin);
    f.node = document().add(std::move(node));
    frames_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (f.flow && !f.compact) --flow_depth_;
    if (f.invalid) {
      pending_.drop(f.children);
      if (skipping()) return;
      Node node;
      node.kind = NodeKind::invalid;
      node.span = span(f.begin, f.begin + 1);
      deliver(document().add(std::move(node)), 0, f.begin + 1);
      return;
    }
    u32 end = std::max(f.last_end, f.begin);
    if (f.flow && !f.compact) {
      // The closing bracket follows the last item, perhaps after a comma.
      const char close = f.map ? '}' : ']';
      u32 p = std::max(f.last_end, f.begin + 1);
      for (;;) {
        p = yaml::skip_blanks_and_comments(text_, p);
        if (p < text_.size() && text_[p] == ',') {
          ++p;
          continue;
        }
        break;
      }
      end = p < text_.size() && text_[p] == close ? p + 1 : std::max(f.last_end, f.begin + 1);
    }
    if (f.map) {
      for (auto& i : json::duplicate_key_issues(pending_.members(f.children))) {
        if (result_.issues.size() < kMaxIssues) result_.issues.push_back(std::move(i));
      }
      merge(f);
      pending_.close_object(document(), f.node, f.children);
    } else {
      pending_.close_array(document(), f.node, f.children);
    }
    document().mutable_node(f.node).span = span(f.begin, end);
    NodeId id = f.node;
    if (!f.function.empty()) id = wrap(f.function, f.tag, f.node, end);
    if (f.as_key) {
      Frame& parent = frames_.back();
      auto& i = issue(span(f.begin, end),
                      fmt::format("a mapping key is {}; expected a name", f.map ? "a mapping" : "a sequence"));
      i.label = "complex key";
      i.help.push_back("CloudFormation keys are names: logical IDs, property names, parameter names");
      parent.has_key = true;
      parent.drop_value = true;
      parent.key_span = span(f.begin, end);
      parent.last_end = std::max(parent.last_end, end);
      return;
    }
    deliver(id, f.anchor, end);
  }

  // Adds the members of the values given to "<<" that the mapping does not
  // set itself (YAML 1.1 merge keys; earlier sources win).
  void merge(Frame& f) {
    for (const auto& [source, key_span] : f.merges) {
      auto& i = issue(key_span, "merge key \"<<\" is not supported by CloudFormation");
      i.cloudformation_only = true;
      i.label = "YAML merge key";
      i.help.push_back("write the keys out in the mapping; pipec merged them to check the rest of the template");
      std::vector<NodeId> sources;
      if (document().is(source, NodeKind::object)) {
        sources.push_back(source);
      } else if (document().is(source, NodeKind::array)) {
        for (const NodeId item : document().items(source)) sources.push_back(item);
      }
      for (const NodeId s : sources) {
        if (!document().is(s, NodeKind::object)) {
          auto& m = issue(document().node(s).span, "a merge key takes a mapping or a list of mappings");
          m.label = "not a mapping";
          continue;
        }
        for (const auto& m : document().members(s)) {
          const auto own = pending_.members(f.children);
          const bool present = std::any_of(own.begin(), own.end(), [&](const Member& e) { return e.key == m.key; });
          if (!present) pending_.add_member(m);
        }
      }
    }
  }

  // Copies the value anchored as `source` for an alias at `where`: every
  // copied node and key takes the alias's span.
  NodeId copy_subtree(NodeId source, Span where) {
    // Count first, so an alias bomb stops before it allocates.
    std::size_t count = 0;
    std::vector<NodeId> pending{source};
    while (!pending.empty() && alias_nodes_ + count <= options_.max_alias_nodes) {
      const NodeId id = pending.back();
      pending.pop_back();
      ++count;
      for (const auto& m : document().members(id)) pending.push_back(m.value);
      for (const NodeId item : document().items(id)) pending.push_back(item);
    }
    if (alias_nodes_ + count > options_.max_alias_nodes) {
      if (!reported_alias_budget_) {
        reported_alias_budget_ = true;
        auto& i = issue(where, fmt::format("aliases expand to more than {} values; pipec does not expand this one",
                                           options_.max_alias_nodes));
        i.label = "alias not expanded";
      }
      return kNoNode;
    }
    alias_nodes_ += count;
    const auto shallow = [&](NodeId id) {
      Node n = document().node(id);
      n.span = where;
      n.parent = kNoNode;
      n.slot = 0;
      n.first = 0;
      n.count = 0;
      return document().add(std::move(n));
    };
    const NodeId root = shallow(source);
    std::vector<std::pair<NodeId, NodeId>> work{{source, root}};
    while (!work.empty()) {
      const auto [from, to] = work.back();
      work.pop_back();
      if (document().is(from, NodeKind::object)) {
        const auto members = document().members(from);
        const std::vector<Member> originals(members.begin(), members.end());
        std::vector<Member> copies;
        for (const auto& m : originals) {
          const NodeId child = shallow(m.value);
          copies.push_back({m.key, where, child});
          work.emplace_back(m.value, child);
        }
        document().attach_members(to, std::move(copies));
      } else if (document().is(from, NodeKind::array)) {
        const auto items = document().items(from);
        const std::vector<NodeId> originals(items.begin(), items.end());
        std::vector<NodeId> copies;
        for (const NodeId item : originals) {
          const NodeId child = shallow(item);
          copies.push_back(child);
          work.emplace_back(item, child);
        }
        document().attach_items(to, std::move(copies));
      }
    }
    return root;
  }

  void deliver(NodeId id, YAML::anchor_t anchor, u32 end) {
    if (anchor != 0) {
      anchors_[anchor] = id;
      if (pending_anchor_.valid()) anchor_spans_[anchor] = pending_anchor_;
      pending_anchor_ = Span{};
    }
    if (frames_.empty()) {
      if (!root_set_) {
        document().set_root(id);
        root_set_ = true;
      }
      return;
    }
    Frame& f = frames_.back();
    f.last_end = std::max(f.last_end, end);
    if (!f.map) {
      pending_.add_item(id);
      return;
    }
    if (!f.has_key) {
      // Only scalars and aliases reach here as keys; collections are handled in close().
      f.has_key = true;
      f.drop_value = true;
      return;
    }
    if (f.merge) {
      f.merges.emplace_back(id, f.key_span);
    } else if (!f.drop_value) {
      pending_.add_member({std::move(f.key), f.key_span, id});
    }
    f.has_key = false;
    f.drop_value = false;
    f.merge = false;
    f.key = {};
  }

  static constexpr std::size_t kMaxIssues = 100;

  std::string_view text_;
  source::FileId file_;
  u32 bom_;
  const YamlOptions& options_;
  PendingChildren pending_;
  const std::vector<yaml::DeepRegion>& deep_;
  YamlResult& result_;
  std::vector<Frame> frames_;
  std::size_t flow_depth_ = 0;
  std::map<YAML::anchor_t, NodeId> anchors_;
  std::map<YAML::anchor_t, Span> anchor_spans_;
  Span pending_anchor_;
  std::size_t alias_nodes_ = 0;
  int documents_ = 0;
  bool root_set_ = false;
  bool reported_depth_ = false;
  bool reported_alias_budget_ = false;
  bool reported_cap_ = false;
  Issue discarded_;
};

}  // namespace

YamlResult read_yaml(const source::SourceSet& sources, source::FileId file, const YamlOptions& options) {
  const std::string_view text = sources.file(file).text();
  YamlResult result{Document(file), {}};
  const u32 bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (text.size() >= std::numeric_limits<u32>::max() / 2) {
    result.issues.push_back({IssueKind::syntax, Span{file, 0, 0}, "file too large to read as YAML", "", {}, {}});
    return result;
  }
  if (yaml::skip_blanks_and_comments(text, bom) >= text.size()) {
    const auto end = static_cast<u32>(text.size());
    result.issues.push_back(
        {IssueKind::syntax, Span{file, end, end}, "empty file; expected a YAML document", "", {}, {}});
    return result;
  }

  if (options.fast_reader && bom == 0 && (options.valid_utf8 || !util::first_invalid_utf8(text))) {
    // Most templates are in the subset read_common_yaml reads, with the
    // events yaml-cpp would give, and nested no deeper than the limit (so
    // the depth pre-scan below would find nothing); anything else starts
    // over below.
    const std::vector<yaml::DeepRegion> none;
    // About one value per 20 bytes in templates (864 in 17 KB, of which
    // 715 members and 148 items; 50,660, 42,015 and 8,644 in 1 MB): room
    // made once rather than moved each time an arena doubles.
    result.document.reserve(text.size() / 20, text.size() / 24, text.size() / 100);
    Builder builder(text, file, bom, options, none, result);
    if (yaml::read_common_yaml(text, builder, options.max_depth)) return result;
    result = YamlResult{Document(file), {}};
  }
  const std::vector<yaml::DeepRegion> deep = yaml::find_deep_regions(text, options.max_depth);

  // yaml-cpp reads a copy in which every offset stays the same: bytes that
  // are not UTF-8 become "?" (the loader reports them), NUL a space, and
  // values nested too deep are blanked out.
  std::string copy(text);
  for (std::size_t i = bom; i < copy.size();) {
    const std::size_t length = util::utf8_sequence_length(copy, i);
    if (length == 0) {
      copy[i++] = '?';
    } else {
      if (copy[i] == '\0') copy[i] = ' ';
      i += length;
    }
  }
  for (const auto& r : deep) {
    for (u32 k = r.begin; k < r.end && k < copy.size(); ++k) {
      if (!is_break(copy[k])) copy[k] = ' ';
    }
    if (r.begin < copy.size()) copy[r.begin] = '~';
  }

  Builder builder(text, file, bom, options, deep, result);
  bool failed = false;
  try {
    std::istringstream in(copy);
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) parser.HandleNextDocument(builder);
  } catch (const SecondDocument& second) {
    builder.second_document(second.mark);
  } catch (const YAML::Exception& e) {
    builder.parse_error(e);
    failed = true;
  } catch (const std::exception& e) {
    result.issues.push_back(
        {IssueKind::syntax, Span{file, 0, 0}, fmt::format("the YAML parser failed: {}", e.what()), "", {}, {}});
    failed = true;
  }
  if (failed) {
    // What was read before the error is not the whole template: checking it
    // would report everything after the error as missing.
    std::vector<Issue> issues = std::move(result.issues);
    result = YamlResult{Document(file), std::move(issues)};
  }
  return result;
}

bool is_yaml_file(std::string_view file_name, std::string_view text) {
  if (file_name.ends_with(".yaml") || file_name.ends_with(".yml")) return true;
  if (!file_name.ends_with(".template")) return false;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i >= text.size() || (text[i] != '{' && text[i] != '[');
}

}  // namespace pipec::syntax
