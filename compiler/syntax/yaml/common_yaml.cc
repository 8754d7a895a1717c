#include "syntax/yaml/common_yaml.h"

#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>

#include "util/byte_set.h"
#include "util/control_bytes.h"
#include "util/utf8.h"

namespace pipec::syntax::yaml {

namespace {

using u32 = std::uint32_t;

// Thrown wherever the text leaves the subset; caught by read_common_yaml.
struct Unsupported {};

[[noreturn]] void unsupported() { throw Unsupported{}; }

constexpr u32 kMaxDepth = 300;     // values nested deeper are left to yaml-cpp (the recursion stays shallow)
constexpr u32 kMaxKeyLength = 1000;  // yaml-cpp drops a simple key longer than 1024 bytes
constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

bool is_space_or_break(char c) { return c == ' ' || c == '\n'; }

// The bytes a plain scalar cannot start with (the fast reader's subset of
// YAML's indicators), and those a plain scalar's scan stops to look at; in
// block context the flow indicators among them are text.
constexpr util::ByteSet kNotPlainStart(",[]{}#&*!|>'\"%@`");
constexpr util::ByteSet kPlainSignificant("\n: ,?[]{}");
constexpr util::ByteSet kFlowIndicator(",?[]{}");
constexpr util::ByteSet kFlowValueEnd(",]}");

class Reader {
 public:
  Reader(std::string_view text, YAML::EventHandler& handler, u32 max_collections)
      : text_(text),
        n_(static_cast<u32>(text.size())),
        handler_(handler),
        places_(dynamic_cast<PlaceAwareHandler*>(&handler)),
        max_collections_(max_collections) {}

  void read() {
    // Tabs, carriage returns and other control bytes have rules of their
    // own in yaml-cpp.
    if (util::has_control_byte(text_)) unsupported();
    // A byte order mark shifts yaml-cpp's marks; a UTF-16 one (the bytes
    // FE FF or FF FE; the other encodings it detects start with a NUL) makes
    // it read the text as UTF-16.
    const std::string_view start = text_.substr(0, 3);
    if (start == "\xEF\xBB\xBF" || start.starts_with("\xFE\xFF") || start.starts_with("\xFF\xFE")) unsupported();
    u32 p = skip_ws(0);
    if (p >= n_ || text_[p] == '%') unsupported();
    handler_.OnDocumentStart(mark(p));
    if (is_document_marker(p, '-')) {
      started_ = true;  // the document has begun: another "---" is a second one
      p = skip_spaces_and_comment(p + 3);
      if (p < n_ && text_[p] != '\n') unsupported();  // a value on the marker's line
      p = skip_ws(p);
      if (p >= n_) unsupported();
    }
    p = node(p, -1, Context::root);
    p = skip_ws(p);
    if (p < n_) unsupported();  // a second document, "...", or text after the value
    handler_.OnDocumentEnd();
  }

 private:
  enum class Context {
    root,        // the document's value
    after_key,   // after "key:" on the key's line: no block collection may start here
    own_lines,   // on lines of its own, below a key or a "-"
    after_dash,  // after "- " on its line: a compact mapping or sequence may start here
  };

  // -- positions -----------------------------------------------------------

  // yaml-cpp's mark: byte offset, line and column, all from 0. Marks are asked
  // for mostly in order, so the line is counted on from the last one. A
  // place-aware handler reads the offset alone: its lines are not counted.
  YAML::Mark mark(u32 at) {
    if (places_ != nullptr) {
      YAML::Mark m;  // line and column 0
      m.pos = static_cast<int>(at);
      return m;
    }
    if (at < mark_pos_) {
      mark_pos_ = 0;
      mark_line_ = 0;
      mark_line_start_ = 0;
    }
    // memchr from line break to line break: every value has a mark, so
    // this crosses the whole text once.
    while (const void* found = std::memchr(text_.data() + mark_pos_, '\n', at - mark_pos_)) {
      mark_pos_ = static_cast<u32>(static_cast<const char*>(found) - text_.data()) + 1;
      ++mark_line_;
      mark_line_start_ = mark_pos_;
    }
    mark_pos_ = at;
    YAML::Mark m;
    m.pos = static_cast<int>(at);
    m.line = static_cast<int>(mark_line_);
    // At the end of the text yaml-cpp's stream resets its column.
    m.column = at >= n_ ? 0 : static_cast<int>(at - mark_line_start_);
    return m;
  }

