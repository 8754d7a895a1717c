#include "driver/import_pattern.h"

#include <fmt/core.h>

#include <algorithm>

#include "driver/import_values.h"
#include "dsl/vocabulary.h"

namespace pipec::driver {

using emit::PipeStatement;
using emit::PipeText;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

class PatternImporter {
 public:
  explicit PatternImporter(const ImportPatternHooks& hooks) : hooks_(hooks) {}

  PipeStatement run(const Document& d, NodeId root) {
    PipeStatement s;
    if (!d.is(root, NodeKind::object)) {
      hooks_.not_expressible(s, d.node(root).span, "an event pattern that is not an object");
      return s;
    }
    if (auto sugar = trigger(d, root)) return std::move(*sugar);
    s.head = "pattern";
    s.block = true;
    fields(d, root, s, &hooks_.written_elsewhere);
    return s;
  }

 private:
  // `on ecr …` when the pattern is exactly what it lowers to.
  std::optional<PipeStatement> trigger(const Document& d, NodeId root) {
    const auto one = [&](NodeId array, std::string_view expected) {
      return d.items(array).size() == 1 && d.is(d.items(array)[0], NodeKind::string) && d.string(d.items(array)[0]) == expected;
    };
    std::size_t own = 0;
    for (const auto& m : d.members(root)) own += hooks_.written_elsewhere.contains(m.key) ? 0 : 1;
    if (own != 3) return std::nullopt;
    const NodeId detail = d.get(root, "detail");
    if (!one(d.get(root, "source"), "aws.ecr") || !d.is(detail, NodeKind::object)) return std::nullopt;
    for (const auto& kind : dsl::trigger_kinds()) {
      if (!one(d.get(root, "detail-type"), kind.detail_type)) continue;
      std::vector<PipeStatement> filters;
      bool action_seen = kind.action_type.empty();
      bool result_seen = std::find(kind.filters.begin(), kind.filters.end(), std::string_view("result")) == kind.filters.end();
      bool fits = true;
      for (const auto& m : d.members(detail)) {
        if (m.key == "action-type" && !kind.action_type.empty()) {
          action_seen = one(m.value, kind.action_type);
          if (!action_seen) fits = false;
          continue;
        }
        std::optional<std::string_view> word;
        for (const auto w : kind.filters) {
          if (dsl::filter_field(w) == m.key) word = w;
        }
        if (!word) {
          fits = false;
          break;
        }
        if (*word == "result") {
          result_seen = true;
          if (one(m.value, "SUCCESS")) continue;  // what the shortcut writes when no result is given
        }
        PipeStatement f;
        auto match = this->match(d, m.value, f, true);
        if (!match) {
          fits = false;
          break;
        }
        f.head = std::string(*word) + " " + *match;
        filters.push_back(std::move(f));
      }
      if (!fits || !action_seen || !result_seen) return std::nullopt;
      PipeStatement s;
      s.head = fmt::format("on {} {}", kind.source, kind.event);
      if (!filters.empty()) {
        s.block = true;
        s.inline_block = true;
        s.children = std::move(filters);
      }
      return s;
    }
    return std::nullopt;
  }

  void fields(const Document& d, NodeId object, PipeStatement& out, const std::set<std::string, std::less<>>* skip = nullptr) {
    for (const auto& m : d.members(object)) {
      if (skip != nullptr && skip->contains(m.key)) continue;
      PipeStatement f;
      if (m.key == "$or") {
        std::string head = "or";
        bool ok = d.items(m.value).size() >= 2;
        for (const NodeId branch : d.items(m.value)) {
          PipeStatement b;
          b.block = true;
          b.inline_block = true;
          if (!d.is(branch, NodeKind::object)) ok = false;
          fields(d, branch, b);
          for (const auto& c : b.children) ok = ok && c.comments.empty();
          std::string text = "{";
          for (std::size_t i = 0; i < b.children.size(); ++i) text += (i == 0 ? " " : "  ") + flat(b.children[i]);
          head += " " + text + (b.children.empty() ? "}" : " }");
        }
        if (ok) {
          f.head = head;
        } else {
          hooks_.not_expressible(f, m.key_span, "an $or that is not two or more objects of fields pipec can write");
        }
        out.children.push_back(std::move(f));
        continue;
      }
      if (m.key == "or") {
        hooks_.not_expressible(f, m.key_span, "a field named \"or\", which the language reads as $or");
        out.children.push_back(std::move(f));
        continue;
      }
      const std::string name = emit::pipe_name(m.key);
      if (d.is(m.value, NodeKind::object) && !operator_object(d, m.value)) {
        f.head = name;
        f.block = true;
        f.inline_block = true;
        fields(d, m.value, f);
      } else if (auto match = this->match(d, m.value, f, false)) {
        f.head = name + " " + *match;
      }
      out.children.push_back(std::move(f));
    }
  }

  // A statement on one line, nested blocks included.
  static std::string flat(const PipeStatement& s) {
    if (!s.block) return s.head + s.tail;
    std::string text = s.head + " {";
    for (std::size_t i = 0; i < s.children.size(); ++i) text += (i == 0 ? " " : "  ") + flat(s.children[i]);
    return text + (s.children.empty() ? "}" : " }") + s.tail;
  }

