#include "syntax/yaml/yaml_text.h"

#include <algorithm>

#include "util/byte_set.h"
#include "util/utf8.h"

namespace pipec::syntax::yaml {

namespace {

using u32 = std::uint32_t;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

u32 size_of(std::string_view text) { return static_cast<u32>(text.size()); }

// Position of the '\n' that ends the line holding `from`, or the end of the text.
u32 line_end(std::string_view text, u32 from) {
  const auto at = text.find('\n', from);
  return at == std::string_view::npos ? size_of(text) : static_cast<u32>(at);
}

u32 line_start(std::string_view text, u32 offset) {
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

// `to` moved back over trailing spaces, tabs and carriage returns.
u32 trim_back(std::string_view text, u32 from, u32 to) {
  while (to > from && (is_blank(text[to - 1]) || text[to - 1] == '\r')) --to;
  return to;
}

u32 count_spaces(std::string_view text, u32 from, u32 limit) {
  u32 i = from;
  while (i < limit && text[i] == ' ') ++i;
  return i - from;
}

bool blank_line(std::string_view text, u32 from, u32 to) {
  for (u32 i = from; i < to; ++i) {
    if (!is_blank(text[i]) && text[i] != '\r') return false;
  }
  return true;
}

// -- plain scalars -------------------------------------------------------------

// End of a plain scalar's words on the line that starts (for this scalar) at
// `from`: before ": ", " #", the line break, and in flow context before
// ",[]{}" and ":" followed by one of them.
u32 plain_line_end(std::string_view text, u32 from, bool flow) {
  const u32 n = size_of(text);
  u32 i = from;
  while (i < n) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] == '\n'))) break;
    if (c == ':') {
      const char next = i + 1 < n ? text[i + 1] : '\n';
      if (is_blank(next) || is_break(next) || (flow && is_flow_indicator(next))) break;
    }
    if (c == '#' && i > from && is_blank(text[i - 1])) break;
    if (flow && is_flow_indicator(c)) break;
    ++i;
  }
  return trim_back(text, from, i);
}

// -- flow scalars: plain, single- and double-quoted ------------------------------

enum class Quote { none, single, dbl };

