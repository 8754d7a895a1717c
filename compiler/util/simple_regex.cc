#include "util/simple_regex.h"

#include <algorithm>
#include <cctype>

namespace pipec::util {

namespace {

using Part = SimpleRegex::Part;
using Sequence = SimpleRegex::Sequence;

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_plain_escape(char e) { return !is_alnum(e) && static_cast<unsigned char>(e) < 0x80; }

// \d, \w, \s and their complements, as std::regex reads them in the "C" locale.
bool class_escape(char e, std::bitset<256>& out) {
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(e)));
  if (lower != 'd' && lower != 'w' && lower != 's') return false;
  std::bitset<256> set;
  for (int b = 0; b < 128; ++b) {
    const char c = static_cast<char>(b);
    if ((lower == 'd' && c >= '0' && c <= '9') || (lower == 'w' && (is_alnum(c) || c == '_')) ||
        (lower == 's' && (c == ' ' || (c >= '\t' && c <= '\r')))) {
      set.set(static_cast<std::size_t>(b));
    }
  }
  out |= e == lower ? set : ~set;
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p), end_(p.size()) {}

  bool ok = true;

  // Parts up to ")" or "|" or the end, at group depth `depth`.
  Sequence sequence(int depth) {
    Sequence out;
    while (ok && i_ < end_ && p_[i_] != ')' && p_[i_] != '|') {
      Part part;
      if (!element(part, depth)) {
        ok = false;
        break;
      }
      count(part);
      out.push_back(std::move(part));
    }
    return out;
  }

  bool at_end() const { return i_ >= end_; }
  void skip(std::size_t n) { i_ += n; }

 private:
  bool element(Part& part, int depth) {
    const char c = p_[i_];
    if (c == '.') {
      part.bytes.set();
      part.bytes.reset('\n');
      part.bytes.reset('\r');
      ++i_;
      return true;
    }
    if (c == '[') return bracket(part);
    if (c == '(') {
      if (depth >= 8) return false;
      ++i_;
      if (p_.substr(i_, 2) == "?:") {
        i_ += 2;
      } else if (i_ < end_ && p_[i_] == '?') {
        return false;  // lookahead and its kin
      }
      for (;;) {
        part.alternatives.push_back(sequence(depth + 1));
        if (!ok || i_ >= end_) return false;
        if (p_[i_] == ')') break;
        ++i_;  // "|"
      }
      ++i_;
      return true;
    }
    if (c == '\\') {
      if (i_ + 1 >= end_) return false;
      const char e = p_[i_ + 1];
      i_ += 2;
      if (class_escape(e, part.bytes)) return true;
      if (!is_plain_escape(e)) return false;  // \b, \n, \1, …
      part.bytes.set(static_cast<unsigned char>(e));
      return true;
    }
    if (std::string_view("^$*+?{}]").find(c) != std::string_view::npos) return false;
    part.bytes.set(static_cast<unsigned char>(c));
    ++i_;
    return true;
  }

  bool bracket(Part& part) {
    ++i_;
    const bool negate = i_ < end_ && p_[i_] == '^';
    if (negate) ++i_;
    if (i_ >= end_ || p_[i_] == ']') return false;  // "[]" and "[^]"
    while (i_ < end_ && p_[i_] != ']') {
      // One element: a byte, or a class escape (which cannot start a range).
      char low = 0;
      if (p_[i_] == '\\') {
        if (i_ + 1 >= end_) return false;
        const char e = p_[i_ + 1];
        i_ += 2;
        if (class_escape(e, part.bytes)) {
          if (i_ + 1 < end_ && p_[i_] == '-' && p_[i_ + 1] != ']') return false;
          continue;
        }
        if (!is_plain_escape(e)) return false;
        low = e;
      } else if (p_[i_] == '[') {
        return false;  // "[:alpha:]" and its kin
      } else {
        low = p_[i_++];
      }
      if (i_ + 1 < end_ && p_[i_] == '-' && p_[i_ + 1] != ']') {
        char high = 0;
        if (p_[i_ + 1] == '\\') {
          if (i_ + 2 >= end_ || !is_plain_escape(p_[i_ + 2])) return false;
          high = p_[i_ + 2];
          i_ += 3;
        } else if (p_[i_ + 1] == '[') {
          return false;
        } else {
          high = p_[i_ + 1];
          i_ += 2;
        }
        const auto lo = static_cast<unsigned char>(low), hi = static_cast<unsigned char>(high);
        if (lo > hi || hi >= 0x80) return false;
        for (unsigned b = lo; b <= hi; ++b) part.bytes.set(b);
        continue;
      }
      part.bytes.set(static_cast<unsigned char>(low));
    }
    if (i_ >= end_) return false;
    ++i_;  // "]"
    if (negate) part.bytes.flip();
    return true;
  }

  // "*", "+", "?", "{m}", "{m,}" or "{m,n}" after a part, if there.
  void count(Part& part) {
    if (!ok || i_ >= end_) return;
    const char q = p_[i_];
    if (q == '*' || q == '+' || q == '?') {
      part.min = q == '+' ? 1 : 0;
      part.max = q == '?' ? 1 : SimpleRegex::kUnbounded;
      ++i_;
    } else if (q == '{') {
      std::size_t j = i_ + 1;
      const auto number = [&](std::uint32_t& value) {
        const std::size_t from = j;
        value = 0;
        while (j < end_ && p_[j] >= '0' && p_[j] <= '9' && j - from < 6) {
          value = value * 10 + static_cast<std::uint32_t>(p_[j++] - '0');
        }
        return j > from && (j >= end_ || p_[j] < '0' || p_[j] > '9');
      };
      if (!number(part.min)) {
        ok = false;
        return;
      }
      part.max = part.min;
      if (j < end_ && p_[j] == ',') {
        ++j;
        part.max = SimpleRegex::kUnbounded;
        if (j < end_ && p_[j] != '}' && !number(part.max)) {
          ok = false;
          return;
        }
      }
      if (j >= end_ || p_[j] != '}' || part.max < part.min) {
        ok = false;
        return;
      }
      i_ = j + 1;
    }
    if (i_ < end_ && std::string_view("*+?{").find(p_[i_]) != std::string_view::npos) ok = false;  // lazy, or twice
  }

  std::string_view p_;
  std::size_t end_;
  std::size_t i_ = 0;
};