  // The mark of a value missing at the end of the text, inside a block
  // collection at column `innermost`. yaml-cpp takes it from the token after
  // the value: where the last line's spaces (or comment) leave the column, the
  // collections deeper than that column (and a sequence at it) end, and that
  // block-end token keeps the column; otherwise the end of the stream resets
  // the column to 0 first.
  YAML::Mark end_mark(int innermost, bool sequence) {
    YAML::Mark m = mark(n_);
    if (places_ != nullptr) return m;
    const int last = column(n_);
    if (innermost > last || (sequence && innermost == last)) m.column = last;
    return m;
  }

  int column(u32 at) const {
    const void* line_break = at == 0 ? nullptr : memrchr(text_.data(), '\n', at);
    const u32 start = line_break == nullptr ? 0 : static_cast<u32>(static_cast<const char*>(line_break) - text_.data()) + 1;
    return static_cast<int>(at - start);
  }

  char at(u32 p) const { return p < n_ ? text_[p] : '\0'; }
  bool ends_word(u32 p) const { return p >= n_ || is_space_or_break(text_[p]); }

  bool is_document_marker(u32 p, char c) const {
    return column(p) == 0 && p + 3 <= n_ && text_[p] == c && text_[p + 1] == c && text_[p + 2] == c && ends_word(p + 3);
  }

  bool is_block_entry(u32 p) const { return at(p) == '-' && ends_word(p + 1); }

  // Past spaces and a comment on this line; stops at the line break.
  u32 skip_spaces_and_comment(u32 p) const {
    while (p < n_ && text_[p] == ' ') ++p;
    if (p < n_ && text_[p] == '#') {
      if (p > 0 && !is_space_or_break(text_[p - 1])) unsupported();
      while (p < n_ && text_[p] != '\n') ++p;
    }
    return p;
  }

  // Past spaces, comments and line breaks: the next token, or the end.
  u32 skip_ws(u32 p) const {
    for (;;) {
      p = skip_spaces_and_comment(p);
      if (p < n_ && text_[p] == '\n') {
        ++p;
        continue;
      }
      if (p < n_ && column(p) == 0) {
        // "..." anywhere (yaml-cpp ends the document there, even before its
        // first token); "---" once the document has begun: another document.
        if (is_document_marker(p, '.')) unsupported();
        if (started_ && is_document_marker(p, '-')) unsupported();
      }
      return p;
    }
  }

  // -- scalars -------------------------------------------------------------

  // A one-line scalar. Its value is its text, without the quotes, unless an
  // escape or a doubled quote made it differ: then it is `decoded`. (A view
  // into `decoded` itself would not survive the Scalar's move.)
  struct Scalar {
    u32 begin = 0;     // its first byte (its opening quote)
    u32 end = 0;       // one past the scalar's last byte (its closing quote)
    bool plain = false;
    bool is_decoded = false;
    std::string decoded;
  };
  std::string_view value(const Scalar& s) const {
    if (s.is_decoded) return s.decoded;
    return s.plain ? text_.substr(s.begin, s.end - s.begin) : text_.substr(s.begin + 1, s.end - s.begin - 2);
  }

  // A plain scalar on one line, from `p`. In block context it ends at ": ",
  // " #" or the line's end; in flow context also at ",[]{}?" and ":" before
  // them.
  Scalar plain(u32 p, bool flow) const {
    Scalar s;
    s.plain = true;
    s.begin = p;
    const char first = at(p);
    if (kNotPlainStart.has(first)) unsupported();
    if ((first == '-' || first == '?' || first == ':') && ends_word(p + 1)) unsupported();
    if (flow && (first == '?' || first == ':')) unsupported();
    u32 i = p;
    u32 last = p;
    for (; i < n_; ++i) {
      const char c = text_[i];
      if (!kPlainSignificant.has(c)) {
        last = i + 1;
        continue;
      }
      if (c == '\n') break;
      if (c == ':' && (ends_word(i + 1) || (flow && kFlowValueEnd.has(at(i + 1))))) break;
      if (flow && kFlowIndicator.has(c)) break;
      if (c == ' ') {
        if (at(i + 1) == '#') break;
        continue;
      }
      last = i + 1;
    }
    if (last == p) unsupported();
    s.end = last;
    return s;
  }

