#include "syntax/json/json_strict_reader.h"

#include <vector>

#include "syntax/json/json_text.h"
#include "syntax/pending_children.h"
#include "util/byte_scan.h"

namespace pipec::syntax::json {

namespace {

class StrictReader {
 public:
  StrictReader(std::string_view text, source::FileId file, const JsonOptions& options)
      : text_(text), file_(file), options_(options), result_{Document(file), {}} {
    // About one value per 25 bytes of indented JSON (790 in a 20 KB
    // pipeline, of which 679 members and 110 items): room made once rather
    // than moved each time an arena doubles.
    result_.document.reserve(text.size() / 24, text.size() / 28, text.size() / 150);
  }

  std::optional<JsonResult> run() {
    skip_space();
    if (at_end()) return std::nullopt;  // empty: the full reader says so
    for (;;) {
      if (!value()) return std::nullopt;
      // After a value: close containers, or move to the next member or item.
      for (;;) {
        skip_space();
        if (frames_.empty()) {
          if (!at_end()) return std::nullopt;
          return std::move(result_);
        }
        Frame& top = frames_.back();
        if (at_end()) return std::nullopt;
        const char c = text_[pos_];
        if (c == ',') {
          ++pos_;
          skip_space();
          if (top.object && !key()) return std::nullopt;
          break;  // the next value
        }
        if (c == (top.object ? '}' : ']')) {
          ++pos_;
          close();
          continue;
        }
        return std::nullopt;
      }
    }
  }

 private:
  struct Frame {
    NodeId node;
    bool object;
    PendingChildren::Mark children;  // where its members or items start on pending_
    bool has_key = false;  // this container is the value of a member
    DocumentText key;
    source::Span key_span;
    // The key read for the next member of this object.
    DocumentText next_key;
    source::Span next_key_span;
  };

  bool at_end() const { return pos_ >= text_.size(); }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ') {
        pos_ = util::skip_run(text_, pos_, ' ');  // indentation, mostly
        continue;
      }
      if (c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  // Reads a string literal at pos_; false if it is not strictly valid.
  bool literal(DocumentText& out, source::Span& span) {
    const auto begin = static_cast<std::uint32_t>(pos_);
    std::size_t i = pos_ + 1;
    bool plain = true;
    for (;;) {
      i = util::find_first<0x20, '"', '\\'>(text_, i);
      if (i >= text_.size() || text_[i] == '"') break;
      if (text_[i] != '\\') return false;  // a control byte
      plain = false;
      i += 2;
    }
    if (i >= text_.size()) return false;
    const auto end = static_cast<std::uint32_t>(i);
    if (plain) {
      out = result_.document.keep(text_.substr(begin + 1, end - begin - 1));
    } else {
      std::vector<DecodeProblem> problems;
      decoded_.clear();
      decode(text_, begin + 1, end, decoded_, nullptr, &problems);
      if (!problems.empty()) return false;
      out = result_.document.keep(decoded_);
    }
    span = source::Span{file_, begin, end + 1};
    pos_ = i + 1;
    return true;
  }

  bool key() {
    if (at_end() || text_[pos_] != '"') return false;
    Frame& top = frames_.back();
    if (!literal(top.next_key, top.next_key_span)) return false;
    skip_space();
    if (at_end() || text_[pos_] != ':') return false;
    ++pos_;
    skip_space();
    return true;
  }

  void add(NodeId id) {
    if (frames_.empty()) {
      result_.document.set_root(id);
      return;
    }
    Frame& top = frames_.back();
    if (top.object) {
      pending_.add_member(Member{top.next_key, top.next_key_span, id});
    } else {
      pending_.add_item(id);
    }
  }

  // Reads one value at pos_: a scalar is added at once, a container opens a
  // frame (and is added when it closes).
  bool value() {
    if (at_end()) return false;
    const char c = text_[pos_];
    Node node;
    const auto begin = static_cast<std::uint32_t>(pos_);
    if (c == '{' || c == '[') {
      if (frames_.size() + 1 > options_.max_depth) return false;
      node.kind = c == '{' ? NodeKind::object : NodeKind::array;
      node.span = source::Span{file_, begin, begin};
      Frame frame{result_.document.add(std::move(node)), c == '{', pending_.mark(), false, {}, {}, {}, {}};
      if (!frames_.empty() && frames_.back().object) {
        frame.has_key = true;
        frame.key = frames_.back().next_key;
        frame.key_span = frames_.back().next_key_span;
      }
      frames_.push_back(std::move(frame));
      ++pos_;
      skip_space();
      if (!at_end() && text_[pos_] == (c == '{' ? '}' : ']')) return true;  // empty: closed by run()
      if (c == '{') return key() && value();
      return value();
    }
    if (c == '"') {
      node.kind = NodeKind::string;
      if (!literal(node.text, node.span)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t i = pos_;
      while (i < text_.size() && std::string_view("0123456789+-.eE").find(text_[i]) != std::string_view::npos) ++i;
      const std::string_view number = text_.substr(pos_, i - pos_);
      if (!strict_json_number(number)) return false;
      node.kind = NodeKind::number;
      node.text = result_.document.keep(number);
      node.span = source::Span{file_, begin, static_cast<std::uint32_t>(i)};
      pos_ = i;
    } else {
      const auto word = [&](std::string_view w) {
        if (text_.substr(pos_, w.size()) != w) return false;
        const std::size_t after = pos_ + w.size();
        return after == text_.size() || !std::isalnum(static_cast<unsigned char>(text_[after]));
      };
      if (word("true") || word("false")) {
        node.kind = NodeKind::boolean;
        node.boolean = c == 't';
      } else if (word("null")) {
        node.kind = NodeKind::null;
      } else {
        return false;
      }
      const std::size_t length = c == 'f' ? 5 : 4;
      node.span = source::Span{file_, begin, static_cast<std::uint32_t>(pos_ + length)};
      pos_ += length;
    }
    add(result_.document.add(std::move(node)));
    return true;
  }

  void close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    result_.document.mutable_node(frame.node).span.end = static_cast<std::uint32_t>(pos_);
    if (frame.object) {
      for (auto& issue : duplicate_key_issues(pending_.members(frame.children))) result_.issues.push_back(std::move(issue));
      pending_.close_object(result_.document, frame.node, frame.children);
    } else {
      pending_.close_array(result_.document, frame.node, frame.children);
    }
    if (frames_.empty()) {
      result_.document.set_root(frame.node);
    } else if (frames_.back().object) {
      pending_.add_member(Member{frame.key, frame.key_span, frame.node});
    } else {
      pending_.add_item(frame.node);
    }
  }

  std::string_view text_;
  source::FileId file_;
  const JsonOptions& options_;
  JsonResult result_;
  std::vector<Frame> frames_;
  PendingChildren pending_;
  std::size_t pos_ = 0;
  std::string decoded_;  // a string with escapes, decoded before the document keeps it
};

}  // namespace

std::optional<JsonResult> read_strict(const source::SourceSet& sources, source::FileId file, const JsonOptions& options) {
  return StrictReader(sources.file(file).text(), file, options).run();
}

}  // namespace pipec::syntax::json
