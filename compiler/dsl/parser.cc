#include "dsl/parser.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "dsl/lexer.h"
#include "dsl/vocabulary.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::dsl {

namespace {

using source::Span;

Span join(Span a, Span b) { return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)}; }

// A bare word as a value (a name, a keyword, a comparator).
Value bare_word(Span span, std::string text) { return Value{Value::Kind::reference, span, std::move(text), {}, {}, {}}; }

std::vector<std::string> words_of(std::span<const std::string_view> words) { return {words.begin(), words.end()}; }

// The word of `words` that `text` most likely means: the closest spelling,
// else, for a word with a suffix of its own ("ecs-deploy") or cut short
// ("repo"), the one word it starts, or that starts it.
std::optional<std::string> likely_word(std::string_view text, const std::vector<std::string>& words) {
  if (auto guess = util::closest_match(text, words)) return guess;
  std::vector<std::string> near;
  for (const auto& w : words) {
    if (text.starts_with(w + "-") || (text.size() >= 3 && w.starts_with(text))) near.push_back(w);
  }
  if (near.size() == 1) return near.front();
  return std::nullopt;
}

class Parser {
 public:
  Parser(const source::SourceSet& sources, source::FileId file) : file_(file), source_(&sources.file(file)) {
    Lexed lexed = lex(sources, file);
    tokens_ = std::move(lexed.tokens);
    out_.issues = std::move(lexed.issues);
  }

  Parsed run() {
    for (;;) {
      skip_separators();
      if (at(TokenKind::end)) break;
      if (at(TokenKind::right_brace)) {
        error(peek().span, "unexpected \"}\" with no block to close").label = "nothing to close";
        ++pos_;
        continue;
      }
      top_level();
    }
    return std::move(out_);
  }

 private:
  // -- tokens ------------------------------------------------------------------

  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  bool at(TokenKind kind) const { return peek().kind == kind; }
  bool at_word(std::string_view word) const { return at(TokenKind::identifier) && peek().text == word; }
  const Token& take() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool at_statement_end() const {
    return at(TokenKind::newline) || at(TokenKind::semicolon) || at(TokenKind::right_brace) || at(TokenKind::end);
  }
  void skip_separators() {
    while (at(TokenKind::newline) || at(TokenKind::semicolon)) ++pos_;
  }
  void skip_newlines() {
    while (at(TokenKind::newline)) ++pos_;
  }

  // Skips to the end of the current statement: past nested blocks, up to a
  // line end, ";" or the "}" that closes the enclosing block.
  void recover() {
    std::size_t depth = 0;
    while (!at(TokenKind::end)) {
      if (depth == 0 && (at(TokenKind::newline) || at(TokenKind::semicolon) || at(TokenKind::right_brace))) return;
      if (at(TokenKind::left_brace) || at(TokenKind::left_bracket)) ++depth;
      if ((at(TokenKind::right_brace) || at(TokenKind::right_bracket)) && depth > 0) --depth;
      ++pos_;
    }
  }

  syntax::Issue& error(Span span, std::string message) {
    out_.issues.push_back({syntax::IssueKind::dsl_syntax, span, std::move(message), "", {}, {}});
    return out_.issues.back();
  }

  // "expected X, found Y" at the current token.
  syntax::Issue& expected(std::string_view what) {
    const Token& t = peek();
    const std::string found = t.kind == TokenKind::identifier || t.kind == TokenKind::number || t.kind == TokenKind::string
                                  ? util::quote(t.text, 40)
                                  : std::string(describe(t.kind));
    auto& e = error(t.kind == TokenKind::newline || t.kind == TokenKind::end ? Span{file_, t.span.begin, t.span.begin} : t.span,
                    fmt::format("expected {}, found {}", what, found));
    e.label = fmt::format("expected {}", what);
    return e;
  }

  // A number token's text, which must be a plain decimal (-?(0|[1-9]\d*)(.\d+)?):
  // pipec writes numbers as they are, and "0720" is octal 464 to YAML 1.1,
  // which CloudFormation reads, and no number at all to JSON. Anything else
  // is reported, and read as the number it most likely is.
  std::string plain_decimal(const Token& t) {
    const std::string_view text = t.text;
    const std::string_view digits = text.substr(text.starts_with('-') ? 1 : 0);
    const auto point = digits.find('.');
    const std::string_view whole = digits.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
    const bool fraction_ok = point == std::string_view::npos ||
                             (!fraction.empty() && fraction.find('.') == std::string_view::npos);
    if (!whole.empty() && fraction_ok && (whole.size() == 1 || whole.front() != '0')) return std::string(text);
    std::string canonical(text.starts_with('-') ? "-" : "");
    const auto first = whole.find_first_not_of('0');
    canonical += first == std::string_view::npos ? "0" : std::string(whole.substr(first));
    if (point != std::string_view::npos) {
      const std::string_view kept = fraction.substr(0, fraction.find('.'));
      if (!kept.empty()) canonical += "." + std::string(kept);
    }
    auto& e = error(t.span, fmt::format("{} is not a plain decimal number", util::quote(text)));
    if (!whole.empty() && whole.size() > 1 && whole.front() == '0' && fraction_ok) {
      e.label = "leading zero";
      e.help.push_back(fmt::format("write {}: pipec writes numbers as they are, and YAML reads a leading zero as octal", canonical));
    } else {
      e.label = "not a number";
      e.help.push_back(fmt::format("a number is written like 720 or 1.5; did you mean {}?", canonical));
    }
    return canonical;
  }