  // After a plain scalar that ran to the end of its line: yaml-cpp reads on
  // into the next lines while they are indented past the enclosing block
  // collection (in flow context, unless the next line closes or separates).
  void check_plain_ends(u32 end, int top, bool flow) const {
    u32 p = end;
    while (p < n_ && text_[p] == ' ') ++p;
    if (p >= n_ || text_[p] != '\n') return;  // ended at ":", " #" or a flow indicator
    if (flow) {
      u32 q = p + 1;
      while (q < n_ && text_[q] == ' ') ++q;
      if (q >= n_ || !kFlowValueEnd.has(text_[q]) || column(q) == 0) unsupported();
      return;
    }
    for (u32 line = p + 1; line < n_;) {
      u32 q = line;
      while (q < n_ && text_[q] == ' ') ++q;
      if (q >= n_) return;
      if (text_[q] == '\n') {
        line = q + 1;
        continue;
      }
      if (static_cast<int>(q - line) >= top + 1) unsupported();
      return;
    }
  }

  // A quoted scalar on one line, from its opening quote at `p`.
  Scalar quoted(u32 p) const {
    Scalar s;
    s.begin = p;
    const char quote = text_[p];
    // Most quoted scalars hold no escape and no doubled quote: their value
    // is the text between the quotes.
    u32 i = p + 1;
    while (i < n_ && text_[i] != quote && text_[i] != '\n' && !(quote == '"' && text_[i] == '\\')) ++i;
    if (i < n_ && text_[i] == quote && !(quote == '\'' && at(i + 1) == '\'')) {
      s.end = i + 1;
      return s;
    }
    s.is_decoded = true;
    s.decoded.assign(text_.substr(p + 1, i - p - 1));
    for (;;) {
      if (i >= n_ || text_[i] == '\n') unsupported();  // several lines, or no closing quote
      const char c = text_[i];
      if (quote == '\'') {
        if (c == '\'') {
          if (at(i + 1) != '\'') break;
          s.decoded.push_back('\'');
          i += 2;
          continue;
        }
        s.decoded.push_back(c);
        ++i;
        continue;
      }
      if (c == '"') break;
      if (c != '\\') {
        s.decoded.push_back(c);
        ++i;
        continue;
      }
      const char e = at(i + 1);
      i += 2;
      switch (e) {
        case '0': s.decoded.push_back('\0'); continue;
        case 'a': s.decoded.push_back('\x07'); continue;
        case 'b': s.decoded.push_back('\x08'); continue;
        case 't': s.decoded.push_back('\t'); continue;
        case 'n': s.decoded.push_back('\n'); continue;
        case 'v': s.decoded.push_back('\x0B'); continue;
        case 'f': s.decoded.push_back('\x0C'); continue;
        case 'r': s.decoded.push_back('\r'); continue;
        case 'e': s.decoded.push_back('\x1B'); continue;
        case ' ': s.decoded.push_back(' '); continue;
        case '"': s.decoded.push_back('"'); continue;
        case '\'': s.decoded.push_back('\''); continue;
        case '\\': s.decoded.push_back('\\'); continue;
        case '/': s.decoded.push_back('/'); continue;
        case 'L': s.decoded += "\xE2\x80\xA8"; continue;
        case 'P': s.decoded += "\xE2\x80\xA9"; continue;
        case 'x':
        case 'u':
        case 'U': {
          const u32 digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          std::uint32_t cp = 0;
          for (u32 k = 0; k < digits; ++k) {
            const char h = at(i + k);
            int d = -1;
            if (h >= '0' && h <= '9') d = h - '0';
            if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
            if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
            if (d < 0 || cp > 0x10FFFF) unsupported();
            cp = cp * 16 + static_cast<std::uint32_t>(d);
          }
          if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) unsupported();
          util::append_utf8(s.decoded, cp);
          i += digits;
          continue;
        }
        default:
          unsupported();  // \N and \_ (yaml-cpp writes one byte, not UTF-8), a line break, unknown escapes
      }
    }
    s.end = i + 1;
    return s;
  }