  bool operator_object(const Document& d, NodeId node) const {
    if (d.members(node).size() != 1) return false;
    const auto& key = d.members(node).front().key;
    const auto ops = dsl::pattern_operators();
    return std::find(ops.begin(), ops.end(), key) != ops.end();
  }

  // A match: the array of alternatives (one written alone).
  std::optional<std::string> match(const Document& d, NodeId node, PipeStatement& at, bool quiet) {
    if (!d.is(node, NodeKind::array)) {
      if (!quiet) hooks_.not_expressible(at, d.node(node).span, fmt::format("a pattern value that is {}, not an array", syntax::describe(d.node(node).kind)));
      return std::nullopt;
    }
    std::vector<std::string> items;
    for (const NodeId item : d.items(node)) {
      auto text = alternative(d, item);
      if (!text.text) {
        if (!quiet) hooks_.not_expressible(at, d.node(item).span, fmt::format("a pattern value: {}", text.why));
        return std::nullopt;
      }
      items.push_back(text.text->literal_text());
    }
    if (items.size() == 1) return items.front();
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
    return out + "]";
  }

  // One alternative, as source text (held in a PipeText's literal).
  ImportedValue alternative(const Document& d, NodeId node) {
    const auto& n = d.node(node);
    switch (n.kind) {
      case NodeKind::number:
        if (emit::is_pipe_number(n.text)) return ImportedValue{PipeText::literal(std::string(n.text)), ""};
        return cannot_import(fmt::format("the number {} is not a plain decimal", n.text));
      case NodeKind::boolean: return ImportedValue{PipeText::literal(n.boolean ? "true" : "false"), ""};
      case NodeKind::null: return ImportedValue{PipeText::literal("null"), ""};
      case NodeKind::string: {
        const ImportedValue r = hooks_.value(d, node);
        return ImportedValue{PipeText::literal(hooks_.text(r.text ? *r.text : PipeText::literal(std::string(n.text)))), ""};
      }
      case NodeKind::object: break;
      default: return cannot_import(std::string(syntax::describe(n.kind)));
    }
    if (!operator_object(d, node)) {
      ImportedValue r = hooks_.value(d, node);  // an intrinsic function of a template
      if (r.text) return ImportedValue{PipeText::literal(hooks_.text(*r.text)), ""};
      return r;
    }
    const auto& m = d.members(node).front();
    const std::string op(m.key);
    const NodeId operand = m.value;
    if (op == "numeric") {
      std::string out = "numeric";
      const auto items = d.items(operand);
      if (items.empty() || items.size() % 2 != 0) return cannot_import("numeric needs comparisons and numbers in pairs");
      for (std::size_t i = 0; i < items.size(); i += 2) {
        const std::string_view cmp = d.string(items[i]);
        if (cmp != "<" && cmp != "<=" && cmp != ">" && cmp != ">=" && cmp != "=") return cannot_import("numeric with an unknown comparison");
        if (!d.is(items[i + 1], NodeKind::number) || !emit::is_pipe_number(d.node(items[i + 1]).text)) {
          return cannot_import("numeric compares with a number that is not a plain decimal");
        }
        out += fmt::format(" {} {}", cmp, d.node(items[i + 1]).text);
      }
      return ImportedValue{PipeText::literal(out), ""};
    }
    if (op == "exists") {
      if (!d.is(operand, NodeKind::boolean)) return cannot_import("exists takes true or false");
      return ImportedValue{PipeText::literal(std::string("exists ") + (d.node(operand).boolean ? "true" : "false")), ""};
    }
    if (op == "anything-but") {
      if (d.is(operand, NodeKind::array)) {
        std::string out = "anything-but [";
        bool first = true;
        for (const NodeId item : d.items(operand)) {
          if (d.is(item, NodeKind::object)) return cannot_import("anything-but with a list holding an operator");
          ImportedValue r = alternative(d, item);
          if (!r.text) return r;
          out += (first ? "" : ", ") + r.text->literal_text();
          first = false;
        }
        return ImportedValue{PipeText::literal(out + "]"), ""};
      }
      if (d.is(operand, NodeKind::object) && !operator_object(d, operand)) return cannot_import("anything-but with an object");
      ImportedValue r = alternative(d, operand);
      if (!r.text) return r;
      return ImportedValue{PipeText::literal("anything-but " + r.text->literal_text()), ""};
    }
    // prefix, suffix, equals-ignore-case, wildcard, cidr: a string.
    if (!d.is(operand, NodeKind::string)) return cannot_import(fmt::format("{} with {}", op, syntax::describe(d.node(operand).kind)));
    return ImportedValue{PipeText::literal(op + " " + hooks_.text(PipeText::literal(std::string(d.node(operand).text)))), ""};
  }

  const ImportPatternHooks& hooks_;
};

}  // namespace

PipeStatement import_pattern(const Document& document, NodeId root, const ImportPatternHooks& hooks) {
  return PatternImporter(hooks).run(document, root);
}

}  // namespace pipec::driver
