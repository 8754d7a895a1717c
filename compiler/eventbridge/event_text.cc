#include "eventbridge/event_text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include "eventbridge/number.h"
#include "syntax/json/json_reader.h"
#include "syntax/json/json_text.h"
#include "util/byte_scan.h"

namespace pipec::eventbridge {

namespace {

// The strict reader's depth limit: a container deeper than this makes it
// give up, so it makes us give up too.
constexpr int kMaxEventDepth = static_cast<int>(syntax::JsonOptions{}.max_depth);

// The bytes the strict reader takes into a number before checking it.
constexpr std::array<bool, 256> kNumberByte = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view("0123456789+-.eE")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

std::uint64_t load8(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;

// How many of the eight bytes at `p` lead with digits (8 when all are).
// With the '0' bits cleared, a digit is a byte below 10: its high nibble
// is clear, and adding 6 leaves it clear. The first byte that is not a
// digit sets a bit there; a carry out of a byte comes only from a byte
// that is already not a digit, and so lands beyond the first.
unsigned leading_digits(const unsigned char* p) {
  const std::uint64_t x = load8(p) ^ (kOnes * 0x30);
  const std::uint64_t not_digit = (x | (x + kOnes * 0x06)) & (kOnes * 0xF0);
  return not_digit == 0 ? 8 : static_cast<unsigned>(std::countr_zero(not_digit)) / 8;
}

// Bytes above the space are never JSON whitespace: one comparison for the
// commonest answer.
bool is_space(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

// One event's text, read as the strict reader reads it; a member whose key
// no pattern reads is only checked, never decoded or recorded.
class TextFlattener {
 public:
  TextFlattener(std::string_view text, const PathTrie& trie, FlatEvent& out, bool unique_keys)
      : text_(text), pos_(0), trie_(trie), out_(out), unique_keys_(unique_keys), scratch_(out.text_scratch_),
        stack_(out.text_stack_), keys_(out.text_keys_) {
    stack_.clear();
    keys_.clear();
  }

  bool run() {
    skip_space();
    if (at_end() || text_[pos_] != '{') return false;
    if (!container(PathTrie::kRoot, 1)) return false;
    skip_space();
    return at_end();
  }

 private:
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  // A string literal at pos_ (on its opening quote). With `decoded`, its
  // contents: a view into the text when it has no escapes, else a decoded
  // copy (in out_'s pool when `keep`, else in a scratch string).
  bool string(std::string_view* decoded, bool keep, bool* had_escapes = nullptr) {
    const std::size_t begin = pos_;
    std::size_t i = pos_ + 1;
    bool escaped = false;
    for (;;) {
      // The end of the plain run: the closing quote, a backslash, or a raw
      // control character.
      i = util::find_first<0x20, '"', '\\'>(text_, i);
      if (i >= text_.size()) return false;
      const char c = text_[i];
      if (c == '"') break;
      if (c != '\\') return false;  // a raw control character
      escaped = true;
      i += 2;  // as the strict reader: the escape is checked when decoded
    }
    pos_ = i + 1;
    if (had_escapes != nullptr) *had_escapes = escaped;
    if (!escaped) {
      if (decoded != nullptr) *decoded = text_.substr(begin + 1, i - begin - 1);
      return true;
    }
    std::string* target = &scratch_;
    if (keep) {
      if (out_.decoded_used_ == out_.decoded_.size()) out_.decoded_.emplace_back();
      target = &out_.decoded_[out_.decoded_used_++];
    }
    target->clear();
    problems_.clear();
    syntax::json::decode(text_, static_cast<std::uint32_t>(begin + 1), static_cast<std::uint32_t>(i), *target,
                         nullptr, &problems_);
    if (!problems_.empty()) return false;
    if (decoded != nullptr) *decoded = *target;
    return true;
  }

  // A number at pos_, taken as the strict reader takes it: the longest run
  // of the bytes a number can hold, which must be a JSON number
  // (syntax::json::strict_json_number, checked here in the same pass).
  bool number(std::string_view& text) {
    const std::size_t size = text_.size();
    const char* t = text_.data();
    std::size_t i = pos_;
    const auto digits = [&] {
      const std::size_t from = i;
      for (;;) {
        // leading_digits() counts from the word's low byte, which is the
        // first byte in memory only on a little-endian machine.
        if (std::endian::native != std::endian::little || i + 8 > size) {
          while (i < size && t[i] >= '0' && t[i] <= '9') ++i;
          break;
        }
        const unsigned n = leading_digits(reinterpret_cast<const unsigned char*>(t) + i);
        i += n;
        if (n < 8) break;
      }
      return i > from;
    };
    if (t[i] == '-') ++i;
    if (i < size && t[i] == '0') {
      ++i;
    } else if (!digits()) {
      return false;
    }
    if (i < size && t[i] == '.') {
      ++i;
      if (!digits()) return false;
    }
    if (i < size && (t[i] == 'e' || t[i] == 'E')) {
      ++i;
      if (i < size && (t[i] == '+' || t[i] == '-')) ++i;
      if (!digits()) return false;
    }
    // A longer run ("01", "1.2.3", "1e5e") is no JSON number.
    if (i < size && kNumberByte[static_cast<unsigned char>(t[i])]) return false;
    text = text_.substr(pos_, i - pos_);
    pos_ = i;
    return true;
  }

  // true, false or null at pos_ (on its first letter), not followed by a
  // letter or digit.
  bool word(std::string_view w) {
    if (text_.size() - pos_ < w.size()) return false;
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (text_[pos_ + k] != w[k]) return false;
    }
    const std::size_t after = pos_ + w.size();
    if (after < text_.size() && is_alnum(text_[after])) return false;
    pos_ = after;
    return true;
  }

  // The object or array at pos_ (on its bracket), whose values sit at
  // `at` (kNone: nothing below is read), `depth` levels down.
  bool container(PathTrie::NodeId at, int depth) {
    if (depth > kMaxEventDepth) return false;
    const bool object = text_[pos_] == '{';
    const char close = object ? '}' : ']';
    // An array on a read path is numbered, as flatten() numbers the arrays it
    // visits, and its elements that are containers give membership.
    const bool counted = !object && at != PathTrie::kNone;
    const std::size_t keys_begin = keys_.size();
    const std::uint32_t array_id = counted ? arrays_++ : 0;
    ++pos_;
    skip_space();
    if (!at_end() && text_[pos_] == close) {
      ++pos_;
      return true;
    }
    std::uint32_t index = 0;
    for (;;) {
      PathTrie::NodeId next = at;
      if (object) {
        // (Below a key no pattern reads, only a caller that wants unique
        // keys comes here: skip() takes the rest.)
        std::string_view key;
        bool escaped = false;
        if (at_end() || text_[pos_] != '"' || !string(&key, false, &escaped)) return false;
        if (unique_keys_) {
          if (escaped) return false;  // see unique_keys
          keys_.push_back(key);
        }
        if (at != PathTrie::kNone) next = trie_.child(at, key);
        if (!colon()) return false;
      }
      if (at_end()) return false;
      const char c = text_[pos_];
      if (next == PathTrie::kNone && !unique_keys_) {
        if (!skip(depth)) return false;
      } else if (counted && (c == '{' || c == '[')) {
        stack_.emplace_back(array_id, index);
        ++version_;
        if (!container(next, depth + 1)) return false;
        stack_.pop_back();
        ++version_;
      } else if (!value(next, depth)) {
        return false;
      }
      ++index;
      const After after = after_item(close);
      if (after == After::more) continue;
      return after == After::closed && (!object || !unique_keys_ || unique_keys(keys_begin));
    }
  }

  // After a key: past the spaces, the colon and the spaces before the value.
  bool colon() {
    skip_space();
    if (at_end() || text_[pos_] != ':') return false;
    ++pos_;
    skip_space();
    return true;
  }

  // What follows a member or an element: a comma and the next one (passed
  // over, with the spaces around it), the container's closing bracket
  // (passed over), or anything else.
  enum class After { more, closed, bad };
  After after_item(char close) {
    skip_space();
    if (at_end()) return After::bad;
    if (text_[pos_] == ',') {
      ++pos_;
      skip_space();
      return After::more;
    }
    if (text_[pos_] != close) return After::bad;
    ++pos_;
    return After::closed;
  }

  // Whether the keys of the object read since `begin` are all different
  // (and drops them). A repeated key is warned about by the reader, so it is
  // the reader's to read; so is an escaped key, which could repeat another
  // key written without escapes.
  bool unique_keys(std::size_t begin) {
    const auto first = keys_.begin() + static_cast<std::ptrdiff_t>(begin);
    bool unique = true;
    if (keys_.size() - begin <= 16) {
      for (auto i = first; i != keys_.end() && unique; ++i) unique = std::find(first, i, *i) == i;
    } else {
      std::sort(first, keys_.end());
      unique = std::adjacent_find(first, keys_.end()) == keys_.end();
    }
    keys_.erase(first, keys_.end());
    return unique;
  }

  // A value no pattern reads, inside a container `depth` levels down, with
  // keys of any kind: only checked, as value() and container() check it,
  // without their bookkeeping (most of an event's bytes are in such values).
  bool skip(int depth) {
    const char c = text_[pos_];
    if (c == '"') return string(nullptr, false);
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::string_view unused;
      return number(unused);
    }
    if (c != '{' && c != '[') return c == 't' ? word("true") : c == 'f' ? word("false") : c == 'n' && word("null");
    if (depth + 1 > kMaxEventDepth) return false;
    const bool object = c == '{';
    const char close = object ? '}' : ']';
    ++pos_;
    skip_space();
    if (!at_end() && text_[pos_] == close) {
      ++pos_;
      return true;
    }
    for (;;) {
      if (object) {
        if (at_end() || text_[pos_] != '"' || !string(nullptr, false) || !colon()) return false;
      }
      if (at_end() || !skip(depth + 1)) return false;
      const After after = after_item(close);
      if (after != After::more) return after == After::closed;
    }
  }

  // The value at pos_, inside a container `depth` levels down.
  bool value(PathTrie::NodeId at, int depth) {
    const char c = text_[pos_];
    if (c == '{' || c == '[') return container(at, depth + 1);
    // A leaf no pattern reads is only checked, as skip() checks one.
    if (at == PathTrie::kNone || !trie_.read(at)) return skip(depth);
    FlatField f;
    if (c == '"') {
      f.value.kind = ValueKind::string;
      if (!string(&f.value.text, true)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::string_view text;
      if (!number(text)) return false;
      f.value.kind = ValueKind::number;
      f.value.text = text;
      f.value.number = comparable_number(text);
    } else if (c == 't' && word("true")) {
      f.value.kind = ValueKind::literal;
      f.value.text = "true";
    } else if (c == 'f' && word("false")) {
      f.value.kind = ValueKind::literal;
      f.value.text = "false";
    } else if (c == 'n' && word("null")) {
      f.value.kind = ValueKind::literal;
      f.value.text = "null";
    } else {
      return false;
    }
    f.path = at;
    f.order = static_cast<std::uint32_t>(out_.fields_.size());
    if (!stack_.empty()) {
      if (copied_version_ != version_) {
        copied_begin_ = static_cast<std::uint32_t>(out_.memberships_.size());
        out_.memberships_.insert(out_.memberships_.end(), stack_.begin(), stack_.end());
        copied_version_ = version_;
      }
      f.value.membership_begin = copied_begin_;
      f.value.membership_end = copied_begin_ + static_cast<std::uint32_t>(stack_.size());
    }
    out_.fields_.push_back(f);
    return true;
  }

  std::string_view text_;
  std::size_t pos_;
  const PathTrie& trie_;
  FlatEvent& out_;
  const bool unique_keys_;
  std::string& scratch_;
  std::vector<syntax::json::DecodeProblem> problems_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& stack_;
  std::vector<std::string_view>& keys_;  ///< of the objects open, in order
  std::uint32_t arrays_ = 0;
  std::uint64_t version_ = 0, copied_version_ = UINT64_MAX;
  std::uint32_t copied_begin_ = 0;
};

bool flatten_text(std::string_view json, const PathTrie& trie, FlatEvent& out, TextKeys keys) {
  out.fields_.clear();
  out.memberships_.clear();
  out.decoded_used_ = 0;
  out.object_ = true;
  if (!TextFlattener(json, trie, out, keys == TextKeys::unique).run()) return false;
  std::sort(out.fields_.begin(), out.fields_.end(), [](const FlatField& a, const FlatField& b) {
    return a.path != b.path ? a.path < b.path : a.order < b.order;
  });
  return true;
}

}  // namespace pipec::eventbridge
