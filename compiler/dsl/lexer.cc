#include "dsl/lexer.h"

#include <fmt/core.h>

#include "util/text.h"
#include "util/utf8.h"

namespace pipec::dsl {

std::string_view describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::end: return "the end of the file";
    case TokenKind::newline: return "the end of the line";
    case TokenKind::identifier: return "a name";
    case TokenKind::string: return "a string";
    case TokenKind::number: return "a number";
    case TokenKind::left_brace: return "\"{\"";
    case TokenKind::right_brace: return "\"}\"";
    case TokenKind::left_bracket: return "\"[\"";
    case TokenKind::right_bracket: return "\"]\"";
    case TokenKind::equals: return "\"=\"";
    case TokenKind::comma: return "\",\"";
    case TokenKind::semicolon: return "\";\"";
    case TokenKind::arrow: return "\"->\"";
    case TokenKind::less: return "\"<\"";
    case TokenKind::less_equal: return "\"<=\"";
    case TokenKind::greater: return "\">\"";
    case TokenKind::greater_equal: return "\">=\"";
    case TokenKind::invalid: return "an unexpected character";
  }
  return "a token";
}

namespace {

bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

class Lexer {
 public:
  Lexer(const source::SourceSet& sources, source::FileId file) : text_(sources.file(file).text()), file_(file) {}

  Lexed run() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '\n') {
        // Several line ends in a row are one: the parser sees statement ends.
        if (out_.tokens.empty() || out_.tokens.back().kind != TokenKind::newline) emit(TokenKind::newline, pos_, pos_ + 1);
        ++pos_;
      } else if (c == '"') {
        string();
      } else if (identifier_start(c)) {
        std::size_t end = pos_ + 1;
        while (end < text_.size() && identifier_char(text_[end])) {
          // "a->b": the arrow is not part of the name.
          if (text_[end] == '-' && end + 1 < text_.size() && text_[end + 1] == '>') break;
          ++end;
        }
        // A name does not end with '-'.
        while (end > pos_ + 1 && text_[end - 1] == '-') --end;
        emit(TokenKind::identifier, pos_, end);
        pos_ = end;
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '-' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
        std::size_t end = pos_ + 1;
        while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) ++end;
        emit(TokenKind::number, pos_, end);
        pos_ = end;
      } else {
        punctuation(c);
      }
    }
    emit(TokenKind::end, text_.size(), text_.size());
    return std::move(out_);
  }

 private:
  void emit(TokenKind kind, std::size_t begin, std::size_t end) {
    out_.tokens.push_back({kind, source::Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)},
                           text_.substr(begin, end - begin)});
  }

  syntax::Issue& issue(std::size_t begin, std::size_t end, std::string message) {
    out_.issues.push_back({syntax::IssueKind::dsl_syntax,
                           source::Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)},
                           std::move(message), "", {}, {}});
    return out_.issues.back();
  }

  void string() {
    const std::size_t begin = pos_;
    std::size_t i = pos_ + 1;
    while (i < text_.size() && text_[i] != '"' && text_[i] != '\n') i += text_[i] == '\\' ? 2 : 1;
    if (i >= text_.size() || text_[i] != '"') {
      auto& e = issue(begin, begin + 1, "unterminated string");
      e.label = "this string has no closing quote";
      e.help.push_back("add a closing \" on the same line; strings cannot span lines");
      const std::size_t end = std::min(i, text_.size());
      emit(TokenKind::string, begin, end);  // the parser still sees a value here
      pos_ = end;
      return;
    }
    emit(TokenKind::string, begin, i + 1);
    pos_ = i + 1;
  }

  void punctuation(char c) {
    const auto next = [&](char n) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == n; };
    TokenKind kind = TokenKind::invalid;
    std::size_t length = 1;
    switch (c) {
      case '{': kind = TokenKind::left_brace; break;
      case '}': kind = TokenKind::right_brace; break;
      case '[': kind = TokenKind::left_bracket; break;
      case ']': kind = TokenKind::right_bracket; break;
      case '=': kind = TokenKind::equals; break;
      case ',': kind = TokenKind::comma; break;
      case ';': kind = TokenKind::semicolon; break;
      case '-':
        if (next('>')) kind = TokenKind::arrow, length = 2;
        break;
      case '<':
        kind = next('=') ? TokenKind::less_equal : TokenKind::less;
        length = next('=') ? 2 : 1;
        break;
      case '>':
        kind = next('=') ? TokenKind::greater_equal : TokenKind::greater;
        length = next('=') ? 2 : 1;
        break;
      default: break;
    }
    if (kind == TokenKind::invalid) {
      const std::size_t width = std::max<std::size_t>(1, util::utf8_sequence_length(text_, pos_));
      auto& e = issue(pos_, pos_ + width, fmt::format("unexpected character {}", util::quote(text_.substr(pos_, width))));
      e.label = "not part of the language";
      if (c == '\'') e.help.push_back("strings are written in double quotes");
      if (c == '/' && next('/')) e.help.push_back("comments start with #");
      pos_ += width;
      return;
    }
    emit(kind, pos_, pos_ + length);
    pos_ += length;
  }

  std::string_view text_;
  source::FileId file_;
  std::size_t pos_ = 0;
  Lexed out_;
};

}  // namespace

Lexed lex(const source::SourceSet& sources, source::FileId file) { return Lexer(sources, file).run(); }

}  // namespace pipec::dsl