void put(std::string& out, std::vector<u32>& offsets, char c, u32 at) {
  out.push_back(c);
  offsets.push_back(at);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One escape sequence of a double-quoted scalar at text[i] ('\\'); returns
// where the text continues. Every byte it decodes to maps to the backslash.
u32 escape(std::string_view text, u32 i, u32 end, std::string& out, std::vector<u32>& offsets) {
  if (i + 1 >= end) {
    put(out, offsets, '\\', i);
    return i + 1;
  }
  const char e = text[i + 1];
  const auto code_point = [&](std::uint32_t cp) {
    std::string bytes;
    util::append_utf8(bytes, cp);
    for (const char b : bytes) put(out, offsets, b, i);
  };
  const auto hex = [&](u32 digits) -> u32 {
    std::uint32_t cp = 0;
    u32 k = i + 2;
    for (; k < end && k < i + 2 + digits; ++k) {
      const int v = hex_value(text[k]);
      if (v < 0) break;
      cp = cp * 16 + static_cast<std::uint32_t>(v);
    }
    code_point(cp);
    return k;
  };
  switch (e) {
    case '0':
      put(out, offsets, '\0', i);
      break;
    case 'a':
      put(out, offsets, '\a', i);
      break;
    case 'b':
      put(out, offsets, '\b', i);
      break;
    case 't':
    case '\t':
      put(out, offsets, '\t', i);
      break;
    case 'n':
      put(out, offsets, '\n', i);
      break;
    case 'v':
      put(out, offsets, '\v', i);
      break;
    case 'f':
      put(out, offsets, '\f', i);
      break;
    case 'r':
      put(out, offsets, '\r', i);
      break;
    case 'e':
      put(out, offsets, '\x1b', i);
      break;
    case ' ':
      put(out, offsets, ' ', i);
      break;
    case '"':
      put(out, offsets, '"', i);
      break;
    case '/':
      put(out, offsets, '/', i);
      break;
    case '\\':
      put(out, offsets, '\\', i);
      break;
    case 'N':
      code_point(0x85);
      break;
    case '_':
      code_point(0xA0);
      break;
    case 'L':
      code_point(0x2028);
      break;
    case 'P':
      code_point(0x2029);
      break;
    case 'x':
      return hex(2);
    case 'u':
      return hex(4);
    case 'U':
      return hex(8);
    case '\r':
    case '\n': {
      // An escaped line break: no space, and the next line's indentation
      // is not content.
      u32 k = i + 1;
      if (text[k] == '\r' && k + 1 < end && text[k + 1] == '\n') ++k;
      ++k;
      while (k < end && is_blank(text[k])) ++k;
      return k;
    }
    default:
      put(out, offsets, '\\', i);
      put(out, offsets, e, i + 1);
      break;
  }
  return i + 2;
}

// Decodes text[begin, end) of a flow scalar's content: line breaks fold into
// a space (or, with empty lines between, into that many newlines), white
// space around a break is not content.
void fold_flow(std::string_view text, u32 begin, u32 end, Quote quote, std::string& out, std::vector<u32>& offsets) {
  std::size_t keep = out.size();  // what trimming must not remove (escaped white space)
  u32 i = begin;
  while (i < end) {
    const char c = text[i];
    if (c == '\r' && i + 1 < end && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      u32 fold_at = i;
      while (out.size() > keep && is_blank(out.back())) {
        fold_at = offsets.back();
        out.pop_back();
        offsets.pop_back();
      }
      std::vector<u32> breaks;
      u32 j = i + 1;
      while (j < end) {
        if (is_blank(text[j])) {
          ++j;
        } else if (text[j] == '\r' && j + 1 < end && text[j + 1] == '\n') {
          ++j;
        } else if (is_break(text[j])) {
          breaks.push_back(j);
          ++j;
        } else {
          break;
        }
      }
      if (breaks.empty()) {
        put(out, offsets, ' ', fold_at);
      } else {
        for (const u32 b : breaks) put(out, offsets, '\n', b);
      }
      keep = out.size();
      i = j;
      continue;
    }
    if (quote == Quote::single && c == '\'' && i + 1 < end && text[i + 1] == '\'') {
      put(out, offsets, '\'', i);
      i += 2;
      continue;
    }
    if (quote == Quote::dbl && c == '\\') {
      i = escape(text, i, end, out, offsets);
      keep = out.size();
      continue;
    }
    put(out, offsets, c, i);
    ++i;
  }
}

// -- block scalars ------------------------------------------------------------

struct BlockHeader {
  u32 indicators_end = 0;  ///< after "|", "+"/"-" and the indentation digit
  u32 content_start = 0;   ///< the line after the header
  char chomp = 0;          ///< '+', '-' or 0 (clip)
  int indentation = 0;     ///< explicit indentation indicator, 0 if none
};

BlockHeader parse_header(std::string_view text, u32 begin) {
  const u32 n = size_of(text);
  BlockHeader h;
  u32 i = begin + 1;
  for (int k = 0; k < 2 && i < n; ++k) {
    if (text[i] == '+' || text[i] == '-') {
      h.chomp = text[i++];
    } else if (text[i] >= '1' && text[i] <= '9') {
      h.indentation = text[i++] - '0';
    }
  }
  h.indicators_end = i;
  const u32 le = line_end(text, i);
  h.content_start = le < n ? le + 1 : n;
  return h;
}

// The column of the innermost block collection of a block scalar's header
// line: of the key before it ("key: |2"), or of the "-" before it ("- |2").
int header_parent_indent(std::string_view text, u32 begin) {
  const u32 ls = line_start(text, begin);
  u32 i = ls;
  while (i < begin && text[i] == ' ') ++i;
  int column = static_cast<int>(i - ls);
  while (i + 1 < begin && text[i] == '-' && is_blank(text[i + 1])) {
    column = static_cast<int>(i - ls);
    ++i;
    while (i < begin && is_blank(text[i])) ++i;
    if (i == begin) return column;
    column = static_cast<int>(i - ls);
  }
  return column;
}

// Content indentation of a block scalar, or -1 when it has no content line.
int content_indent(std::string_view text, const BlockHeader& h, u32 limit, int parent_indent) {
  if (h.indentation > 0) return std::max(parent_indent, 0) + h.indentation;
  u32 ls = h.content_start;
  while (ls < limit) {
    const u32 le = line_end(text, ls);
    if (!blank_line(text, ls, le)) {
      const int spaces = static_cast<int>(count_spaces(text, ls, le));
      return spaces > parent_indent ? spaces : -1;
    }
    ls = le + 1;
  }
  return -1;
}

u32 block_extent(std::string_view text, u32 begin, int parent_indent) {
  const u32 n = size_of(text);
  const BlockHeader h = parse_header(text, begin);
  u32 end = h.indicators_end;
  const int indent = content_indent(text, h, n, parent_indent);
  if (indent < 0) return end;
  u32 ls = h.content_start;
  while (ls < n) {
    const u32 le = line_end(text, ls);
    if (!blank_line(text, ls, le)) {
      if (static_cast<int>(count_spaces(text, ls, le)) < indent) break;
      end = le > ls && text[le - 1] == '\r' ? le - 1 : le;
    }
    ls = le + 1;
  }
  return end;
}

struct BlockLine {
  u32 start = 0;  ///< first content byte (after the indentation)
  u32 end = 0;    ///< end of the line's text (before "\r\n")
  u32 brk = 0;    ///< the line break, or the end of the text
  bool blank = false;
  bool more_indented = false;
};

void decode_block(std::string_view text, u32 begin, u32 end, int parent_indent, std::string& out,
                  std::vector<u32>& offsets) {
  const u32 n = size_of(text);
  const bool literal = text[begin] == '|';
  const BlockHeader h = parse_header(text, begin);
  if (parent_indent == -2) parent_indent = h.indentation > 0 ? header_parent_indent(text, begin) : -1;
  const int indent = content_indent(text, h, end, parent_indent);
  std::vector<BlockLine> lines;
  if (indent >= 0) {
    for (u32 ls = h.content_start; ls < n;) {
      const u32 le = line_end(text, ls);
      BlockLine line;
      line.brk = le;
      line.end = le > ls && text[le - 1] == '\r' ? le - 1 : le;
      line.blank = blank_line(text, ls, le);
      if (ls >= end && !line.blank) break;  // past the span: only trailing empty lines count
      if (!line.blank && static_cast<int>(count_spaces(text, ls, le)) < indent) break;
      line.start = std::min(ls + static_cast<u32>(indent), line.end);
      line.more_indented = !line.blank && line.start < line.end && is_blank(text[line.start]);
      lines.push_back(line);
      ls = le + 1;
    }
  }
  std::size_t last = lines.size();  // the last line with content
  for (std::size_t k = lines.size(); k-- > 0;) {
    if (!lines[k].blank) {
      last = k;
      break;
    }
  }
  const auto clamp = [&](u32 at) { return std::min(at, end); };
  if (last == lines.size()) {
    // No content: only a kept chomp keeps the empty lines.
    if (h.chomp == '+') {
      for (const auto& line : lines) put(out, offsets, '\n', clamp(line.brk));
    }
    return;
  }
  const auto content = [&](const BlockLine& line) {
    for (u32 k = line.start; k < line.end; ++k) put(out, offsets, text[k], clamp(k));
  };
  if (literal) {
    for (std::size_t k = 0; k <= last; ++k) {
      if (!lines[k].blank) content(lines[k]);
      if (k < last) put(out, offsets, '\n', clamp(lines[k].brk));
    }
  } else {
    // Folded: a single break between two lines of normal (not more
    // indented) text becomes a space; each empty line between them a
    // newline; breaks around more-indented lines stay.
    std::size_t previous = lines.size();  // the previous line with content
    for (std::size_t k = 0; k <= last; ++k) {
      const BlockLine& line = lines[k];
      if (line.blank) continue;
      if (previous == lines.size()) {
        for (std::size_t e = 0; e < k; ++e) put(out, offsets, '\n', clamp(lines[e].brk));
      } else {
        const bool both_normal = !lines[previous].more_indented && !line.more_indented;
        const std::size_t empty = k - previous - 1;
        if (both_normal && empty == 0) {
          put(out, offsets, ' ', clamp(lines[previous].brk));
        } else {
          if (!both_normal) put(out, offsets, '\n', clamp(lines[previous].brk));
          for (std::size_t e = previous + 1; e < k; ++e) put(out, offsets, '\n', clamp(lines[e].brk));
        }
      }
      content(line);
      previous = k;
    }
  }
  // Chomping: strip drops the final break, clip keeps one, keep keeps all.
  if (h.chomp == '-') return;
  put(out, offsets, '\n', clamp(lines[last].brk));
  if (h.chomp == '+') {
    for (std::size_t k = last + 1; k < lines.size(); ++k) put(out, offsets, '\n', clamp(lines[k].brk));
  }
}

// -- the nesting pre-scan ---------------------------------------------------------

struct Quoted {
  u32 end = 0;          ///< one past the closing quote, or the end of the text
  bool closed = false;  ///< a closing quote was found
};

Quoted scan_quoted(std::string_view text, u32 at) {
  const u32 n = size_of(text);
  const char q = text[at];
  u32 i = at + 1;
  while (i < n) {
    if (q == '"' && text[i] == '\\') {
      i += 2;
      continue;
    }
    if (text[i] == q) {
      if (q == '\'' && i + 1 < n && text[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return {i + 1, true};
    }
    ++i;
  }
  return {n, false};
}

u32 quoted_end(std::string_view text, u32 at) { return scan_quoted(text, at).end; }

// Where the flow collection opening at text[at] closes (one past it), or the
// end of the text.
u32 flow_end(std::string_view text, u32 at) {
  const u32 n = size_of(text);
  std::size_t depth = 0;
  u32 i = at;
  while (i < n) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      const bool token_start = i == 0 || is_blank(text[i - 1]) || is_break(text[i - 1]) ||
                               is_flow_indicator(text[i - 1]) || text[i - 1] == ':';
      if (c == '"' || token_start) {
        i = quoted_end(text, i);
        continue;
      }
    } else if (c == '#' && (i == 0 || is_blank(text[i - 1]) || is_break(text[i - 1]))) {
      i = line_end(text, i);
      continue;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return i + 1;
    }
    ++i;
  }
  return n;
}

// Whether text[from, to) starts with a mapping key: a plain or quoted word
// followed by ':' and a blank or the end of the line.
bool starts_with_key(std::string_view text, u32 from, u32 to) {
  if (from >= to) return false;
  u32 i = from;
  if (text[i] == '"' || text[i] == '\'') {
    i = quoted_end(text, i);
    if (i > to) return false;
    while (i < to && is_blank(text[i])) ++i;
    return i < to && text[i] == ':';
  }
  if (text[i] == '#' || text[i] == '[' || text[i] == '{' || text[i] == '|' || text[i] == '>') return false;
  for (; i < to; ++i) {
    if (text[i] == '#' && i > from && is_blank(text[i - 1])) return false;
    if (text[i] == ':' && (i + 1 >= to || is_blank(text[i + 1]) || text[i + 1] == '\r')) return true;
  }
  return false;
}

// The characters DepthScanner::rest acts on.
constexpr util::ByteSet kDepthSignificant("#\"'[]{}|>");

class DepthScanner {
 public:
  DepthScanner(std::string_view text, u32 max_depth) : text_(text), n_(size_of(text)), max_(max_depth) {}

  std::vector<DeepRegion> run() {
    u32 i = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < n_) i = line(i);
    return std::move(regions_);
  }

 private:
  struct Level {
    int column;
    bool sequence;
  };

  std::size_t depth() const { return block_.size() + flow_.size(); }

  // Scans the line starting at `ls`; returns where the next line starts.
  u32 line(u32 ls) {
    const u32 le = line_end(text_, ls);
    u32 pos = ls;
    if (flow_.empty()) {
      const u32 spaces = count_spaces(text_, ls, le);
      const u32 first = ls + spaces;
      const bool empty = first >= le || text_[first] == '\r' || text_[first] == '#' ||
                         (text_[first] == '\t' && blank_line(text_, first, le));
      if (empty) return le + 1;
      if (block_scalar_parent_ >= -1) {
        if (static_cast<int>(spaces) > block_scalar_parent_) return le + 1;
        block_scalar_parent_ = -2;
      }
      const std::string_view head = text_.substr(first, 3);
      if (spaces == 0 && (head == "---" || head == "...") &&
          (first + 3 >= n_ || is_blank(text_[first + 3]) || is_break(text_[first + 3]))) {
        block_.clear();
        pos = first + 3;
      } else {
        while (!block_.empty() && block_.back().column > static_cast<int>(spaces)) block_.pop_back();
        pos = first;
        // Compact entries: "- - x", "? x".
        while (pos < le && (text_[pos] == '-' || text_[pos] == '?') &&
               (pos + 1 >= n_ || is_blank(text_[pos + 1]) || is_break(text_[pos + 1]))) {
          const int column = static_cast<int>(pos - ls);
          if (block_.empty() || block_.back().column < column || !block_.back().sequence) {
            block_.push_back({column, true});
            if (depth() > max_) return cut_block(pos, le);
          }
          ++pos;
          while (pos < le && is_blank(text_[pos])) ++pos;
        }
        if (starts_with_key(text_, pos, le)) {
          const int column = static_cast<int>(pos - ls);
          if (block_.empty() || block_.back().column < column) {
            block_.push_back({column, false});
            if (depth() > max_) return cut_block(pos, le);
          } else if (block_.back().column == column && block_.back().sequence) {
            // A key in the column of a sequence: an indentless sequence (the
            // value of the key above, in the same column) has ended, and the
            // mapping goes on; otherwise the sequence's column now holds a
            // mapping (which yaml-cpp then refuses).
            const bool indentless = block_.size() >= 2 && block_[block_.size() - 2].column == column;
            if (indentless) {
              block_.pop_back();
            } else {
              block_.back().sequence = false;
            }
          }
        }
      }
    }
    return rest(ls, pos, le);
  }

  // The rest of a line after its indentation and indicators: flow brackets,
  // quotes, comments, block scalar headers. Returns where the next line
  // starts (a quoted scalar or a cut can run over several lines, and the
  // scan goes on from where it ends).
  u32 rest(u32 ls, u32 pos, u32 le) {
    u32 j = pos;
    const auto resume = [&](u32 at) {
      // Continue at `at`, on the line that holds it.
      ls = line_start(text_, at);
      le = line_end(text_, at);
      j = at;
    };
    for (;;) {
      if (flow_.empty()) {
        // Outside brackets the line is a run of tokens: a plain scalar runs
        // to the ":" of a key or to a comment, and the brackets and quotes
        // inside it are text ("x [[").
        while (j < le && is_blank(text_[j])) ++j;
        if (j >= le) return le + 1;
        const char c = text_[j];
        if (c == '!' || c == '&' || c == '*') {  // a tag, an anchor or an alias: a token follows
          while (j < le && !is_blank(text_[j])) ++j;
          continue;
        }
        if (!kDepthSignificant.has(c) || c == ']' || c == '}') {
          j = past_plain(j, le);
          continue;
        }
      }
      // Most bytes are none of the characters below: step over them first.
      while (j < le && !kDepthSignificant.has(text_[j])) ++j;
      if (j >= le) return le + 1;
      const char c = text_[j];
      // Inside brackets, a value also starts after a separator.
      const bool token_start = j == pos || is_blank(text_[j - 1]) ||
                               (!flow_.empty() && (is_flow_indicator(text_[j - 1]) || text_[j - 1] == ':'));
      if (c == '#' && (j == ls || is_blank(text_[j - 1]))) return le + 1;
      if ((c == '"' || c == '\'') && token_start) {
        const u32 close = quoted_end(text_, j);
        if (close >= n_) return n_;
        if (close > le)
          resume(close);
        else
          j = close;
        continue;
      }
      if ((c == '[' || c == '{') && (token_start || !flow_.empty())) {
        flow_.push_back(c);
        if (depth() > max_) {
          const u32 close = flow_end(text_, j);
          regions_.push_back({j, close, static_cast<u32>(depth())});
          flow_.pop_back();
          if (close >= n_) return n_;
          if (close > le)
            resume(close);
          else
            j = close;
          continue;
        }
      } else if ((c == ']' || c == '}') && !flow_.empty()) {
        flow_.pop_back();
      } else if ((c == '|' || c == '>') && flow_.empty() && token_start) {
        block_scalar_parent_ = block_.empty() ? -1 : block_.back().column;
        return le + 1;
      }
      ++j;
    }
  }

  // From the first byte of a plain scalar outside brackets: just past the
  // ":" that ends it as a key (its value may follow on the line), or the
  // line's end (at a comment, or where the scalar ends).
  u32 past_plain(u32 from, u32 le) const {
    for (u32 j = from; j < le; ++j) {
      const char c = text_[j];
      if (c == ':' && (j + 1 >= le || is_blank(text_[j + 1]) || is_break(text_[j + 1]))) return j + 1;
      if (c == '#' && j > from && is_blank(text_[j - 1])) return le;
    }
    return le;
  }

  // A block collection too deep at `at`: cut from there to the end of the
  // line and every following line indented more than the deepest level kept.
  u32 cut_block(u32 at, u32 le) {
    const auto level = static_cast<u32>(depth());
    block_.pop_back();
    const int limit = block_.empty() ? -1 : block_.back().column;
    u32 end = le > at && text_[le - 1] == '\r' ? le - 1 : le;
    u32 ls = le + 1;
    while (ls < n_) {
      const u32 next = line_end(text_, ls);
      if (!blank_line(text_, ls, next) && static_cast<int>(count_spaces(text_, ls, next)) <= limit) break;
      if (!blank_line(text_, ls, next)) end = next > ls && text_[next - 1] == '\r' ? next - 1 : next;
      ls = next + 1;
    }
    regions_.push_back({at, std::max(end, at + 1), level});
    return std::min(end + 1, n_);
  }

  std::string_view text_;
  u32 n_;
  u32 max_;
  std::vector<Level> block_;
  std::vector<char> flow_;
  int block_scalar_parent_ = -2;  ///< in a block scalar: the column its lines must exceed
  std::vector<DeepRegion> regions_;
};

}  // namespace