// Carries the set of positions each part of the pattern can end at, from
// those it starts at, part after part. What a set is (`Sets::Set`) and how a
// byte class moves one are its `Sets`: one word for short texts, a table
// for the rest; the parts, groups and counts are walked the same way.
template <typename Sets>
class Runner {
 public:
  using Set = typename Sets::Set;

  explicit Runner(std::string_view text) : sets_(text) {}

  Set sequence(const Sequence& parts, Set at) {
    for (const Part& part : parts) {
      at = counted(part, at);
      if (sets_.empty(at)) break;
    }
    return at;
  }

 private:
  Set counted(const Part& part, const Set& from) {
    if (part.alternatives.empty()) return sets_.bytes(part, from);
    // A group: applied `min` times, then each further time while that adds
    // positions, up to `max`.
    Set at = from;
    for (std::uint32_t k = 0; k < part.min; ++k) at = once(part, at);
    Set all = at;
    for (std::uint32_t k = part.min; k < part.max; ++k) {
      at = once(part, at);
      if (!sets_.join(all, at)) break;  // nothing new: no further time adds any
    }
    return all;
  }

  Set once(const Part& group, const Set& from) {
    Set out = sets_.none();
    for (const Sequence& alternative : group.alternatives) sets_.join(out, sequence(alternative, from));
    return out;
  }

  Sets sets_;
};

// Sets as the bits of one word (bit p: position p), for texts of fewer than
// 64 bytes, nearly every value a schema pattern is asked about: nothing is
// allocated, and a step is a few operations.
class WordSets {
 public:
  using Set = std::uint64_t;
  static constexpr std::size_t kLongest = 63;  ///< positions 0 to 63

  explicit WordSets(std::string_view text) : text_(text) {}

  static Set none() { return 0; }
  static bool empty(Set s) { return s == 0; }
  /// Adds `more` to `into`; whether that added any position.
  static bool join(Set& into, Set more) {
    const bool added = (more & ~into) != 0;
    into |= more;
    return added;
  }

  // A byte class taken min to max times: each time, every position whose
  // byte it holds moves on by one; a run ends within the text, so this
  // stops by the 64th time.
  Set bytes(const Part& part, Set from) const {
    Set in_class = 0;
    for (std::size_t p = 0; p < text_.size(); ++p) {
      if (part.bytes.test(static_cast<unsigned char>(text_[p]))) in_class |= Set{1} << p;
    }
    Set out = part.min == 0 ? from : 0;
    Set step = from;
    for (std::uint64_t k = 1; k <= part.max; ++k) {
      step = (step & in_class) << 1;
      if (step == 0) break;
      if (k >= part.min) out |= step;
    }
    return out;
  }

 private:
  std::string_view text_;
};

// Sets as a table of one flag per position, for longer texts.
class TableSets {
 public:
  using Set = std::vector<char>;

  explicit TableSets(std::string_view text) : text_(text), n_(text.size()) {}