  // A word that is not one of `words`: reported with the nearest, if close.
  // Reports a word that is none of `words`; returns the one it most likely
  // meant, if there is one.
  std::optional<std::string> unknown_word(const Token& t, std::string_view what, const std::vector<std::string>& words) {
    auto& e = error(t.span, fmt::format("unknown {} {}", what, util::quote(t.text)));
    e.label = fmt::format("not {} {}", std::string_view("aeiou").find(what.front()) == std::string_view::npos ? "a" : "an", what);
    auto guess = likely_word(t.text, words);
    if (guess) {
      e.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
    } else {
      e.help.push_back(fmt::format("expected one of {}", util::quote_list(words, "or", 20)));
    }
    return guess;
  }

  bool expect(TokenKind kind, std::string_view what) {
    if (at(kind)) {
      ++pos_;
      return true;
    }
    expected(what);
    return false;
  }

  // After an unknown key in a block of settings: skips the value that
  // belongs to it, so the settings after it on the line are still read.
  void skip_value() {
    if (at(TokenKind::string) || at(TokenKind::number)) {
      ++pos_;
    } else if (at(TokenKind::left_bracket) || at(TokenKind::left_brace)) {
      const TokenKind close = at(TokenKind::left_bracket) ? TokenKind::right_bracket : TokenKind::right_brace;
      std::size_t depth = 0;
      while (!at(TokenKind::end)) {
        if (at(TokenKind::left_bracket) || at(TokenKind::left_brace)) ++depth;
        if ((at(TokenKind::right_bracket) || at(TokenKind::right_brace)) && --depth == 0) {
          ++pos_;
          break;
        }
        ++pos_;
      }
      (void)close;
    } else if (at(TokenKind::identifier) && peek(1).kind != TokenKind::string && peek(1).kind != TokenKind::number) {
      ++pos_;  // a name as the value (a constant), unless it starts the next setting
    }
  }

  // Ends a statement: a line end, ";", or the "}" of the block (left in place).
  void end_statement() {
    if (at_statement_end()) {
      if (at(TokenKind::newline) || at(TokenKind::semicolon)) ++pos_;
      return;
    }
    expected("the end of the line").help.push_back("put one statement on each line, or separate them with \";\"");
    recover();
  }

  // -- names and values --------------------------------------------------------

  std::optional<Name> name(std::string_view what) {
    if (at(TokenKind::identifier)) {
      const Token& t = take();
      return Name{std::string(t.text), t.span};
    }
    if (at(TokenKind::string)) {
      const Value v = string_value(take());
      std::string text;
      for (const auto& p : v.parts) text += p.reference ? "${" + p.text + "}" : p.text;
      return Name{text, v.span};
    }
    expected(what);
    return std::nullopt;
  }

  Value string_value(const Token& t) {
    Value v;
    v.kind = Value::Kind::string;
    v.span = t.span;
    const std::string_view text = t.text;
    const bool closed = text.size() >= 2 && text.back() == '"';
    const std::size_t end = closed ? text.size() - 1 : text.size();
    std::string literal;
    std::uint32_t literal_begin = t.span.begin + 1;
    const auto flush = [&](std::uint32_t at) {
      if (!literal.empty()) v.parts.push_back({false, std::move(literal), Span{file_, literal_begin, at}});
      literal.clear();
    };
    std::size_t i = 1;
    while (i < end) {
      const char c = text[i];
      const auto offset = static_cast<std::uint32_t>(t.span.begin + i);
      if (c == '\\' && i + 1 < end) {
        const char e = text[i + 1];
        switch (e) {
          case '"': literal += '"'; break;
          case '\\': literal += '\\'; break;
          case 'n': literal += '\n'; break;
          case 't': literal += '\t'; break;
          case '$': literal += '$'; break;
          default: {
            auto& err = error(Span{file_, offset, offset + 2}, fmt::format("unknown escape {}", util::quote(text.substr(i, 2))));
            err.help.push_back("escapes are \\\" \\\\ \\n \\t and \\$ (a literal $)");
            literal += text.substr(i, 2);
          }
        }
        i += 2;
        continue;
      }
      if (c == '$' && i + 1 < end && text[i + 1] == '{') {
        const std::size_t close = text.find('}', i + 2);
        if (close == std::string_view::npos || close >= end) {
          auto& err = error(Span{file_, offset, offset + 2}, "unterminated ${ in a string");
          err.help.push_back("write ${name}, or \\$ for a literal $");
          literal += text.substr(i);
          break;
        }
        flush(offset);
        const std::string_view reference = text.substr(i + 2, close - i - 2);
        const auto ref_end = static_cast<std::uint32_t>(t.span.begin + close + 1);
        if (reference.empty() || !std::all_of(reference.begin(), reference.end(), [](char r) {
              return std::isalnum(static_cast<unsigned char>(r)) || r == '-' || r == '_';
            })) {
          error(Span{file_, offset, ref_end}, fmt::format("{} is not a name", util::quote(reference)))
              .help.push_back("${…} holds the name of a constant (let) or account, region or partition");
        }
        v.parts.push_back({true, std::string(reference), Span{file_, offset, ref_end}});
        i = close + 1;
        literal_begin = ref_end;
        continue;
      }
      literal += c;
      ++i;
    }
    flush(static_cast<std::uint32_t>(t.span.begin + end));
    if (v.parts.empty()) v.parts.push_back({false, "", Span{file_, t.span.begin + 1, t.span.begin + 1}});
    return v;
  }