ScalarStyle style_at(std::string_view text, std::uint32_t at) {
  if (at >= text.size()) return ScalarStyle::plain;
  switch (text[at]) {
    case '\'':
      return ScalarStyle::single_quoted;
    case '"':
      return ScalarStyle::double_quoted;
    case '|':
      return ScalarStyle::literal;
    case '>':
      return ScalarStyle::folded;
    default:
      return ScalarStyle::plain;
  }
}

ScalarExtent scalar_extent(std::string_view text, std::uint32_t begin, bool flow, std::string_view expected,
                           int parent_indent) {
  const u32 n = size_of(text);
  if (begin >= n) return {n, true};
  switch (style_at(text, begin)) {
    case ScalarStyle::single_quoted:
    case ScalarStyle::double_quoted: {
      const Quoted q = scan_quoted(text, begin);
      return {q.end, q.closed};
    }
    case ScalarStyle::literal:
    case ScalarStyle::folded:
      return {block_extent(text, begin, parent_indent), true};
    case ScalarStyle::plain:
      break;
  }
  // Most plain scalars are one line, spelled as read: they end where the
  // value does when a blank, a line break, ":" or (in flow) an indicator
  // follows, since whatever follows a blank on that line is not part of it.
  if (!expected.empty() && text.substr(begin, expected.size()) == expected) {
    const u32 after = begin + static_cast<u32>(expected.size());
    if (after >= n || is_blank(text[after]) || is_break(text[after]) || text[after] == ':' ||
        (flow && is_flow_indicator(text[after]))) {
      return {after, true};
    }
  }
  u32 end = plain_line_end(text, begin, flow);
  if (text.substr(begin, end - begin) == expected) return {end, true};
  std::string decoded;
  std::vector<u32> offsets;
  for (;;) {
    decoded.clear();
    offsets.clear();
    fold_flow(text, begin, end, Quote::none, decoded, offsets);
    if (decoded.size() >= expected.size()) break;
    // The scalar continues on a later line.
    u32 ls = line_end(text, end);
    u32 next = ls;
    while (ls < n) {
      ++ls;
      const u32 le = line_end(text, ls);
      if (!blank_line(text, ls, le)) {
        next = ls;
        break;
      }
      ls = le;
    }
    if (ls >= n) break;
    u32 first = next;
    while (first < n && is_blank(text[first])) ++first;
    if (first >= n || text[first] == '#') break;
    if (!flow && static_cast<int>(first - next) <= parent_indent) break;
    const u32 line_end_at = plain_line_end(text, first, flow);
    if (line_end_at == first) break;
    end = line_end_at;
  }
  return {end, true};
}