  // A literal or folded block scalar whose header is at `p`; its content
  // must be indented past column `past` (the innermost block collection's,
  // or a tag's that leads its line). Returns where the next token may start
  // (the first line less indented than the content).
  u32 block_scalar(u32 p, int past, const std::string& tag, u32 node_mark) {
    const bool folded = text_[p] == '>';
    enum { clip, strip, keep } chomp = clip;
    u32 i = p + 1;
    if (at(i) == '-' || at(i) == '+') chomp = text_[i++] == '-' ? strip : keep;
    if (at(i) >= '0' && at(i) <= '9') unsupported();  // an explicit indentation
    i = skip_spaces_and_comment(i);
    if (i >= n_ || text_[i] != '\n') unsupported();
    if (folded && chomp == keep) unsupported();
    const u32 minimum = past >= 0 ? static_cast<u32>(past) + 1 : 1;

    std::string value;
    u32 line = i + 1;
    u32 indent = 0;
    bool first = true;
    u32 pending_breaks = 0;  // empty lines since the last content line
    bool last_had_break = false;
    for (;;) {
      u32 q = line;
      while (q < n_ && text_[q] == ' ') ++q;
      const u32 spaces = q - line;
      if (q >= n_) {
        // A last line of spaces, with no line break, as deep as the content:
        // yaml-cpp takes it for an empty content line (a folded scalar then
        // ends in a space).
        if (spaces > 0 && !first && spaces >= indent) unsupported();
        line = n_;
        break;
      }
      if (text_[q] == '\n') {
        if (first || spaces > indent) unsupported();  // leading empty lines; spaces that would be content
        ++pending_breaks;
        line = q + 1;
        continue;
      }
      if (first) {
        if (spaces < minimum) unsupported();  // an empty block scalar
        indent = spaces;
      } else if (spaces < indent) {
        break;
      }
      if (!first) {
        if (folded && (pending_breaks > 0 || spaces > indent)) unsupported();
        if (folded) {
          value.push_back(' ');
        } else {
          value.append(1 + pending_breaks, '\n');
        }
      }
      pending_breaks = 0;
      first = false;
      u32 e = q;
      while (e < n_ && text_[e] != '\n') ++e;
      value.append(text_.substr(line + indent, e - line - indent));
      last_had_break = e < n_;
      line = e < n_ ? e + 1 : n_;
      if (line >= n_) break;
    }
    // The breaks after the last content line, as chomping keeps them.
    if (chomp == clip && last_had_break) value.push_back('\n');
    if (chomp == keep && last_had_break) value.append(1 + pending_breaks, '\n');
    handler_.OnScalar(mark(node_mark), tag.empty() ? "!" : tag, 0, value);
    return line;
  }

  // -- properties ----------------------------------------------------------

  // A tag at `p` ("!Name" or "!!type"), as yaml-cpp translates it; `p` moves
  // past it.
  std::string tag(u32& p) const {
    u32 i = p + 1;
    const bool secondary = at(i) == '!';
    if (secondary) ++i;
    const u32 begin = i;
    while (i < n_ && (std::isalnum(static_cast<unsigned char>(text_[i])) != 0 || text_[i] == '-' || text_[i] == '_' ||
                      text_[i] == '.' || text_[i] == ':')) {
      ++i;
    }
    // A tag that ends in ":" ("!Name:" before a blank) reads as a key to the
    // depth pre-scan (find_deep_regions) and to a person; no CloudFormation
    // tag does, so yaml-cpp reads it, with the pre-scan before it.
    if (i == begin || !ends_word(i) || text_[i - 1] == ':') unsupported();
    std::string out = secondary ? std::string(kYamlTagPrefix) : std::string("!");
    out.append(text_.substr(begin, i - begin));
    p = i;
    return out;
  }

  // -- nodes ---------------------------------------------------------------