  Set none() const { return Set(n_ + 1, 0); }
  static bool empty(const Set& s) { return std::none_of(s.begin(), s.end(), [](char c) { return c != 0; }); }
  /// Adds `more` to `into`; whether that added any position.
  bool join(Set& into, const Set& more) const {
    bool added = false;
    for (std::size_t p = 0; p <= n_; ++p) {
      if (more[p] != 0 && into[p] == 0) {
        into[p] = 1;
        added = true;
      }
    }
    return added;
  }

  // A byte class taken min to max times: from each start, the run of bytes
  // it takes bounds where it can end (marked as ranges, then summed). The
  // two tables are reused by every part (a schema's pattern is searched in
  // thousands of values a run).
  Set bytes(const Part& part, const Set& from) {
    run_.assign(n_ + 1, 0);
    for (std::size_t p = n_; p-- > 0;) {
      run_[p] = part.bytes.test(static_cast<unsigned char>(text_[p])) ? run_[p + 1] + 1 : 0;
    }
    marks_.assign(n_ + 2, 0);
    for (std::size_t p = 0; p <= n_; ++p) {
      if (from[p] == 0 || run_[p] < part.min) continue;
      const std::size_t last = p + std::min<std::uint64_t>(part.max, run_[p]);
      ++marks_[p + part.min];
      --marks_[last + 1];
    }
    Set out(n_ + 1, 0);
    int open = 0;
    for (std::size_t p = 0; p <= n_; ++p) {
      open += marks_[p];
      out[p] = open > 0 ? 1 : 0;
    }
    return out;
  }

 private:
  std::string_view text_;
  std::size_t n_;
  std::vector<std::uint32_t> run_;
  std::vector<int> marks_;
};

// The byte a class holds when it holds exactly one.
std::optional<char> single_byte(const std::bitset<256>& bytes) {
  if (bytes.count() != 1) return std::nullopt;
  for (std::size_t b = 0; b < 256; ++b) {
    if (bytes.test(b)) return static_cast<char>(b);
  }
  return std::nullopt;
}

}  // namespace

SimpleRegex::Shape SimpleRegex::shape_of(const Sequence& parts, bool anchored_both, std::string& literal) {
  const auto plain = [](const Part& p) { return p.alternatives.empty(); };
  if (anchored_both && parts.size() == 1 && plain(parts.front())) return Shape::one_class;
  std::string bytes;
  for (const Part& part : parts) {
    const auto byte = single_byte(part.bytes);
    if (!plain(part) || part.min != 1 || part.max != 1 || !byte) return Shape::general;
    bytes.push_back(*byte);
  }
  literal = std::move(bytes);
  return Shape::literal;
}

std::optional<SimpleRegex> SimpleRegex::parse(std::string_view p) {
  SimpleRegex out;
  std::size_t begin = 0;
  std::size_t end = p.size();
  if (begin < end && p[begin] == '^') {
    out.anchored_start_ = true;
    ++begin;
  }
  if (end > begin && p[end - 1] == '$') {
    std::size_t slashes = 0;
    while (end - 1 - slashes > begin && p[end - 2 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) {
      out.anchored_end_ = true;
      --end;
    }
  }
  Parser parser(p.substr(0, end));
  parser.skip(begin);
  out.parts_ = parser.sequence(0);
  if (!parser.ok || !parser.at_end()) return std::nullopt;  // ")" or "|" outside a group
  out.shape_ = shape_of(out.parts_, out.anchored_start_ && out.anchored_end_, out.literal_);
  return out;
}

bool SimpleRegex::search(std::string_view text) const {
  const std::size_t n = text.size();
  if (shape_ == Shape::one_class) {
    const Part& part = parts_.front();
    if (n < part.min || n > part.max) return false;
    return std::all_of(text.begin(), text.end(), [&](char c) { return part.bytes.test(static_cast<unsigned char>(c)); });
  }
  if (shape_ == Shape::literal) {
    if (anchored_start_ && anchored_end_) return text == literal_;
    if (anchored_start_) return text.starts_with(literal_);
    if (anchored_end_) return text.ends_with(literal_);
    return text.find(literal_) != std::string_view::npos;
  }
  if (n <= WordSets::kLongest) {
    const WordSets::Set every = n == 63 ? ~WordSets::Set{0} : (WordSets::Set{1} << (n + 1)) - 1;
    const WordSets::Set end = Runner<WordSets>(text).sequence(parts_, anchored_start_ ? 1 : every);
    return anchored_end_ ? ((end >> n) & 1) != 0 : end != 0;
  }
  TableSets::Set start(n + 1, anchored_start_ ? 0 : 1);
  start[0] = 1;
  const TableSets::Set end = Runner<TableSets>(text).sequence(parts_, std::move(start));
  if (anchored_end_) return end[n] != 0;
  return std::any_of(end.begin(), end.end(), [](char c) { return c != 0; });
}

}  // namespace pipec::util