void decode_scalar(std::string_view text, std::uint32_t begin, std::uint32_t end, int parent_indent, std::string& out,
                   std::vector<std::uint32_t>& offsets) {
  out.clear();
  offsets.clear();
  end = std::min(end, size_of(text));
  if (begin >= end) {
    offsets.push_back(std::min(begin, end));
    return;
  }
  switch (style_at(text, begin)) {
    case ScalarStyle::single_quoted:
    case ScalarStyle::double_quoted: {
      const bool closed = end - begin >= 2 && text[end - 1] == text[begin];
      const u32 content_end = closed ? end - 1 : end;
      fold_flow(text, begin + 1, content_end, text[begin] == '"' ? Quote::dbl : Quote::single, out, offsets);
      break;
    }
    case ScalarStyle::literal:
    case ScalarStyle::folded:
      decode_block(text, begin, end, parent_indent, out, offsets);
      break;
    case ScalarStyle::plain:
      fold_flow(text, begin, end, Quote::none, out, offsets);
      break;
  }
  offsets.push_back(end);
}

std::vector<DeepRegion> find_deep_regions(std::string_view text, std::uint32_t max_depth) {
  return DepthScanner(text, max_depth).run();
}

std::uint32_t skip_blanks_and_comments(std::string_view text, std::uint32_t from) {
  const u32 n = size_of(text);
  u32 i = from;
  while (i < n) {
    const char c = text[i];
    if (is_blank(c) || is_break(c)) {
      ++i;
    } else if (c == '#' && (i == 0 || is_blank(text[i - 1]) || is_break(text[i - 1]))) {
      i = line_end(text, i);
    } else {
      break;
    }
  }
  return i;
}

int column_of(std::string_view text, std::uint32_t offset) {
  return static_cast<int>(offset - line_start(text, std::min(offset, size_of(text))));
}

}  // namespace pipec::syntax::yaml
