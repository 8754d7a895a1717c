#include "syntax/json/json_reader.h"

#include "syntax/json/json_strict_reader.h"
#include "syntax/json/json_text.h"
#include "syntax/pending_children.h"

#include <fmt/format.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <unordered_map>

#include "util/text.h"
#include "util/utf8.h"

extern "C" const TSLanguage* tree_sitter_json(void);

namespace pipec::syntax {

namespace {

using json::decode;
using json::DecodeProblem;
using json::literal_bounds;
using json::LiteralBounds;
using json::strict_json_number;
using source::Span;

// tree-sitter 0.20 (Debian 12) has no ts_node_is_error; ERROR nodes carry
// the builtin error symbol.
constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);
bool is_error(TSNode n) { return ts_node_symbol(n) == kErrorSymbol; }

// ---------------------------------------------------------------------------
// RAII owners for the tree-sitter C objects.

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

class Cursor {
 public:
  explicit Cursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~Cursor() { ts_tree_cursor_delete(&cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  TSTreeCursor* operator->() { return &cursor_; }
  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
};

// Symbols of the grammar, looked up once per reader by name.
struct Symbols {
  TSSymbol document, object, pair, array, string, number, true_, false_, null, comment;
  explicit Symbols(const TSLanguage* language) {
    const auto named = [&](const char* name) {
      return ts_language_symbol_for_name(language, name, static_cast<uint32_t>(std::strlen(name)), true);
    };
    document = named("document");
    object = named("object");
    pair = named("pair");
    array = named("array");
    string = named("string");
    number = named("number");
    true_ = named("true");
    false_ = named("false");
    null = named("null");
    comment = named("comment");
  }
};

// ---------------------------------------------------------------------------

class Reader {
 public:
  Reader(const source::SourceSet& sources, source::FileId file, const JsonOptions& options)
      : text_(sources.file(file).text()),
        file_(file),
        options_(options),
        language_(tree_sitter_json()),
        symbols_(language_),
        result_{Document(file), {}} {}

  JsonResult run() {
    std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
    ts_parser_set_language(parser.get(), language_);
    std::string patched = prepare();
    std::unique_ptr<TSTree, TreeDeleter> tree;
    // tree-sitter recovers from a missing comma after the second member of an
    // object by closing the object early, which would drop every later
    // member. Each such comma is reported, written into the parser's copy
    // over the whitespace before the next member (same length, same
    // offsets), and the text parsed again.
    for (std::size_t round = 0;; ++round) {
      const std::string_view parsed = patched.empty() ? text_ : std::string_view(patched);
      tree.reset(ts_parser_parse_string(parser.get(), nullptr, parsed.data(), static_cast<uint32_t>(parsed.size())));
      if (!tree) {
        issue({file_, 0, 0}, "the JSON parser gave up on this file");
        return std::move(result_);
      }
      if (round == kMaxCommaRepairs || !ts_node_has_error(ts_tree_root_node(tree.get()))) break;
      const auto comma = missing_comma_position(ts_tree_root_node(tree.get()), parsed);
      if (!comma) break;
      if (patched.empty()) patched.assign(text_);
      patched[comma->whitespace] = ',';
    }
    build(ts_tree_root_node(tree.get()));
    // tree-sitter's recovery does not always say that a deep file never
    // closes what it opened: said here when nothing else was.
    if (open_at_end_ > 0 && syntax_count_ == 0) {
      const auto end = static_cast<std::uint32_t>(text_.size());
      auto& i = issue({file_, end, end}, fmt::format("the file ends inside {} unclosed {}", open_at_end_,
                                                     open_at_end_ == 1 ? "array or object" : "arrays and objects"));
      i.label = "expected \"]\" or \"}\" before the end";
    }
    if (result_.document.empty() && !reported_any_) {
      issue({file_, static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(text_.size())},
            text_.find_first_not_of(" \t\r\n") == std::string_view::npos ? "empty file; expected a JSON value"
                                                                           : "expected a JSON value");
    }
    return std::move(result_);
  }

 private:
  enum class Context { document, object, array, error };

  struct Frame {
    Context context;
    NodeId node = kNoNode;
    PendingChildren::Mark children;  // where its members or items start on pending_
    unsigned levels = 0;     // cursor levels entered to reach this frame's children
    bool has_key = false;    // this container is the value of a pair
    std::string key;
    Span key_span;
    std::uint32_t depth = 0;
  };

  // -- small helpers --------------------------------------------------------

  Span span_of(TSNode n) const { return {file_, ts_node_start_byte(n), ts_node_end_byte(n)}; }
  std::string_view text_of(TSNode n) const {
    return text_.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
  }
  bool is_value_symbol(TSSymbol s) const {
    return s == symbols_.object || s == symbols_.array || s == symbols_.string || s == symbols_.number ||
           s == symbols_.true_ || s == symbols_.false_ || s == symbols_.null;
  }
  bool is_container_symbol(TSSymbol s) const { return s == symbols_.object || s == symbols_.array; }

  Issue& issue(Span span, std::string message, IssueKind kind = IssueKind::syntax) {
    reported_any_ = true;
    auto& issues = result_.issues;
    if (kind == IssueKind::syntax) ++syntax_count_;
    if (kind == IssueKind::syntax && syntax_count_ > options_.max_issues) {
      discarded_ = Issue{};
      if (syntax_count_ == options_.max_issues + 1) {
        issues.push_back({IssueKind::syntax, span,
                          fmt::format("too many syntax errors; stopped reporting after {}", options_.max_issues),
                          "", {}, {}});
      }
      return discarded_;
    }
    // The same problem seen twice (by the lexical pass and by tree-sitter's
    // recovery) is reported once.
    for (const auto& existing : issues) {
      if (existing.span == span && existing.message == message) {
        discarded_ = Issue{};
        return discarded_;
      }
    }
    issues.push_back({kind, span, std::move(message), "", {}, {}});
    return issues.back();
  }

  std::size_t target_index() const {
    std::size_t i = frames_.size() - 1;
    while (frames_[i].context == Context::error) --i;
    return i;
  }

  // -- the parser's copy of the text -------------------------------------------
  //
  // tree-sitter-json is given a copy of the text with a few same-length
  // repairs, so one local mistake does not derail its error recovery for the
  // rest of the file; every value is still read from the original text.
  //  - "1e+5" is valid JSON but the grammar has no "+" in exponents: "1e05".
  //  - a byte order mark: reported, then three spaces.
  //  - a bare word (IMAGE_DIGEST, an unquoted key): reported, then a string
  //    of the same length; the value reads as the word (a key or text), or as
  //    invalid when it was meant as a literal (True, None).
  //  - a single-quoted string: reported, then double quotes.
  //  - a value nested deeper than max_depth: blanked out, its opening
  //    bracket closed at once, so the parser never sees more than one level
  //    past the limit (the reader reports that level, CP0005). tree-sitter
  //    itself is not safe on very deep input: Debian's 0.20.7 frees a
  //    subtree twice past 65,535 unclosed brackets.
  // Returns "" when nothing needed repair, which is nearly always.

  std::string prepare() {
    std::string patched;
    const auto patch = [&](std::size_t at, char c) {
      if (patched.empty()) patched.assign(text_);
      patched[at] = c;
    };
    std::size_t i = 0;
    if (text_.starts_with("\xEF\xBB\xBF")) {
      auto& bom = issue({file_, 0, 3}, "UTF-8 byte order mark at the start of the file", IssueKind::encoding);
      bom.label = "byte order mark";
      bom.help.push_back("save the file as UTF-8 without a BOM; JSON must not start with one (RFC 8259) and Python's "
                         "json module, which the AWS CLI uses, rejects it");
      for (std::size_t k = 0; k < 3; ++k) patch(k, ' ');
      i = 3;
    }
    const std::size_t n = text_.size();
    std::size_t depth = 0;
    while (i < n) {
      const char c = text_[i];
      if (c == '[' || c == '{') {
        if (++depth > options_.max_depth) {
          i = blank_deep(i, patch);
          --depth;
          continue;
        }
        ++i;
      } else if (c == ']' || c == '}') {
        if (depth > 0) --depth;
        ++i;
      } else if (c == '"') {
        ++i;
        while (i < n && text_[i] != '"' && text_[i] != '\n') i += text_[i] == '\\' ? 2 : 1;
        ++i;
      } else if (c == '/' && i + 1 < n && text_[i + 1] == '/') {
        while (i < n && text_[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < n && text_[i + 1] == '*') {
        const auto close = text_.find("*/", i + 2);
        i = close == std::string_view::npos ? n : close + 2;
      } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
        const std::size_t start = i++;
        while (i < n && (std::isdigit(static_cast<unsigned char>(text_[i])) || text_[i] == '.' || text_[i] == 'e' ||
                         text_[i] == 'E' || text_[i] == '+' || text_[i] == '-')) {
          if (text_[i] == '+' && i > start + 1 && (text_[i - 1] == 'e' || text_[i - 1] == 'E') && i + 1 < n &&
              std::isdigit(static_cast<unsigned char>(text_[i + 1]))) {
            patch(i, '0');
          }
          ++i;
        }
      } else if (c == '\'') {
        const std::size_t close = text_.find_first_of("'\n\"", i + 1);
        if (close != std::string_view::npos && text_[close] == '\'') {
          auto& q = issue({file_, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(close + 1)},
                          "strings must be in double quotes, not single quotes");
          q.label = "single-quoted";
          q.help.push_back(fmt::format("write {}", util::quote(text_.substr(i + 1, close - i - 1))));
          patch(i, '"');
          patch(close, '"');
          repaired_.emplace(static_cast<std::uint32_t>(i),
                            Repaired{static_cast<std::uint32_t>(close + 1), true, std::string(text_.substr(i + 1, close - i - 1))});
          i = close + 1;
        } else {
          ++i;
        }
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
        const std::size_t start = i;
        while (i < n && (std::isalnum(static_cast<unsigned char>(text_[i])) || text_[i] == '_' || text_[i] == '$' ||
                         text_[i] == '.' || text_[i] == '-')) {
          ++i;
        }
        const std::string_view word = text_.substr(start, i - start);
        if (word == "true" || word == "false" || word == "null") continue;
        bare_word(start, i, patch);
      } else {
        ++i;
      }
    }
    open_at_end_ = depth;
    return patched;
  }

  // The value opening at `start`, one level past the limit, in the parser's
  // copy: `[]` or `{}` followed by blanks up to its end (its matching bracket,
  // or the end of the text). Line breaks stay, so positions read the same.
  // Returns where scanning resumes.
  template <typename Patch>
  std::size_t blank_deep(std::size_t start, Patch& patch) {
    const std::size_t n = text_.size();
    if (!reported_depth_) {
      reported_depth_ = true;
      auto& i = issue(Span{file_, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(start + 1)},
                      fmt::format("nesting deeper than {} levels; pipec does not read further into this value", options_.max_depth),
                      IssueKind::too_deep);
      i.label = fmt::format("level {} starts here", options_.max_depth + 1);
      i.help.push_back("no CodePipeline, EventBridge or ECS document nests this deep; check how the file was generated");
    }
    std::size_t level = 1;
    std::size_t j = start + 1;
    while (j < n && level > 0) {
      const char c = text_[j];
      if (c == '"') {
        ++j;
        while (j < n && text_[j] != '"' && text_[j] != '\n') j += text_[j] == '\\' ? 2 : 1;
      } else if (c == '[' || c == '{') {
        ++level;
      } else if (c == ']' || c == '}') {
        --level;
      }
      ++j;
    }
    const std::size_t end = std::min(j, n);
    for (std::size_t k = start + 1; k < end; ++k) {
      if (text_[k] != '\n') patch(k, ' ');
    }
    if (start + 1 < n) patch(start + 1, text_[start] == '[' ? ']' : '}');
    return end;
  }

  template <typename Patch>
  void bare_word(std::size_t start, std::size_t end, Patch& patch) {
    const std::string_view word = text_.substr(start, end - start);
    std::size_t next = end;
    while (next < text_.size() && (text_[next] == ' ' || text_[next] == '\t')) ++next;
    const bool key = next < text_.size() && text_[next] == ':';
    const Span at{file_, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
    const auto literal = json_literal_for(word);
    if (key) {
      auto& i = issue(at, fmt::format("key {} is not quoted", util::quote(word)));
      i.label = "JSON keys are strings in double quotes";
      i.help.push_back(fmt::format("write the key as {}", util::quote(word)));
    } else if (literal) {
      auto& i = issue(at, fmt::format("{} is not a JSON value", util::quote(word)));
      i.label = "unknown word";
      i.help.push_back(fmt::format("did you mean {}?", *literal));
    } else {
      auto& i = issue(at, fmt::format("{} is not quoted", util::quote(word)));
      i.label = "text must be a string in double quotes";
      i.help.push_back(fmt::format("write {}", util::quote(word)));
    }
    // The word becomes a string of the same length. A one-letter word needs
    // a neighbouring space to make room for two quotes; without one, a value
    // becomes a digit and a key is left to tree-sitter.
    std::size_t from = start;
    std::size_t to = end;
    if (word.size() == 1) {
      if (start > 0 && std::isspace(static_cast<unsigned char>(text_[start - 1]))) {
        from = start - 1;
      } else if (end < text_.size() && std::isspace(static_cast<unsigned char>(text_[end]))) {
        to = end + 1;
      } else {
        if (!key) patch(start, '0');
        repaired_.emplace(static_cast<std::uint32_t>(start),
                          Repaired{static_cast<std::uint32_t>(end), key || !literal, std::string(word)});
        return;
      }
    }
    patch(from, '"');
    for (std::size_t k = from + 1; k + 1 < to; ++k) patch(k, 'x');
    patch(to - 1, '"');
    repaired_.emplace(static_cast<std::uint32_t>(from), Repaired{static_cast<std::uint32_t>(to), key || !literal, std::string(word)});
  }

  // -- repairing commas --------------------------------------------------------

  static constexpr std::size_t kMaxCommaRepairs = 64;

  struct CommaRepair {
    std::size_t whitespace;  // the byte that becomes ','
  };

  // Finds a MISSING "}" or "]" that is really a missing comma: the next
  // token after it starts another member or item. Reports the comma and
  // returns where to write it, or nothing.
  std::optional<CommaRepair> missing_comma_position(TSNode root, std::string_view parsed) {
    Cursor c(root);
    for (;;) {
      const TSNode node = ts_tree_cursor_current_node(c.get());
      if (ts_node_is_missing(node)) {
        const std::string_view type = ts_node_type(node);
        if (type == "}" || type == "]") {
          const std::size_t at = ts_node_start_byte(node);
          std::size_t next = at;
          while (next < parsed.size() && std::isspace(static_cast<unsigned char>(parsed[next]))) ++next;
          const bool value_follows = next < parsed.size() && next > at &&
                                     std::string_view("\"{[-0123456789tfn").find(parsed[next]) != std::string_view::npos;
          if (value_follows) {
            const bool object = type == "}";
            std::size_t end = next + 1;
            if (parsed[next] == '"') {
              while (end < parsed.size() && parsed[end] != '"' && parsed[end] != '\n') end += parsed[end] == '\\' ? 2 : 1;
              end = std::min(end + 1, parsed.size());
            }
            auto& i = issue(Span{file_, static_cast<std::uint32_t>(next), static_cast<std::uint32_t>(std::min(end, next + 64))},
                            fmt::format("missing comma between {}", object ? "members" : "items"));
            i.label = fmt::format("expected \",\" before this {}", object ? "member" : "item");
            i.related.push_back({Span{file_, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at)}, "add \",\" here"});
            return CommaRepair{at};
          }
        }
      }
      if (ts_tree_cursor_goto_first_child(c.get())) continue;
      while (!ts_tree_cursor_goto_next_sibling(c.get())) {
        if (!ts_tree_cursor_goto_parent(c.get())) return std::nullopt;
      }
    }
  }

  // -- the walk ---------------------------------------------------------------

  void build(TSNode document) {
    Cursor cursor(document);
    cursor_ = cursor.get();
    frames_.push_back(Frame{Context::document, kNoNode, {}, 0, false, {}, {}, 0});
    if (!ts_tree_cursor_goto_first_child(cursor_)) return;
    frames_.back().levels = 1;
    for (;;) {
      const bool descended = visit(ts_tree_cursor_current_node(cursor_));
      if (descended) continue;
      while (!ts_tree_cursor_goto_next_sibling(cursor_)) {
        if (frames_.size() == 1) return;
        pop();
      }
    }
  }

  // Handles the node under the cursor; returns true if it moved the cursor
  // down into the node's children (a new frame), false to advance.
  bool visit(TSNode n) {
    if (ts_node_is_missing(n)) {
      explain_missing(n);
      return false;
    }
    const TSSymbol symbol = ts_node_symbol(n);
    if (is_error(n)) {
      // Errors nested in an error were explained with the outer one.
      if (frames_.back().context != Context::error) explain_error(n);
      if (ts_node_child_count(n) == 0) return false;
      frames_.push_back(Frame{Context::error, kNoNode, {}, 1, false, {}, {}, frames_.back().depth});
      ts_tree_cursor_goto_first_child(cursor_);
      return true;
    }
    if (symbol == symbols_.comment) {
      auto& i = issue(span_of(n), "comments are not allowed in JSON");
      i.label = "comment";
      i.help.push_back("remove the comment; CodePipeline, CloudFormation and EventBridge reject JSON with comments");
      return false;
    }
    if (!ts_node_is_named(n)) return false;

    Frame& target = frames_[target_index()];
    if (symbol == symbols_.pair) return target.context == Context::object && visit_pair(n);
    if (!is_value_symbol(symbol)) return false;
    if (target.context == Context::object) return false;  // a stray value salvaged from an error
    if (target.context == Context::document && document_has_value_) {
      const auto start = ts_node_start_byte(n);
      const bool explained = std::any_of(result_.issues.begin(), result_.issues.end(),
                                         [&](const Issue& i) { return i.span.begin == start; });
      if (!reported_second_value_ && !explained) {
        reported_second_value_ = true;
        auto& i = issue(span_of(n), "unexpected second JSON value; a JSON file holds exactly one value");
        i.label = "second value starts here";
        i.related.push_back({result_.document.node(result_.document.root()).span, "first value"});
        i.help.push_back("wrap the values in an array, or move each into its own file");
      }
      return false;
    }
    if (is_container_symbol(symbol)) return open_container(n, /*has_key=*/false, {}, {});
    add_value(make_scalar(n));
    return false;
  }

  bool visit_pair(TSNode pair) {
    const TSNode key = ts_node_child_by_field_name(pair, "key", 3);
    const TSNode value = ts_node_child_by_field_name(pair, "value", 5);
    bool colon_missing = false;
    const uint32_t children = ts_node_child_count(pair);
    for (uint32_t k = 0; k < children; ++k) {
      const TSNode child = ts_node_child(pair, k);
      if (ts_node_is_missing(child) && !ts_node_is_named(child) && std::string_view(ts_node_type(child)) == ":") {
        colon_missing = true;
      }
    }
    if (ts_node_is_null(key) || ts_node_is_missing(key)) return false;
    const auto [key_text, key_span] = decode_literal(key);
    if (colon_missing) {
      auto& i = issue(Span{file_, key_span.end, key_span.end}, fmt::format("missing \":\" after key {}", util::quote(key_text)));
      i.label = "expected \":\" here";
    }
    if (ts_node_is_null(value) || ts_node_is_missing(value) || is_error(value)) {
      const std::uint32_t at = ts_node_is_null(value) ? ts_node_end_byte(pair) : ts_node_start_byte(value);
      if (!colon_missing) {
        auto& i = issue(Span{file_, at, at}, fmt::format("missing value for key {}", util::quote(key_text)));
        i.label = "expected a value here";
        i.related.push_back({key_span, "key"});
      }
      Node invalid;
      invalid.kind = NodeKind::invalid;
      invalid.span = Span{file_, at, at};
      add_member(std::move(key_text), key_span, result_.document.add(std::move(invalid)));
      return false;
    }
    if (is_container_symbol(ts_node_symbol(value))) {
      // Move the cursor from the pair to its value, then into the value.
      ts_tree_cursor_goto_first_child(cursor_);
      while (!ts_node_eq(ts_tree_cursor_current_node(cursor_), value)) {
        if (!ts_tree_cursor_goto_next_sibling(cursor_)) break;
      }
      if (open_container(value, true, std::move(key_text), key_span)) {
        frames_.back().levels = 2;
        return true;
      }
      ts_tree_cursor_goto_parent(cursor_);
      return false;
    }
    add_member(std::move(key_text), key_span, make_scalar(value));
    return false;
  }

  // Creates the node for an object or array and descends into it, unless it
  // is too deep, in which case it becomes an invalid node and is skipped.
  bool open_container(TSNode n, bool has_key, std::string key, Span key_span) {
    const std::uint32_t depth = frames_[target_index()].depth + 1;
    Node node;
    node.span = span_of(n);
    if (depth > options_.max_depth) {
      node.kind = NodeKind::invalid;
      if (!reported_depth_) {
        reported_depth_ = true;
        auto& i = issue(Span{file_, node.span.begin, node.span.begin + 1},
                        fmt::format("nesting deeper than {} levels; pipec does not read further into this value",
                                    options_.max_depth),
                        IssueKind::too_deep);
        i.label = fmt::format("level {} starts here", depth);
        i.help.push_back("no CodePipeline, EventBridge or ECS document nests this deep; check how the file was generated");
      }
      const NodeId id = result_.document.add(std::move(node));
      if (has_key) {
        add_member(std::move(key), key_span, id);
      } else {
        add_value(id);
      }
      return false;
    }
    const bool object = ts_node_symbol(n) == symbols_.object;
    node.kind = object ? NodeKind::object : NodeKind::array;
    const NodeId id = result_.document.add(std::move(node));
    Frame frame{object ? Context::object : Context::array, id, pending_.mark(), 1, has_key, std::move(key), key_span, depth};
    frames_.push_back(std::move(frame));
    ts_tree_cursor_goto_first_child(cursor_);
    return true;
  }

  void pop() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    for (unsigned k = 0; k < frame.levels; ++k) ts_tree_cursor_goto_parent(cursor_);
    if (frame.context == Context::error) return;
    if (frame.context == Context::object) {
      for (auto& i : json::duplicate_key_issues(pending_.members(frame.children))) {
        reported_any_ = true;
        result_.issues.push_back(std::move(i));
      }
      pending_.close_object(result_.document, frame.node, frame.children);
    } else {
      pending_.close_array(result_.document, frame.node, frame.children);
    }
    if (frame.has_key) {
      add_member(std::move(frame.key), frame.key_span, frame.node);
    } else {
      add_value(frame.node);
    }
  }

  void add_value(NodeId id) {
    Frame& target = frames_[target_index()];
    if (target.context == Context::array) {
      pending_.add_item(id);
    } else if (target.context == Context::document) {
      result_.document.set_root(id);
      document_has_value_ = true;
    }
  }

  void add_member(std::string key, Span key_span, NodeId value) {
    Frame& target = frames_[target_index()];
    if (target.context != Context::object) return;
    pending_.add_member(Member{result_.document.keep(key), key_span, value});
  }

  std::pair<std::string, Span> decode_literal(TSNode string_node) {
    const Span span = span_of(string_node);
    if (const auto it = repaired_.find(span.begin); it != repaired_.end() && it->second.end == span.end) {
      return {it->second.content, span};
    }
    const LiteralBounds bounds = literal_bounds(text_, span.begin, span.end);
    std::string text;
    std::vector<DecodeProblem> problems;
    decode(text_, bounds.content_begin, bounds.content_end, text, nullptr, &problems);
    for (auto& p : problems) {
      auto& i = issue(Span{file_, p.begin, p.end}, std::move(p.message));
      if (!p.help.empty()) i.help.push_back(std::move(p.help));
    }
    if (!bounds.closed) {
      auto& i = issue(Span{file_, span.begin, span.begin + 1}, "unterminated string");
      i.label = "this string has no closing quote";
      i.help.push_back("add a closing \" at the end of the string; JSON strings cannot span lines");
    }
    return {std::move(text), span};
  }

  NodeId make_scalar(TSNode n) {
    const TSSymbol symbol = ts_node_symbol(n);
    Node node;
    node.span = span_of(n);
    if (const auto it = repaired_.find(node.span.begin); it != repaired_.end() && it->second.end == node.span.end) {
      node.kind = it->second.text ? NodeKind::string : NodeKind::invalid;
      node.text = result_.document.keep(it->second.content);
    } else if (symbol == symbols_.string) {
      node.kind = NodeKind::string;
      node.text = result_.document.keep(decode_literal(n).first);
    } else if (symbol == symbols_.number) {
      node.kind = NodeKind::number;
      node.text = result_.document.keep(text_of(n));
      if (!strict_json_number(node.text)) {
        auto& i = issue(node.span, fmt::format("invalid number {}", util::quote(node.text)));
        i.label = "not a JSON number";
        i.help.push_back(node.text.back() == '.' ? "write a digit after the decimal point, or drop the point"
                                                 : "JSON numbers are -?digits[.digits][e[+-]digits]");
      }
    } else if (symbol == symbols_.true_ || symbol == symbols_.false_) {
      node.kind = NodeKind::boolean;
      node.boolean = symbol == symbols_.true_;
    } else {
      node.kind = NodeKind::null;
    }
    return result_.document.add(std::move(node));
  }

  // -- explaining tree-sitter's ERROR and MISSING nodes ----------------------

  struct Leaf {
    TSNode node;
    std::string_view type;
    bool named, missing, error;
    std::uint32_t begin, end;
  };

  std::vector<Leaf> leaves(TSNode n, std::size_t limit) const {
    std::vector<Leaf> out;
    Cursor c(n);
    for (;;) {
      const TSNode node = ts_tree_cursor_current_node(c.get());
      const bool is_leaf = ts_node_child_count(node) == 0;
      if (is_leaf) {
        out.push_back({node, ts_node_type(node), ts_node_is_named(node), ts_node_is_missing(node),
                       is_error(node), ts_node_start_byte(node), ts_node_end_byte(node)});
        if (out.size() >= limit) return out;
      }
      if (!is_leaf && ts_tree_cursor_goto_first_child(c.get())) continue;
      while (!ts_tree_cursor_goto_next_sibling(c.get())) {
        if (!ts_tree_cursor_goto_parent(c.get())) return out;
      }
    }
  }

  std::string_view container_word(Context context) const {
    return context == Context::array ? "item" : "member";
  }

  void explain_error(TSNode error) {
    const Context context = frames_[target_index()].context;
    const std::vector<Leaf> tokens = leaves(error, 256);
    if (tokens.empty()) {
      // An empty ERROR carries no text to point at; its neighbours do.
      return;
    }
    const TSNode next = ts_node_next_sibling(error);
    const std::string_view next_type = ts_node_is_null(next) ? "" : ts_node_type(next);

    // Only commas: a trailing comma, or a doubled one.
    if (std::all_of(tokens.begin(), tokens.end(), [](const Leaf& l) { return l.type == ","; })) {
      const Leaf& comma = tokens.back();
      if (next_type.empty() || next_type == "}" || next_type == "]") {
        trailing_comma(Span{file_, comma.begin, comma.end}, next_type == "]" ? Context::array : Context::object);
      } else {
        auto& i = issue(Span{file_, comma.begin, comma.end}, "extra comma");
        i.label = fmt::format("expected {} before this comma", context == Context::array ? "an item" : "a member");
        i.help.push_back("remove the extra comma");
      }
      return;
    }

    // An odd number of quote tokens: a string that never closes.
    std::size_t quotes = 0;
    const Leaf* last_quote = nullptr;
    for (const auto& t : tokens) {
      if (!t.named && t.type == "\"" && !t.missing) {
        ++quotes;
        last_quote = &t;
      }
    }
    if (quotes % 2 == 1) {
      auto& i = issue(Span{file_, last_quote->begin, last_quote->end}, "unterminated string");
      i.label = "this string has no closing quote";
      i.help.push_back("add a closing \" at the end of the string; JSON strings cannot span lines");
      return;
    }

    // A value right after another value, with no comma: the ERROR holds the
    // second one (tree-sitter's recovery in arrays).
    const TSNode previous = ts_node_prev_sibling(error);
    if (!ts_node_is_null(previous) && ts_node_is_named(previous) && is_value_symbol(ts_node_symbol(previous)) &&
        context == Context::array) {
      const TSNode first_named = ts_node_named_child(error, 0);
      if (!ts_node_is_null(first_named) && is_value_symbol(ts_node_symbol(first_named))) {
        missing_comma(ts_node_end_byte(previous), first_named, context);
        return;
      }
    }

    // Complete values followed by another value: a missing comma. The ERROR
    // wraps the values before the gap; point at the value after it.
    const uint32_t named_children = ts_node_named_child_count(error);
    if (named_children > 0 && !ts_node_is_null(next) && ts_node_is_named(next) &&
        (ts_node_symbol(next) == symbols_.pair || is_value_symbol(ts_node_symbol(next)))) {
      const TSNode last = ts_node_named_child(error, named_children - 1);
      const TSSymbol last_symbol = ts_node_symbol(last);
      if (!ts_node_has_error(last) && (last_symbol == symbols_.pair || is_value_symbol(last_symbol))) {
        // In an object, a key followed directly by a value lacks its colon.
        if (context == Context::object && last_symbol != symbols_.pair && named_children >= 2 &&
            ts_node_symbol(ts_node_named_child(error, named_children - 2)) == symbols_.string) {
          const TSNode key = ts_node_named_child(error, named_children - 2);
          auto& i = issue(Span{file_, ts_node_end_byte(key), ts_node_end_byte(key)},
                          fmt::format("missing \":\" after key {}", util::quote(decode_literal_quiet(key))));
          i.label = "expected \":\" here";
          return;
        }
        missing_comma(ts_node_end_byte(last), next, context);
        return;
      }
    }
    if (context == Context::object && named_children >= 2 &&
        ts_node_symbol(ts_node_named_child(error, 0)) == symbols_.string &&
        is_value_symbol(ts_node_symbol(ts_node_named_child(error, 1)))) {
      const TSNode key = ts_node_named_child(error, 0);
      auto& i = issue(Span{file_, ts_node_end_byte(key), ts_node_end_byte(key)},
                      fmt::format("missing \":\" after key {}", util::quote(decode_literal_quiet(key))));
      i.label = "expected \":\" here";
      return;
    }

    // Stray text after the document's value. A lone closing bracket after an
    // earlier error is the tail of that error, not news.
    if (context == Context::document && document_has_value_) {
      const Leaf& first = tokens.front();
      if (syntax_count_ > 0 && tokens.size() == 1 && (first.type == "}" || first.type == "]")) return;
      auto& i = issue(Span{file_, first.begin, std::max(first.end, first.begin + 1)},
                      fmt::format("unexpected {} after the JSON value", describe_token(first)));
      i.label = "not part of the JSON value";
      i.related.push_back({result_.document.node(result_.document.root()).span, "the JSON value"});
      i.help.push_back("remove the text after the value; a JSON file holds exactly one value");
      return;
    }

    // Text that is not JSON: a bare word, a single-quoted string, … The
    // lexical garbage is an ERROR leaf; without one, the first token that is
    // not punctuation.
    auto garbage = std::find_if(tokens.begin(), tokens.end(), [](const Leaf& l) { return l.error; });
    if (garbage == tokens.end()) {
      garbage = std::find_if(tokens.begin(), tokens.end(), [&](const Leaf& l) {
        return !(l.type == "{" || l.type == "[" || l.type == "," || l.type == ":") || &l == &tokens.back();
      });
    }
    const Leaf& first = *garbage;
    const Span at{file_, first.begin, std::max(first.end, first.begin + 1)};
    const std::string_view word = text_.substr(first.begin, first.end - first.begin);
    if (!word.empty() && (word.front() == '\'')) {
      auto& i = issue(at, "strings must be in double quotes, not single quotes");
      i.label = "single-quoted";
      i.help.push_back(fmt::format("write {}", util::quote(unquote_single(word))));
      return;
    }
    if (is_bare_word(word)) {
      // A bare word followed by ':' is an unquoted key.
      const auto colon = std::find_if(tokens.begin(), tokens.end(), [&](const Leaf& l) {
        return l.type == ":" && l.begin >= first.end;
      });
      if (colon != tokens.end()) {
        auto& i = issue(at, fmt::format("key {} is not quoted", util::quote(word)));
        i.label = "JSON keys are strings in double quotes";
        i.help.push_back(fmt::format("write the key as {}", util::quote(word)));
        return;
      }
      if (const auto literal = json_literal_for(word)) {
        auto& i = issue(at, fmt::format("{} is not a JSON value", util::quote(word)));
        i.label = "unknown word";
        i.help.push_back(fmt::format("did you mean {}?", *literal));
        return;
      }
      auto& i = issue(at, fmt::format("unexpected {}", util::quote(word)));
      i.label = "not JSON";
      i.help.push_back(fmt::format("if this is text, write it as a string: {}", util::quote(word)));
      return;
    }
    auto& i = issue(at, fmt::format("unexpected {}", describe_token(first)));
    i.label = context == Context::object  ? "expected a key in double quotes or \"}\""
              : context == Context::array ? "expected a value or \"]\""
                                          : "expected a JSON value";
  }

  void explain_missing(TSNode missing) {
    const std::string_view type = ts_node_type(missing);
    const std::uint32_t at = ts_node_start_byte(missing);
    if (type == "}" || type == "]") {
      const TSNode parent = ts_node_parent(missing);
      const bool object = type == "}";
      auto& i = issue(Span{file_, at, at}, fmt::format("unclosed {}; expected \"{}\"", object ? "object" : "array", type));
      i.label = fmt::format("expected \"{}\" here", type);
      if (!ts_node_is_null(parent)) {
        const std::uint32_t open = ts_node_start_byte(parent);
        i.related.push_back({Span{file_, open, open + 1}, fmt::format("{} starts here", object ? "object" : "array")});
      }
      return;
    }
    if (type == ",") {
      const TSNode next = ts_node_next_sibling(missing);
      missing_comma(at, next, frames_[target_index()].context);
      return;
    }
    if (type == ":") {
      auto& i = issue(Span{file_, at, at}, "missing \":\" after key");
      i.label = "expected \":\" here";
      return;
    }
    if (type == "\"") return;  // reported when the string is decoded
    // A missing value right after a comma and before "]" is a trailing comma.
    std::size_t before = at;
    while (before > 0 && std::isspace(static_cast<unsigned char>(text_[before - 1]))) --before;
    std::size_t after = at;
    while (after < text_.size() && std::isspace(static_cast<unsigned char>(text_[after]))) ++after;
    if (before > 0 && text_[before - 1] == ',' && (after == text_.size() || text_[after] == ']')) {
      trailing_comma(Span{file_, static_cast<std::uint32_t>(before - 1), static_cast<std::uint32_t>(before)},
                     Context::array);
      return;
    }
    auto& i = issue(Span{file_, at, at}, "missing value");
    i.label = "expected a JSON value here";
  }

  void trailing_comma(Span comma, Context context) {
    const bool array = context == Context::array;
    auto& i = issue(comma, fmt::format("trailing comma after the last {}", array ? "item" : "member"));
    i.label = "remove this comma";
    i.fix.push_back({comma, "", false});
    i.help.push_back(fmt::format("JSON allows no comma before \"{}\"; CodePipeline, CloudFormation and EventBridge "
                                 "reject the document",
                                 array ? "]" : "}"));
  }

  void missing_comma(std::uint32_t after, TSNode next, Context context) {
    const std::string_view word = container_word(context);
    Span at{file_, after, after};
    if (!ts_node_is_null(next)) {
      const TSNode first = ts_node_symbol(next) == symbols_.pair ? ts_node_child_by_field_name(next, "key", 3) : next;
      const TSNode shown = ts_node_is_null(first) ? next : first;
      at = Span{file_, ts_node_start_byte(shown), std::min(ts_node_end_byte(shown), ts_node_start_byte(shown) + 64)};
    }
    auto& i = issue(at, fmt::format("missing comma between {}s", word));
    i.label = fmt::format("expected \",\" before this {}", word);
    i.related.push_back({Span{file_, after, after}, "add \",\" here"});
  }

  std::string decode_literal_quiet(TSNode string_node) const {
    const Span span = span_of(string_node);
    const LiteralBounds bounds = literal_bounds(text_, span.begin, span.end);
    std::string text;
    decode(text_, bounds.content_begin, bounds.content_end, text, nullptr, nullptr);
    return text;
  }

  std::string describe_token(const Leaf& leaf) const {
    const std::string_view text = text_.substr(leaf.begin, leaf.end - leaf.begin);
    if (text.empty()) return "end of file";
    if (text.size() == 1 && std::string_view("{}[],:").find(text[0]) != std::string_view::npos) {
      return fmt::format("\"{}\"", text);
    }
    return util::quote(text, 40);
  }

  static bool is_bare_word(std::string_view word) {
    if (word.empty() || !(std::isalpha(static_cast<unsigned char>(word[0])) || word[0] == '_' || word[0] == '$')) {
      return false;
    }
    return std::all_of(word.begin(), word.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$' || c == '.';
    });
  }

  static std::optional<std::string> json_literal_for(std::string_view word) {
    std::string lower(word);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true" || lower == "yes") return "true";
    if (lower == "false" || lower == "no") return "false";
    if (lower == "null" || lower == "none" || lower == "nil" || lower == "undefined") return "null";
    return std::nullopt;
  }

  static std::string unquote_single(std::string_view word) {
    if (word.size() >= 2 && word.back() == '\'') return std::string(word.substr(1, word.size() - 2));
    return std::string(word.substr(1));
  }

  std::string_view text_;
  source::FileId file_;
  JsonOptions options_;
  const TSLanguage* language_;
  Symbols symbols_;
  JsonResult result_;
  TSTreeCursor* cursor_ = nullptr;
  std::vector<Frame> frames_;
  PendingChildren pending_;  // the members and items of the open frames
  std::size_t syntax_count_ = 0;
  bool reported_any_ = false;
  bool document_has_value_ = false;
  bool reported_second_value_ = false;
  bool reported_depth_ = false;
  std::size_t open_at_end_ = 0;  ///< brackets the text leaves open, as prepare() counted them
  // Tokens the parser's copy rewrote as strings, by start offset.
  struct Repaired {
    std::uint32_t end;
    bool text;            // reads as `content`; false: an invalid value (True, None)
    std::string content;  // the word, or what was between the single quotes
  };
  std::map<std::uint32_t, Repaired> repaired_;
  Issue discarded_;  // what issue() hands out once the cap is reached
};

}  // namespace

JsonResult read_json(const source::SourceSet& sources, source::FileId file, const JsonOptions& options) {
  if (options.strict_first) {
    if (auto result = json::read_strict(sources, file, options)) return std::move(*result);
  }
  return Reader(sources, file, options).run();
}

}  // namespace pipec::syntax