  std::optional<Value> value(std::string_view what = "a value") {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::string: return string_value(take());
      case TokenKind::identifier: {
        take();
        Value v;
        v.kind = Value::Kind::reference;
        v.text = std::string(t.text);
        v.span = t.span;
        return v;
      }
      case TokenKind::number: {
        take();
        Value v;
        v.kind = Value::Kind::number;
        v.text = plain_decimal(t);
        v.span = t.span;
        return v;
      }
      case TokenKind::left_bracket: return list([this] { return value(); });
      default: expected(what); return std::nullopt;
    }
  }

  // Blocks and lists nest; past this depth the parser reports the nesting
  // and skips the rest of it without recursing (a hostile file cannot
  // exhaust the stack).
  static constexpr std::size_t kMaxDepth = 64;

  // True if one more level is allowed; otherwise reports it once and skips
  // the bracketed text at the cursor.
  bool descend() {
    if (depth_ < kMaxDepth) {
      ++depth_;
      return true;
    }
    if (!reported_depth_) {
      reported_depth_ = true;
      error(peek().span, fmt::format("nested more than {} levels deep", kMaxDepth)).label = "too deep";
    }
    std::size_t open = 0;
    do {
      if (at(TokenKind::left_brace) || at(TokenKind::left_bracket)) ++open;
      if (at(TokenKind::right_brace) || at(TokenKind::right_bracket)) --open;
      ++pos_;
    } while (open > 0 && !at(TokenKind::end));
    return false;
  }

  template <typename Item>
  std::optional<Value> list(Item item) {
    if (!descend()) return std::nullopt;
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    const Token& open = take();
    Value v;
    v.kind = Value::Kind::list;
    for (;;) {
      skip_newlines();
      if (at(TokenKind::right_bracket)) break;
      if (at(TokenKind::end) || at(TokenKind::right_brace)) {
        auto& e = expected("\"]\"");
        e.related.push_back({open.span, "list starts here"});
        v.span = join(open.span, peek().span);
        return v;
      }
      auto element = item();
      if (!element) {
        // Skip the bad token and go on with the list.
        if (!at(TokenKind::right_bracket)) ++pos_;
        continue;
      }
      v.items.push_back(std::move(*element));
      skip_newlines();
      if (at(TokenKind::comma)) ++pos_;
    }
    v.span = join(open.span, take().span);
    return v;
  }

  // A value in a pattern or a filter: a value, a list of alternatives, an
  // operator with its operands, or a block of nested fields.
  std::optional<Value> match() {
    if (at(TokenKind::left_brace)) {
      Value v;
      v.kind = Value::Kind::block;
      const Span open = peek().span;
      v.settings = pattern_block();
      v.span = join(open, tokens_[pos_ - 1].span);
      return v;
    }
    if (at(TokenKind::left_bracket)) return list([this] { return alternative(); });
    return alternative();
  }

  // A value or an operator. Only anything-but holds another operator
  // (anything-but prefix "x"), and that one holds a value.
  std::optional<Value> alternative(bool nested = false) {
    if (!at(TokenKind::identifier)) return value("a value to match");
    const auto ops = pattern_operators();
    const std::string_view word = peek().text;
    if (std::find(ops.begin(), ops.end(), word) == ops.end()) return value("a value to match");
    const Token& op = take();
    Value v;
    v.kind = Value::Kind::operation;
    v.text = std::string(op.text);
    v.span = op.span;
    if (word == "numeric") {
      // numeric > 0 <= 5, numeric = 3
      for (int k = 0; k < 2; ++k) {
        const TokenKind c = peek().kind;
        const bool comparator = c == TokenKind::less || c == TokenKind::less_equal || c == TokenKind::greater ||
                                c == TokenKind::greater_equal || c == TokenKind::equals;
        if (!comparator) {
          if (k == 0) expected("a comparison (<, <=, >, >= or =)");
          break;
        }
        const Token& cmp = take();
        v.items.push_back(bare_word(cmp.span, std::string(cmp.text)));
        if (!at(TokenKind::number)) {
          expected("a number");
          break;
        }
        const Token& n = take();
        v.items.push_back(Value{Value::Kind::number, n.span, plain_decimal(n), {}, {}, {}});
        v.span = join(v.span, n.span);
      }
      return v;
    }
    std::optional<Value> operand;
    if (word == "anything-but" && !nested && at(TokenKind::identifier) &&
        std::find(ops.begin(), ops.end(), peek().text) != ops.end()) {
      operand = alternative(true);
    } else if (word == "anything-but" && at(TokenKind::left_bracket)) {
      operand = list([this] { return value(); });
    } else {
      operand = value(fmt::format("the operand of {}", word));
    }
    if (operand) {
      v.span = join(v.span, operand->span);
      v.items.push_back(std::move(*operand));
    }
    return v;
  }

  // { field match … }: pattern fields, and `or { … } { … }`.
  std::vector<Setting> pattern_block() {
    std::vector<Setting> fields;
    if (!descend()) return fields;
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    const Token& open = take();  // "{"
    for (;;) {
      skip_separators();
      if (at(TokenKind::right_brace)) {
        ++pos_;
        return fields;
      }
      if (at(TokenKind::end)) {
        expected("\"}\"").related.push_back({open.span, "block starts here"});
        return fields;
      }
      Setting field;
      const auto key = name("a field name");
      if (!key) {
        recover();
        continue;
      }
      field.key = *key;
      if (key->text == "or") {
        // or { … } { … }: each block one alternative of the pattern.
        while (at(TokenKind::left_brace)) {
          Value branch;
          branch.kind = Value::Kind::block;
          const Span start = peek().span;
          branch.settings = pattern_block();
          branch.span = join(start, tokens_[pos_ - 1].span);
          field.values.push_back(std::move(branch));
          skip_newlines();
        }
        if (field.values.empty()) expected("a block of fields after \"or\"");
      } else if (auto m = match()) {
        field.values.push_back(std::move(*m));
      } else {
        recover();
        continue;
      }
      field.span = join(field.key.span, tokens_[pos_ - 1].span);
      fields.push_back(std::move(field));
    }
  }

  // -- top level -------------------------------------------------------------

  void top_level() {
    const Token& t = peek();
    if (at_word("let")) return let();
    if (at_word("parameter") || at_word("output")) return template_item();
    if (at_word("pipeline")) return pipeline();
    if (at_word("rule")) return rule();
    if (t.kind == TokenKind::identifier) {
      unknown_word(t, "declaration", words_of(top_level_words()));
    } else {
      expected("let, pipeline or rule");
    }
    ++pos_;
    recover();
  }

  void let() {
    const Token& keyword = take();
    Let l;
    const auto n = name("a constant name");
    if (!n) return recover();
    l.name = *n;
    if (!expect(TokenKind::equals, "\"=\"")) return recover();
    auto v = value();
    if (!v) return recover();
    l.value = std::move(*v);
    l.span = join(keyword.span, l.value.span);
    out_.file.lets.push_back(std::move(l));
    end_statement();
  }

  // parameter NAME = default [description "…"] [allowed […]]
  // output NAME = value [description "…"]
  void template_item() {
    const Token& keyword = take();
    const bool parameter = keyword.text == "parameter";
    Setting s;
    const auto n = name(parameter ? "a parameter name" : "an output name");
    if (!n) return recover();
    s.key = *n;
    if (!expect(TokenKind::equals, "\"=\"")) return recover();
    auto v = value(parameter ? "the parameter's default" : "the output's value");
    if (!v) return recover();
    s.values.push_back(std::move(*v));
    while (at_word("description") || (parameter && at_word("allowed"))) s.block.push_back(setting(take(), 1));
    s.span = join(keyword.span, tokens_[pos_ - 1].span);
    (parameter ? out_.file.parameters : out_.file.outputs).push_back(std::move(s));
    end_statement();
  }

  // Opens a block: "{" (on this line or the next).
  bool open_block(std::string_view what) {
    skip_newlines();
    if (at(TokenKind::left_brace)) {
      ++pos_;
      return true;
    }
    expected(fmt::format("\"{{\" to start {}", what));
    recover();
    return false;
  }

  // The indentation of the line that holds `offset`, in bytes.
  std::size_t indentation_at(std::uint32_t offset) const {
    const std::string_view line = source_->line_text(source_->line_col(offset).line);
    return line.find_first_not_of(" \t") == std::string_view::npos ? line.size() : line.find_first_not_of(" \t");
  }
  std::uint32_t line_of(std::uint32_t offset) const { return source_->line_col(offset).line; }

  // A block the file never closes is reported once, at the brace that opened
  // it, however many blocks the end of the file leaves open. Which brace that
  // is, the indentation says: a "}" that lines up with an outer block's line
  // rather than its own closed the outer one's place, so the block it closed
  // is the one whose "}" is missing.
  void unclosed(Span open) {
    if (unclosed_reported_) return;
    unclosed_reported_ = true;
    for (auto it = misaligned_.rbegin(); it != misaligned_.rend(); ++it) {
      if (it->first.begin > open.begin) {
        never_closed(it->first,
                     {it->second, fmt::format("this \"}}\" lines up with line {}, so it closes that block instead", line_of(open.begin))},
                     line_of(it->second.begin));
        return;
      }
    }
    never_closed(open, {Span{file_, peek().span.begin, peek().span.begin}, "the file ends here"}, std::nullopt);
  }

  // The last block opened inside `open` whose "}" lines up with `open`'s line.
  std::optional<std::pair<Span, Span>> misaligned_inside(Span open) const {
    for (auto it = misaligned_.rbegin(); it != misaligned_.rend(); ++it) {
      if (it->first.begin > open.begin && indentation_at(it->second.begin) == indentation_at(open.begin)) return *it;
    }
    return std::nullopt;
  }

  // The one error of a block without its "}", at the "{" that opened it;
  // `why` points at what shows it, and the "}" goes before `before_line`.
  void never_closed(Span open, diag::Label why, std::optional<std::uint32_t> before_line) {
    auto& e = error(open, "\"{\" is never closed");
    e.label = "this block has no \"}\"";
    e.related.push_back(std::move(why));
    e.help.push_back(before_line ? fmt::format("add \"}}\" to close the block of line {} before line {}", line_of(open.begin), *before_line)
                                 : fmt::format("add \"}}\" where the block of line {} ends", line_of(open.begin)));
  }

  // Whether the next token starts a statement of a block this one is inside
  // (or of the file), first on its line and no deeper than `open`'s line.
  bool starts_outer_statement(Span open) const {
    if (!at(TokenKind::identifier) || (pos_ > 0 && tokens_[pos_ - 1].kind != TokenKind::newline)) return false;
    if (indentation_at(peek().span.begin) > indentation_at(open.begin)) return false;
    const std::string_view word = peek().text;
    const auto top = top_level_words();
    if (std::find(top.begin(), top.end(), word) != top.end()) return true;
    return word == "stage" && block_depth_ > 1;
  }

  // Reads statements of a block until its "}", calling `statement` for each.
  template <typename Statement>
  void block(Span open, Statement statement) {
    ++block_depth_;
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{block_depth_};
    for (;;) {
      skip_separators();
      if (at(TokenKind::right_brace)) {
        const Span close = take().span;
        if (line_of(close.begin) != line_of(open.begin) && indentation_at(close.begin) != indentation_at(open.begin)) {
          misaligned_.emplace_back(open, close);
        }
        return;
      }
      if (at(TokenKind::end)) {
        unclosed(open);
        return;
      }
      // A statement of an outer block, indented no deeper than the line
      // that opened this one, starts after a "}" that is missing: this block
      // ends here, and the outer one reads on as written.
      if (starts_outer_statement(open)) {
        const Span next = peek().span;
        // A "}" inside this block that lines up with this block's line
        // closed this block's place: the block it closed lacks its own.
        if (const auto inner = misaligned_inside(open)) {
          if (!unclosed_reported_) {
            unclosed_reported_ = true;
            never_closed(inner->first,
                         {inner->second, fmt::format("this \"}}\" lines up with line {}, so it closes that block instead",
                                                     line_of(open.begin))},
                         line_of(inner->second.begin));
          }
          return;
        }
        never_closed(open,
                     {next, fmt::format("{} starts a new {} here", util::quote(peek().text),
                                        block_depth_ > 1 && peek().text == "stage" ? "stage" : "declaration")},
                     line_of(next.begin));
        return;
      }
      const std::size_t before = pos_;
      statement();
      if (pos_ == before) {
        ++pos_;  // never stall on a token nothing accepts
        recover();
      }
    }
  }

  // `key value…` settings, the arity from the caller.
  Setting setting(const Token& key, std::size_t values, std::size_t optional_strings = 0) {
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    for (std::size_t k = 0; k < values; ++k) {
      auto v = value(fmt::format("a value for {}", key.text));
      if (!v) break;
      s.values.push_back(std::move(*v));
    }
    for (std::size_t k = 0; k < optional_strings && at(TokenKind::string); ++k) s.values.push_back(string_value(take()));
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  void pipeline() {
    const Token& keyword = take();
    Pipeline p;
    const auto n = name("a pipeline name");
    if (!n) return recover();
    p.name = *n;
    const Span open = peek().span;
    if (!open_block("the pipeline")) return;
    block(open, [&] {
      const Token& t = peek();
      if (!at(TokenKind::identifier)) {
        expected("a pipeline setting or a stage");
        recover();
        return;
      }
      if (t.text == "stage") {
        p.stages.push_back(stage());
        return;
      }
      if (t.text == "type" || t.text == "role" || t.text == "mode") {
        p.settings.push_back(setting(take(), 1));
      } else if (t.text == "store") {
        p.settings.push_back(store());
      } else if (t.text == "variable") {
        p.settings.push_back(variable());
      } else if (t.text == "trigger") {
        p.settings.push_back(git_trigger());
      } else if (t.text == "notify") {
        p.settings.push_back(notify());
      } else if (t.text == "tag") {
        p.settings.push_back(setting(take(), 2));
      } else {
        unknown_word(t, "pipeline setting", words_of(pipeline_words()));
        ++pos_;
        recover();
        return;
      }
      end_statement();
    });
    p.span = join(keyword.span, tokens_[pos_ - 1].span);
    out_.file.pipelines.push_back(std::move(p));
  }

  // store s3 "bucket" [kms "key"] [region "r"]  |  store auto [kms …] [region …]
  Setting store() {
    const Token& key = take();
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    if (at_word("auto")) {
      const Token& a = take();
      s.values.push_back(bare_word(a.span, "auto"));
    } else if (at_word("s3")) {
      take();
      if (auto v = value("a bucket name")) s.values.push_back(std::move(*v));
    } else {
      expected("s3 \"bucket\" or auto");
      recover();
      return s;
    }
    while (at_word("kms") || at_word("region")) s.block.push_back(setting(take(), 1));
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  // variable NAME [= "default"] [description "…"]
  Setting variable() {
    const Token& key = take();
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    if (auto n = name("a variable name")) {
      s.values.push_back(bare_word(n->span, n->text));
    }
    if (at(TokenKind::equals)) {
      ++pos_;
      if (auto v = value("a default value")) {
        Setting d;
        d.key = Name{"default", v->span};
        d.values.push_back(std::move(*v));
        s.block.push_back(std::move(d));
      }
    }
    if (at_word("description")) s.block.push_back(setting(take(), 1));
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  // trigger ACTION push|pull-request [{ branches V [except V]  tags …  paths …  events V }]
  Setting git_trigger() {
    const Token& key = take();
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    if (auto n = name("the source action it starts from")) {
      s.values.push_back(bare_word(n->span, n->text));
    }
    if (!at_word("push") && !at_word("pull-request")) {
      if (at(TokenKind::identifier)) {
        unknown_word(peek(), "trigger event", {"push", "pull-request"});
      } else {
        expected("push or pull-request");
      }
      recover();
      s.span = join(key.span, tokens_[pos_ - 1].span);
      return s;
    }
    const Token& event = take();
    s.values.push_back(bare_word(event.span, std::string(event.text)));
    const bool pull_request = event.text == "pull-request";
    if (at(TokenKind::left_brace)) {
      const Token& open = take();
      s.has_block = true;
      block(open.span, [&] {
        if (!at(TokenKind::identifier)) {
          expected(pull_request ? "events, branches or paths" : "branches, tags or paths");
          recover();
          return;
        }
        const auto words = git_filter_words(pull_request);
        if (std::find(words.begin(), words.end(), peek().text) == words.end()) {
          unknown_word(peek(), pull_request ? "pull-request filter" : "push filter", words_of(words));
          ++pos_;
          skip_value();
          if (at_word("except")) {
            ++pos_;
            skip_value();
          }
          return;
        }
        Setting filter = setting(take(), 1);
        if (at_word("except")) {
          Setting excluded = setting(take(), 1);
          filter.span = join(filter.span, excluded.span);
          filter.block.push_back(std::move(excluded));
        }
        s.block.push_back(std::move(filter));
      });
    }
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  // notify TOPIC on EVENTS [detail basic|full]
  Setting notify() {
    const Token& key = take();
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    if (auto v = value("the SNS topic's ARN")) s.values.push_back(std::move(*v));
    while (at_word("on") || at_word("detail")) s.block.push_back(setting(take(), 1));
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  // on failure rollback | fail | retry [failed-actions | all-actions]
  Setting stage_on() {
    const Token& key = take();
    Setting s;
    s.key = Name{std::string(key.text), key.span};
    if (!at_word("failure")) {
      if (at(TokenKind::identifier)) {
        unknown_word(peek(), "stage event", {"failure"});
      } else {
        expected("failure");
      }
      recover();
      s.span = key.span;
      return s;
    }
    s.key.text = "on failure";
    s.key.span = join(key.span, take().span);
    if (auto v = value("what to do: rollback, fail or retry")) s.values.push_back(std::move(*v));
    if (!at_statement_end()) {
      if (auto v = value("failed-actions or all-actions")) s.values.push_back(std::move(*v));
    }
    s.span = join(key.span, tokens_[pos_ - 1].span);
    return s;
  }

  Stage stage() {
    const Token& keyword = take();
    Stage s;
    s.name.span = keyword.span;  // where a stage with no name is reported
    if (auto n = name("a stage name")) s.name = *n;
    const Span open = peek().span;
    if (!open_block("the stage")) return s;
    std::size_t group = 0;
    block(open, [&] {
      if (at_word("on")) {
        if (Setting on = stage_on(); !on.values.empty()) s.settings.push_back(std::move(on));
        end_statement();
        return;
      }
      if (at_word("parallel")) {
        const Token& p = take();
        const Span inner = peek().span;
        if (!open_block("the parallel actions")) return;
        ++group;
        block(inner, [&] { action_statement(s, group); });
        (void)p;
        ++group;
        end_statement();
        return;
      }
      action_statement(s, ++group);
    });
    s.span = join(keyword.span, tokens_[pos_ - 1].span);
    return s;
  }

  void action_statement(Stage& s, std::size_t group) {
    if (!at(TokenKind::identifier)) {
      expected("an action (ecr, codebuild, ecs, …)");
      recover();
      return;
    }
    Action a = action(group);
    // An action of no known kind is reported once, as a word pipec does not
    // know; lowering it would add schema errors about what it lacks.
    if (find_action_kind(a.provider.text) != nullptr) s.actions.push_back(std::move(a));
    end_statement();
  }

  // KIND NAME [{ settings }] [INPUT…] [-> OUTPUT…]
  Action action(std::size_t group) {
    Action a;
    a.group = group;
    const Token& kind_token = take();
    a.provider = Name{std::string(kind_token.text), kind_token.span};
    const ActionKind* kind = find_action_kind(kind_token.text);
    if (kind == nullptr) {
      std::vector<std::string> kinds;
      for (const auto& k : action_kinds()) kinds.emplace_back(k.word);
      // Read on as the kind it most likely is, so its settings are checked
      // and nothing reports what an action of no kind lacks.
      if (const auto guess = unknown_word(kind_token, "action kind", kinds)) {
        kind = find_action_kind(*guess);
        a.provider.text = *guess;
      }
    }
    a.name.span = kind_token.span;  // where an action with no name is reported
    if (auto n = name("an action name")) a.name = *n;
    if (at(TokenKind::left_brace)) {
      const Token& open = take();
      block(open.span, [&] { action_setting(a, kind); });
    }
    while (at(TokenKind::identifier) || at(TokenKind::string)) {
      if (auto n = name("an input artifact")) a.inputs.push_back(*n);
      if (at(TokenKind::comma)) ++pos_;
    }
    if (at(TokenKind::arrow)) {
      ++pos_;
      if (!(at(TokenKind::identifier) || at(TokenKind::string))) expected("an output artifact name after \"->\"");
      while (at(TokenKind::identifier) || at(TokenKind::string)) {
        if (auto n = name("an output artifact")) a.outputs.push_back(*n);
        if (at(TokenKind::comma)) ++pos_;
      }
    }
    a.span = join(kind_token.span, tokens_[pos_ - 1].span);
    return a;
  }

  void action_setting(Action& a, const ActionKind* kind) {
    if (!at(TokenKind::identifier)) {
      expected("a setting name");
      recover();
      return;
    }
    const Token& key = peek();
    std::optional<std::string> corrected;
    if (kind != nullptr && find_setting(*kind, key.text) == nullptr) {
      std::vector<std::string> words;
      for (const auto& s : kind->settings) words.emplace_back(s.word);
      for (const auto& s : common_action_settings()) words.emplace_back(s.word);
      auto& e = error(key.span, fmt::format("unknown setting {} for {} actions", util::quote(key.text), kind->word));
      e.label = "not a setting of this action";
      corrected = likely_word(key.text, words);
      if (!corrected) {
        e.help.push_back(fmt::format("{} actions take {}", kind->word, util::quote_list(words, "and", 20)));
        ++pos_;
        skip_value();
        return;
      }
      // Read on as the setting it most likely is, so the value is checked
      // and nothing else reports the setting as missing.
      e.help.push_back(fmt::format("did you mean {}?", util::quote(*corrected)));
    }
    if (key.text == "env" || corrected == std::optional<std::string>("env")) {
      Setting s;
      const Token& k = take();
      s.key = Name{std::string(k.text), k.span};
      s.has_block = true;
      const Span open = peek().span;
      if (!open_block("the environment variables")) return;
      block(open, [&] {
        const auto n = name("a variable name");
        if (!n) return recover();
        Setting pair;
        pair.key = *n;
        if (at(TokenKind::equals)) ++pos_;
        if (auto v = value("the variable's value")) pair.values.push_back(std::move(*v));
        pair.span = join(n->span, tokens_[pos_ - 1].span);
        s.block.push_back(std::move(pair));
      });
      s.span = join(k.span, tokens_[pos_ - 1].span);
      a.settings.push_back(std::move(s));
      return;
    }
    Token k = take();
    if (corrected) k.text = *corrected_words_.insert(*corrected).first;
    if (k.text == "image" && kind != nullptr && kind->word == std::string_view("blue-green")) {
      a.settings.push_back(setting(k, 2));
    } else if (k.text == "taskdef" || k.text == "appspec") {
      a.settings.push_back(setting(k, 1, 1));
    } else if (k.text == "container" && kind != nullptr && kind->word == std::string_view("imagedefinitions")) {
      // container NAME [from ARTIFACT | image "uri"]
      Setting c = setting(k, 1);
      if (at_word("from") || at_word("image")) {
        const Token& option = take();
        Setting o;
        o.key = Name{std::string(option.text), option.span};
        if (option.text == "from") {
          if (auto n = name("the artifact holding the image's imageDetail.json")) {
            o.values.push_back(bare_word(n->span, n->text));
          }
        } else if (auto v = value("the image URI")) {
          o.values.push_back(std::move(*v));
        }
        o.span = join(option.span, tokens_[pos_ - 1].span);
        c.span = join(c.span, o.span);
        c.block.push_back(std::move(o));
      }
      a.settings.push_back(std::move(c));
    } else {
      a.settings.push_back(setting(k, 1));
    }
    // A setting is a key and a known number of values: the next one may
    // follow on the same line (repository "web"  tag "latest").
  }

  void rule() {
    const Token& keyword = take();
    Rule r;
    const auto n = name("a rule name");
    if (!n) return recover();
    r.name = *n;
    const Span open = peek().span;
    if (!open_block("the rule")) return;
    block(open, [&] {
      const Token& t = peek();
      if (!at(TokenKind::identifier)) {
        expected("a rule setting (on, pattern, start, …)");
        recover();
        return;
      }
      if (t.text == "on") {
        trigger(r);
      } else if (t.text == "pattern") {
        pattern(r);
      } else if (t.text == "start") {
        start(r);
      } else if (t.text == "description" || t.text == "state" || t.text == "bus") {
        r.settings.push_back(setting(take(), 1));
      } else if (t.text == "from") {
        // from account "123456789012": events another account sends to this bus
        const Token& from = take();
        if (!at_word("account")) {
          expected("account after from");
          recover();
          return;
        }
        Setting s = setting(take(), 1);
        s.key = Name{"from account", join(from.span, s.key.span)};
        s.span = join(from.span, s.span);
        r.settings.push_back(std::move(s));
      } else if (t.text == "notify" || t.text == "invoke") {
        // notify TOPIC [{ id "…" }] | invoke FUNCTION [{ id "…" }]
        Setting target = setting(take(), 1);
        if (at(TokenKind::left_brace)) {
          const Token& open = take();
          target.has_block = true;
          block(open.span, [&] {
            if (!at_word("id")) {
              if (at(TokenKind::identifier)) {
                unknown_word(peek(), "target setting", {"id"});
              } else {
                expected("id");
              }
              ++pos_;
              skip_value();
              return;
            }
            target.block.push_back(setting(take(), 1));
          });
          target.span = join(target.span, tokens_[pos_ - 1].span);
        }
        r.settings.push_back(std::move(target));
      } else {
        unknown_word(t, "rule setting", words_of(rule_words()));
        ++pos_;
        recover();
        return;
      }
      end_statement();
    });
    r.span = join(keyword.span, tokens_[pos_ - 1].span);
    out_.file.rules.push_back(std::move(r));
  }

  // on SOURCE EVENT { filter match … }
  void trigger(Rule& r) {
    const Token& keyword = take();
    Trigger t;
    const auto source = name("an event source (ecr)");
    if (!source) return recover();
    t.source = *source;
    const auto event = name("an event (push, replication or scan)");
    if (!event) return recover();
    t.event = *event;
    if (find_trigger(t.source.text, t.event.text) == nullptr) {
      std::vector<std::string> kinds;
      for (const auto& k : trigger_kinds()) kinds.push_back(fmt::format("{} {}", k.source, k.event));
      auto& e = error(join(t.source.span, t.event.span),
                      fmt::format("unknown event {} {}", util::quote(t.source.text), util::quote(t.event.text)));
      e.label = "no such shortcut";
      if (const auto guess = util::closest_match(t.source.text + " " + t.event.text, kinds)) {
        e.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
      }
      e.help.push_back("for other events, write the pattern: pattern { source \"aws.…\" … }");
    }
    if (at(TokenKind::left_brace)) t.filters = pattern_block();
    t.span = join(keyword.span, tokens_[pos_ - 1].span);
    if (r.trigger) error(t.span, "a rule has one \"on\"").related.push_back({r.trigger->span, "first \"on\" here"});
    r.trigger = std::move(t);
  }

  // pattern { … }  |  pattern file "path.json"
  void pattern(Rule& r) {
    const Token& keyword = take();
    if (at_word("file")) {
      take();
      if (auto v = value("the path of a JSON pattern")) r.pattern_file = std::move(*v);
      return;
    }
    skip_newlines();
    if (!at(TokenKind::left_brace)) {
      expected("\"{\" or file \"path.json\" after pattern");
      recover();
      return;
    }
    Value v;
    v.kind = Value::Kind::block;
    const Span open = peek().span;
    v.settings = pattern_block();
    v.span = join(keyword.span, join(open, tokens_[pos_ - 1].span));
    r.pattern = std::move(v);
  }

  // start PIPELINE [{ revision ACTION = KIND [from "path"]; variable NAME = "path"; role …; id … }]
  void start(Rule& r) {
    const Token& keyword = take();
    Start s;
    const auto n = name("the pipeline to start");
    if (!n) return recover();
    s.pipeline = *n;
    if (at(TokenKind::left_brace)) {
      const Token& open = take();
      block(open.span, [&] {
        const Token& t = peek();
        if (!at(TokenKind::identifier)) {
          expected("revision, variable, role or id");
          recover();
          return;
        }
        if (t.text == "revision" || t.text == "variable") {
          const Token& k = take();
          Setting st;
          st.key = Name{std::string(k.text), k.span};
          if (auto target = name(k.text == "revision" ? "a source action name" : "a pipeline variable name")) {
            st.values.push_back(bare_word(target->span, target->text));
          }
          if (expect(TokenKind::equals, "\"=\"")) {
            if (auto v = value(k.text == "revision" ? "a revision kind (image-digest, commit-id, …)" : "a JSON path string")) {
              st.values.push_back(std::move(*v));
            }
            if (k.text == "revision" && at_word("from")) {
              take();
              if (auto path = value("a JSON path string")) st.values.push_back(std::move(*path));
            }
          }
          st.span = join(k.span, tokens_[pos_ - 1].span);
          s.settings.push_back(std::move(st));
        } else if (t.text == "role" || t.text == "id") {
          s.settings.push_back(setting(take(), 1));
        } else {
          unknown_word(t, "start setting", words_of(start_words()));
          ++pos_;
          skip_value();
        }
      });
    }
    s.span = join(keyword.span, tokens_[pos_ - 1].span);
    r.starts.push_back(std::move(s));
  }

  source::FileId file_;
  const source::SourceFile* source_;
  bool unclosed_reported_ = false;
  std::size_t block_depth_ = 0;  ///< blocks open around the current token
  /// Blocks closed by a "}" indented unlike the line that opened them.
  std::vector<std::pair<Span, Span>> misaligned_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  bool reported_depth_ = false;
  std::set<std::string> corrected_words_;  // owns the text of corrected keys
  Parsed out_;
};

// -- S-expression dump -----------------------------------------------------------

void dump_value(const Value& v, std::string& out);

void dump_settings(const std::vector<Setting>& settings, std::string& out) {
  for (const auto& s : settings) {
    out += " (" + s.key.text;
    for (const auto& v : s.values) {
      out += ' ';
      dump_value(v, out);
    }
    if (!s.block.empty() || s.has_block) {
      out += " {";
      dump_settings(s.block, out);
      out += "}";
    }
    out += ")";
  }
}

void dump_value(const Value& v, std::string& out) {
  switch (v.kind) {
    case Value::Kind::string: {
      std::string text;
      for (const auto& p : v.parts) text += p.reference ? "${" + p.text + "}" : p.text;
      out += util::quote(text, 200);
      break;
    }
    case Value::Kind::reference:
    case Value::Kind::number: out += v.text; break;
    case Value::Kind::list:
      out += "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ' ';
        dump_value(v.items[i], out);
      }
      out += "]";
      break;
    case Value::Kind::operation:
      out += "(" + v.text;
      for (const auto& item : v.items) {
        out += ' ';
        dump_value(item, out);
      }
      out += ")";
      break;
    case Value::Kind::block:
      out += "{";
      dump_settings(v.settings, out);
      out += "}";
      break;
  }
}

}  // namespace

Parsed parse(const source::SourceSet& sources, source::FileId file) { return Parser(sources, file).run(); }

std::string dump(const File& file) {
  std::string out;
  for (const auto& l : file.lets) {
    out += "(let " + l.name.text + " ";
    dump_value(l.value, out);
    out += ")\n";
  }
  for (const auto& p : file.parameters) {
    out += "(parameter";
    dump_settings({p}, out);
    out += ")\n";
  }
  for (const auto& o : file.outputs) {
    out += "(output";
    dump_settings({o}, out);
    out += ")\n";
  }
  for (const auto& p : file.pipelines) {
    out += "(pipeline " + p.name.text;
    dump_settings(p.settings, out);
    for (const auto& s : p.stages) {
      out += "\n  (stage " + s.name.text;
      dump_settings(s.settings, out);
      for (const auto& a : s.actions) {
        out += fmt::format("\n    (action {} {} #{}", a.provider.text, a.name.text, a.group);
        dump_settings(a.settings, out);
        if (!a.inputs.empty()) {
          out += " (in";
          for (const auto& i : a.inputs) out += " " + i.text;
          out += ")";
        }
        if (!a.outputs.empty()) {
          out += " (out";
          for (const auto& o : a.outputs) out += " " + o.text;
          out += ")";
        }
        out += ")";
      }
      out += ")";
    }
    out += ")\n";
  }
  for (const auto& r : file.rules) {
    out += "(rule " + r.name.text;
    if (r.trigger) {
      out += "\n  (on " + r.trigger->source.text + " " + r.trigger->event.text;
      dump_settings(r.trigger->filters, out);
      out += ")";
    }
    if (r.pattern) {
      out += "\n  (pattern ";
      dump_value(*r.pattern, out);
      out += ")";
    }
    if (r.pattern_file) {
      out += "\n  (pattern-file ";
      dump_value(*r.pattern_file, out);
      out += ")";
    }
    for (const auto& s : r.starts) {
      out += "\n  (start " + s.pipeline.text;
      dump_settings(s.settings, out);
      out += ")";
    }
    if (!r.settings.empty()) {
      out += "\n ";
      dump_settings(r.settings, out);
    }
    out += ")\n";
  }
  return out;
}

}  // namespace pipec::dsl
