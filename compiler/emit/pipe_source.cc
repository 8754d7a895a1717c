#include "emit/pipe_source.h"

#include <cctype>

namespace pipec::emit {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Blocks wider than this are written one statement a line.
constexpr std::size_t kInlineWidth = 100;

std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

std::string one_line(const PipeStatement& s);

std::string inline_children(const PipeStatement& s) {
  std::string out = s.head + " {";
  for (std::size_t i = 0; i < s.children.size(); ++i) out += (i == 0 ? " " : "  ") + one_line(s.children[i]);
  out += s.children.empty() ? "}" : " }";
  return out + s.tail;
}

std::string one_line(const PipeStatement& s) {
  if (!s.block) return s.head + s.tail;
  return inline_children(s);
}

bool fits_inline(const PipeStatement& s, int depth) {
  if (!s.inline_block) return false;
  for (const auto& c : s.children) {
    if (!c.comments.empty() || (c.block && !fits_inline(c, depth + 1))) return false;
  }
  return indent(depth).size() + inline_children(s).size() <= kInlineWidth;
}

void print(const PipeStatement& s, int depth, std::string& out) {
  if (s.blank_before) out += "\n";
  for (const auto& c : s.comments) out += indent(depth) + "# " + c + "\n";
  if (s.head.empty() && !s.block) return;
  if (!s.block) {
    out += indent(depth) + s.head + s.tail + "\n";
    return;
  }
  if (fits_inline(s, depth)) {
    out += indent(depth) + inline_children(s) + "\n";
    return;
  }
  out += indent(depth) + s.head + " {\n";
  for (const auto& c : s.children) print(c, depth + 1, out);
  out += indent(depth) + "}" + s.tail + "\n";
}

}  // namespace

bool is_pipe_name(std::string_view text) {
  if (text.empty() || !name_start(text.front()) || text.back() == '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!name_char(text[i])) return false;
    if (text[i] == '-' && i + 1 < text.size() && text[i + 1] == '>') return false;
  }
  return true;
}

bool is_pipe_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t start = i;
  while (i < text.size() && digit(text[i])) ++i;
  if (i == start || (text[start] == '0' && i - start > 1)) return false;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction = ++i;
    while (i < text.size() && digit(text[i])) ++i;
    if (i == fraction) return false;
  }
  return i == text.size();
}

PipeText PipeText::literal(std::string text) { return PipeText{{{false, std::move(text)}}}; }
PipeText PipeText::reference(std::string name) { return PipeText{{{true, std::move(name)}}}; }

PipeText& PipeText::append(const PipeText& more) {
  for (const auto& p : more.pieces) {
    if (!p.reference && !pieces.empty() && !pieces.back().reference) {
      pieces.back().text += p.text;
    } else {
      pieces.push_back(p);
    }
  }
  return *this;
}

bool PipeText::is_literal() const {
  for (const auto& p : pieces) {
    if (p.reference) return false;
  }
  return true;
}

std::string PipeText::literal_text() const {
  std::string out;
  for (const auto& p : pieces) out += p.reference ? "${" + p.text + "}" : p.text;
  return out;
}

std::string pipe_string(const PipeText& text) {
  std::string out = "\"";
  for (const auto& p : text.pieces) {
    if (p.reference) {
      out += "${" + p.text + "}";
      continue;
    }
    for (std::size_t i = 0; i < p.text.size(); ++i) {
      const char c = p.text[i];
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        // A literal "${" would read as a reference; the piece after a
        // literal "$" may be a reference, which starts with "$" too.
        case '$': out += (i + 1 < p.text.size() && p.text[i + 1] == '{') ? "\\$" : "$"; break;
        default: out.push_back(c);
      }
    }
  }
  return out + "\"";
}

std::string pipe_string(std::string_view literal) { return pipe_string(PipeText::literal(std::string(literal))); }

std::string pipe_value(const PipeText& text) {
  if (text.pieces.size() == 1 && text.pieces.front().reference) return text.pieces.front().text;
  return pipe_string(text);
}

std::string pipe_name(std::string_view text) { return is_pipe_name(text) ? std::string(text) : pipe_string(text); }

std::string print_pipe(const std::vector<PipeStatement>& statements) {
  std::string out;
  bool previous_block = false;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i];
    // A blank line around every block (pipeline, rule) and its comments.
    if (i > 0 && (s.block || previous_block || !s.comments.empty())) out += "\n";
    print(s, 0, out);
    previous_block = s.block;
  }
  return out;
}

}  // namespace pipec::emit