  // Whether the scalar at `p` is a mapping key: followed on its line by ":"
  // and a space or the line's end.
  bool is_key(u32 p) const {
    const char c = text_[p];
    if (c == '"' || c == '\'') {
      const Scalar s = quoted(p);
      u32 q = s.end;
      while (q < n_ && text_[q] == ' ') ++q;
      return at(q) == ':' && ends_word(q + 1);
    }
    if (kNotPlainStart.has(c)) return false;
    if ((c == '-' || c == '?' || c == ':') && ends_word(p + 1)) return false;
    for (u32 i = p; i < n_ && text_[i] != '\n'; ++i) {
      if (text_[i] == ':' && ends_word(i + 1)) return true;
      if (text_[i] == ' ' && at(i + 1) == '#') return false;
    }
    return false;
  }

  // The value at `p` (its first token), in block context; `top` is the column
  // of the innermost block collection. Returns where the next token may start.
  u32 node(u32 p, int top, Context context) {
    if (++depth_ > kMaxDepth) unsupported();
    started_ = true;
    const u32 node_mark = p;
    std::string node_tag;
    if (text_[p] == '&' || text_[p] == '*' || text_[p] == '%') unsupported();
    if (text_[p] == '!') {
      node_tag = tag(p);
      u32 q = skip_spaces_and_comment(p);
      if (q < n_ && text_[q] != '\n') {
        p = q;
        if (text_[p] == '&' || text_[p] == '!' || text_[p] == '*' || is_block_entry(p)) unsupported();
        if (text_[p] != '[' && text_[p] != '{' && is_key(p)) unsupported();  // a tagged key
      } else {
        // The tagged value starts on a later line: only a block collection.
        q = skip_ws(q);
        if (q >= n_) unsupported();
        const int c = column(q);
        const bool indentless = context == Context::after_key && c == top && is_block_entry(q);
        if (!(c > top || indentless)) unsupported();
        if (is_block_entry(q)) {
          const u32 r = sequence(q, c, node_tag, node_mark, indentless);
          --depth_;
          return r;
        }
        if (text_[q] == '!' || text_[q] == '&' || !is_key(q)) unsupported();
        const u32 r = mapping(q, c, node_tag, node_mark);
        --depth_;
        return r;
      }
    }
    u32 r = 0;
    const char c = text_[p];
    if (c == '[' || c == '{') {
      r = flow_collection(p, node_tag, node_mark);
      const u32 after = skip_spaces_and_comment(r);
      if (after < n_ && text_[after] != '\n') unsupported();  // "[a]: b", or text after the collection
    } else if (context == Context::root && !is_block_entry(p) && !(node_tag.empty() && is_key(p))) {
      unsupported();  // a template is not a lone scalar
    } else if (c == '|' || c == '>') {
      // A tag that starts its line, or follows "- ": yaml-cpp wants the
      // content indented past the tag (after "key:" it does not).
      const bool tag_leads = !node_tag.empty() && context != Context::after_key;
      r = block_scalar(p, tag_leads ? std::max(top, column(node_mark)) : top, node_tag, node_mark);
    } else if (is_block_entry(p)) {
      if (context == Context::after_key || !node_tag.empty()) unsupported();  // "a: - b", "!T - b"
      r = sequence(p, column(p), node_tag, node_mark, false);
    } else if (node_tag.empty() && is_key(p)) {
      if (context == Context::after_key) unsupported();  // "a: b: c"
      r = mapping(p, column(p), node_tag, node_mark);
    } else {
      Scalar s = c == '"' || c == '\'' ? quoted(p) : plain(p, false);
      const u32 after = skip_spaces_and_comment(s.end);
      if (after < n_ && text_[after] != '\n') unsupported();
      if (s.plain) check_plain_ends(s.end, top, false);
      emit_scalar(node_mark, node_tag, s);
      r = after;
    }
    --depth_;
    return r;
  }

  void emit_scalar(u32 node_mark, std::string_view node_tag, const Scalar& s) {
    const std::string_view v = value(s);
    if (s.plain && node_tag.empty() && (v == "~" || v == "null" || v == "Null" || v == "NULL")) {
      handler_.OnNull(mark(node_mark), 0);
      return;
    }
    // yaml-cpp's tags for an untagged plain scalar and for any other.
    const std::string_view tag = !node_tag.empty() ? node_tag : s.plain ? "?" : "!";
    if (places_ != nullptr) {
      places_->OnPlacedScalar(mark(node_mark), tag, v, {s.begin, s.end, s.plain});
      return;
    }
    handler_.OnScalar(mark(node_mark), std::string(tag), 0, std::string(v));
  }

  // A block mapping whose first key is at `p`, in column `col`.
  u32 mapping(u32 p, int col, const std::string& node_tag, u32 node_mark) {
    open_collection();
    handler_.OnMapStart(mark(node_mark), node_tag.empty() ? "?" : node_tag, 0, YAML::EmitterStyle::Block);
    for (;;) {
      // The key: a scalar on one line, then ":".
      const char c = text_[p];
      if (c == '!' || c == '&' || c == '*' || c == '?' || c == '[' || c == '{' || c == '|' || c == '>') unsupported();
      Scalar key = c == '"' || c == '\'' ? quoted(p) : plain(p, false);
      u32 colon = key.end;
      while (colon < n_ && text_[colon] == ' ') ++colon;
      if (at(colon) != ':' || !ends_word(colon + 1)) unsupported();
      if (colon - p > kMaxKeyLength) unsupported();
      emit_scalar(p, "", key);
      p = value_after_key(colon + 1, col);
      p = skip_ws(p);
      if (p >= n_) break;
      const int next = column(p);
      if (next < col) break;
      if (next > col || is_block_entry(p)) unsupported();
    }
    handler_.OnMapEnd();
    --collections_;
    return p;
  }

  // The value after "key:" at `p`, in a mapping at column `col`.
  u32 value_after_key(u32 p, int col) {
    const u32 q = skip_spaces_and_comment(p);
    if (q < n_ && text_[q] != '\n') return node(q, col, Context::after_key);
    const u32 r = skip_ws(q);
    if (r >= n_) {
      handler_.OnNull(end_mark(col, false), 0);
      return n_;
    }
    const int c = column(r);
    if (c > col) return node(r, col, Context::own_lines);
    if (c == col && is_block_entry(r)) {
      if (++depth_ > kMaxDepth) unsupported();
      const u32 end = sequence(r, c, "", r, true);
      --depth_;
      return end;
    }
    handler_.OnNull(mark(r), 0);
    return r;
  }

  // A block sequence whose first "-" is at `p`, in column `col`. An
  // indentless sequence (the value of a key in the same column) ends at the
  // first line in that column that is not an entry.
  u32 sequence(u32 p, int col, const std::string& node_tag, u32 node_mark, bool indentless) {
    open_collection();
    handler_.OnSequenceStart(mark(node_mark), node_tag.empty() ? "?" : node_tag, 0, YAML::EmitterStyle::Block);
    for (;;) {
      const u32 q = skip_spaces_and_comment(p + 1);
      if (q < n_ && text_[q] != '\n') {
        p = node(q, col, Context::after_dash);
      } else {
        const u32 r = skip_ws(q);
        if (r < n_ && column(r) > col) {
          p = node(r, col, Context::own_lines);
        } else {
          handler_.OnNull(r >= n_ ? end_mark(col, true) : mark(r), 0);
          p = r;
        }
      }
      p = skip_ws(p);
      if (p >= n_) break;
      const int next = column(p);
      if (next < col) break;
      if (next == col && is_block_entry(p)) continue;
      if (next == col && indentless) break;
      unsupported();
    }
    handler_.OnSequenceEnd();
    --collections_;
    return p;
  }

  // -- flow collections ----------------------------------------------------

  // Past spaces, line breaks and comments inside brackets; a line that starts
  // in column 0 there is left to yaml-cpp (document markers are looked for).
  u32 skip_flow_ws(u32 p) const {
    for (;;) {
      p = skip_spaces_and_comment(p);
      if (p < n_ && text_[p] == '\n') {
        ++p;
        if (p < n_ && text_[p] != ' ' && text_[p] != '\n') unsupported();
        continue;
      }
      return p;
    }
  }

  u32 flow_collection(u32 p, const std::string& node_tag, u32 node_mark) {
    if (++depth_ > kMaxDepth) unsupported();
    open_collection();
    const bool map = text_[p] == '{';
    const std::string t = node_tag.empty() ? "?" : node_tag;
    if (map) {
      handler_.OnMapStart(mark(node_mark), t, 0, YAML::EmitterStyle::Flow);
    } else {
      handler_.OnSequenceStart(mark(node_mark), t, 0, YAML::EmitterStyle::Flow);
    }
    const char close = map ? '}' : ']';
    ++p;
    for (;;) {
      p = skip_flow_ws(p);
      if (p >= n_) unsupported();
      if (text_[p] == close) break;
      if (map) {
        const char c = text_[p];
        if (c == '!' || c == '&' || c == '*' || c == '?' || c == '[' || c == '{' || c == ',') unsupported();
        const Scalar key = c == '"' || c == '\'' ? quoted(p) : plain(p, true);
        if (key.plain) check_plain_ends(key.end, -1, true);
        u32 colon = key.end;
        while (colon < n_ && text_[colon] == ' ') ++colon;
        if (at(colon) != ':') unsupported();
        if (key.plain && !(ends_word(colon + 1) || at(colon + 1) == ',' || at(colon + 1) == '}' || at(colon + 1) == ']'))
          unsupported();
        if (colon - p > kMaxKeyLength) unsupported();
        emit_scalar(p, "", key);
        p = skip_flow_ws(colon + 1);
        if (p >= n_) unsupported();
        if (text_[p] == ',' || text_[p] == close) {
          handler_.OnNull(mark(p), 0);
        } else {
          p = flow_node(p);
        }
      } else {
        if (text_[p] == ',') unsupported();
        p = flow_node(p);
      }
      p = skip_flow_ws(p);
      if (at(p) == ',') {
        ++p;
        continue;
      }
      if (at(p) == close) break;
      unsupported();  // ":" of a compact mapping, or a missing comma
    }
    if (map) {
      handler_.OnMapEnd();
    } else {
      handler_.OnSequenceEnd();
    }
    --collections_;
    --depth_;
    return p + 1;
  }

  // A value inside brackets at `p`; returns where it ends.
  u32 flow_node(u32 p) {
    const u32 node_mark = p;
    std::string node_tag;
    if (text_[p] == '!') {
      node_tag = tag(p);
      if (at(p) != ' ') unsupported();
      while (at(p) == ' ') ++p;
      if (p >= n_ || std::string_view("\n#,]}&!*").find(text_[p]) != std::string_view::npos) unsupported();
    }
    const char c = text_[p];
    if (c == '[' || c == '{') return flow_collection(p, node_tag, node_mark);
    if (c == '&' || c == '*' || c == '?' || c == '|' || c == '>') unsupported();
    const Scalar s = c == '"' || c == '\'' ? quoted(p) : plain(p, true);
    if (s.plain) check_plain_ends(s.end, -1, true);
    emit_scalar(node_mark, node_tag, s);
    return s.end;
  }

  // Collections deeper than the caller's limit are left to its pre-scan,
  // which cuts them before yaml-cpp reads the text.
  void open_collection() {
    if (++collections_ > max_collections_) unsupported();
  }

  std::string_view text_;
  u32 n_;
  YAML::EventHandler& handler_;
  PlaceAwareHandler* places_;  ///< the handler, when it takes the scalars' places
  u32 max_collections_;
  u32 collections_ = 0;  ///< collections open around the current token
  u32 depth_ = 0;
  bool started_ = false;  ///< the document has begun: its "---" or its first token read
  u32 mark_pos_ = 0, mark_line_ = 0, mark_line_start_ = 0;
};

}  // namespace

bool read_common_yaml(std::string_view text, YAML::EventHandler& handler, std::uint32_t max_depth) {
  if (text.size() >= 0x7FFF'FFFF) return false;
  try {
    Reader(text, handler, max_depth).read();
    return true;
  } catch (const Unsupported&) {
    return false;
  }
}

}  // namespace pipec::syntax::yaml
