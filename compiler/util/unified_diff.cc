#include "util/unified_diff.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <unordered_map>

namespace pipec::util {

namespace {

using Index = std::ptrdiff_t;

// Lines as numbers, so the diff compares integers. A last line without a
// newline gets a number of its own: it differs from the same text with one.
class Interner {
 public:
  std::vector<int> number(const std::vector<std::string_view>& lines, bool last_ends) {
    std::vector<int> out;
    out.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto& table = (i + 1 == lines.size() && !last_ends) ? unterminated_ : lines_;
      const auto [it, added] = table.emplace(lines[i], next_);
      if (added) ++next_;
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, int> lines_;
  std::unordered_map<std::string_view, int> unterminated_;
  int next_ = 0;
};

// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986), with
// the linear-space refinement of its section 4b: find the middle snake of a
// shortest edit script, then solve the two halves around it. Memory stays
// O(N + M) whatever the number of differences.
class Myers {
 public:
  Myers(const std::vector<int>& a, const std::vector<int>& b)
      : a_(a), b_(b), removed_(a.size(), false), inserted_(b.size(), false),
        offset_(static_cast<Index>(a.size() + b.size()) + 1),
        forward_(static_cast<std::size_t>(2 * offset_ + 1), 0), backward_(forward_.size(), 0) {}

  void run() { compare(0, static_cast<Index>(a_.size()), 0, static_cast<Index>(b_.size())); }
  [[nodiscard]] const std::vector<bool>& removed() const { return removed_; }
  [[nodiscard]] const std::vector<bool>& inserted() const { return inserted_; }

 private:
  struct Snake {
    Index x0, y0, x1, y1;  // from (x0, y0) to (x1, y1), all kept lines
  };

  Index& f(Index k) { return forward_[static_cast<std::size_t>(k + offset_)]; }
  Index& r(Index k) { return backward_[static_cast<std::size_t>(k + offset_)]; }

  void compare(Index a_lo, Index a_hi, Index b_lo, Index b_hi) {
    // A common head and tail are kept lines: trimmed, which also makes a
    // problem with one side empty the base case.
    while (a_lo < a_hi && b_lo < b_hi && a_[at(a_lo)] == b_[at(b_lo)]) ++a_lo, ++b_lo;
    while (a_lo < a_hi && b_lo < b_hi && a_[at(a_hi - 1)] == b_[at(b_hi - 1)]) --a_hi, --b_hi;
    if (a_lo == a_hi || b_lo == b_hi) {
      for (Index i = a_lo; i < a_hi; ++i) removed_[at(i)] = true;
      for (Index j = b_lo; j < b_hi; ++j) inserted_[at(j)] = true;
      return;
    }
    const auto snake = middle_snake(a_lo, a_hi, b_lo, b_hi);
    if (!snake) {
      // Not reached (a middle snake always exists); kept so that a mistake
      // here shows as a longer diff, never as a loop.
      for (Index i = a_lo; i < a_hi; ++i) removed_[at(i)] = true;
      for (Index j = b_lo; j < b_hi; ++j) inserted_[at(j)] = true;
      return;
    }
    // Both halves have fewer differences than the whole (the whole has at
    // least two here), so this ends, in O(log D) depth.
    compare(a_lo, snake->x0, b_lo, snake->y0);
    compare(snake->x1, a_hi, snake->y1, b_hi);
  }

  static std::size_t at(Index i) { return static_cast<std::size_t>(i); }

  // The paths from the start (forward, f) and from the end (backward, r,
  // counting from the end) grow one difference at a time until they
  // overlap; the snake where they meet lies on a shortest edit script.
  // Diagonal k is x − y forward; backward, diagonal k of the reversed
  // problem is diagonal delta − k forward.
  std::optional<Snake> middle_snake(Index a_lo, Index a_hi, Index b_lo, Index b_hi) {
    const Index n = a_hi - a_lo;
    const Index m = b_hi - b_lo;
    const Index delta = n - m;
    const bool odd = delta % 2 != 0;
    const Index max_d = (n + m + 1) / 2;
    f(1) = 0;
    r(1) = 0;
    for (Index d = 0; d <= max_d; ++d) {
      for (Index k = -d; k <= d; k += 2) {
        Index x = (k == -d || (k != d && f(k - 1) < f(k + 1))) ? f(k + 1) : f(k - 1) + 1;
        Index y = x - k;
        const Index x0 = x;
        const Index y0 = y;
        while (x < n && y < m && a_[at(a_lo + x)] == b_[at(b_lo + y)]) ++x, ++y;
        f(k) = x;
        const Index c = delta - k;  // the backward diagonal, drawn in the previous round
        if (odd && c >= -(d - 1) && c <= d - 1 && x + r(c) >= n) return Snake{a_lo + x0, b_lo + y0, a_lo + x, b_lo + y};
      }
      for (Index k = -d; k <= d; k += 2) {
        Index x = (k == -d || (k != d && r(k - 1) < r(k + 1))) ? r(k + 1) : r(k - 1) + 1;
        Index y = x - k;
        const Index x0 = x;
        const Index y0 = y;
        while (x < n && y < m && a_[at(a_hi - 1 - x)] == b_[at(b_hi - 1 - y)]) ++x, ++y;
        r(k) = x;
        const Index c = delta - k;  // the forward diagonal, drawn in this round
        if (!odd && c >= -d && c <= d && x + f(c) >= n) return Snake{a_hi - x, b_hi - y, a_hi - x0, b_hi - y0};
      }
    }
    return std::nullopt;
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  std::vector<bool> removed_;
  std::vector<bool> inserted_;
  Index offset_;
  std::vector<Index> forward_;
  std::vector<Index> backward_;
};

// Removals first, then insertions, then the next kept line: the order
// diff prints a change in, whichever way the search reached it.
std::vector<LineEdit> edit_script(const std::vector<int>& a, const std::vector<int>& b) {
  // A line found in only one of the texts is never kept: it is marked now
  // and left out of the search, as GNU diff does. Two unrelated files then
  // cost O(N + M) instead of O((N + M)²), and the script is still shortest.
  int ids = 0;
  for (const int id : a) ids = std::max(ids, id + 1);
  for (const int id : b) ids = std::max(ids, id + 1);
  std::vector<bool> in_a(static_cast<std::size_t>(ids), false);
  std::vector<bool> in_b(static_cast<std::size_t>(ids), false);
  for (const int id : a) in_a[static_cast<std::size_t>(id)] = true;
  for (const int id : b) in_b[static_cast<std::size_t>(id)] = true;
  std::vector<int> a_shared;
  std::vector<int> b_shared;
  std::vector<std::size_t> a_from;
  std::vector<std::size_t> b_from;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (in_b[static_cast<std::size_t>(a[i])]) a_shared.push_back(a[i]), a_from.push_back(i);
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (in_a[static_cast<std::size_t>(b[j])]) b_shared.push_back(b[j]), b_from.push_back(j);
  }
  Myers myers(a_shared, b_shared);
  myers.run();
  std::vector<bool> removed(a.size(), true);
  std::vector<bool> inserted(b.size(), true);
  for (std::size_t i = 0; i < a_from.size(); ++i) removed[a_from[i]] = myers.removed()[i];
  for (std::size_t j = 0; j < b_from.size(); ++j) inserted[b_from[j]] = myers.inserted()[j];

  std::vector<LineEdit> script;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && removed[i]) {
      script.push_back({LineEdit::Op::remove, i++, j});
    } else if (j < b.size() && inserted[j]) {
      script.push_back({LineEdit::Op::insert, i, j++});
    } else {
      script.push_back({LineEdit::Op::keep, i++, j++});
    }
  }
  return script;
}

// "3", "3,4", or for no lines the line before them: "0,0".
std::string range(std::size_t start, std::size_t count) {
  const std::size_t first = count == 0 ? start : start + 1;
  if (count == 1) return std::to_string(first);
  return std::to_string(first) + "," + std::to_string(count);
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text, bool* last_ends) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
  if (last_ends != nullptr) *last_ends = text.empty() || text.back() == '\n';
  return lines;
}

std::vector<LineEdit> diff_lines(const std::vector<std::string_view>& before, const std::vector<std::string_view>& after) {
  Interner interner;
  const auto a = interner.number(before, true);
  const auto b = interner.number(after, true);
  return edit_script(a, b);
}

std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_label,
                         std::string_view after_label, std::size_t context) {
  if (before == after) return {};
  bool before_ends = true;
  bool after_ends = true;
  const auto a = split_lines(before, &before_ends);
  const auto b = split_lines(after, &after_ends);

  // Number the two unterminated last lines apart from every other line
  // (diff_lines alone sees only the text).
  Interner interner;
  const auto a_numbers = interner.number(a, before_ends);
  const auto b_numbers = interner.number(b, after_ends);
  const auto script = edit_script(a_numbers, b_numbers);

  std::vector<std::size_t> changes;
  for (std::size_t s = 0; s < script.size(); ++s) {
    if (script[s].op != LineEdit::Op::keep) changes.push_back(s);
  }
  if (changes.empty()) return {};  // equal lines, unequal bytes cannot happen; kept for safety

  std::string out;
  out += "--- ";
  out += before_label;
  out += "\n+++ ";
  out += after_label;
  out += '\n';
  const auto line = [&](char sign, std::string_view text, bool unterminated) {
    out += sign;
    out += text;
    out += '\n';
    if (unterminated) out += "\\ No newline at end of file\n";
  };
  std::size_t c = 0;
  while (c < changes.size()) {
    // Changes at most 2 × context kept lines apart share a hunk.
    std::size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] - 1 <= 2 * context) ++last;
    const std::size_t begin = changes[c] >= context ? changes[c] - context : 0;
    const std::size_t end = std::min(script.size(), changes[last] + 1 + context);
    std::size_t a_count = 0;
    std::size_t b_count = 0;
    for (std::size_t s = begin; s < end; ++s) {
      if (script[s].op != LineEdit::Op::insert) ++a_count;
      if (script[s].op != LineEdit::Op::remove) ++b_count;
    }
    out += "@@ -" + range(script[begin].a, a_count) + " +" + range(script[begin].b, b_count) + " @@\n";
    for (std::size_t s = begin; s < end; ++s) {
      const LineEdit& e = script[s];
      const bool a_last = e.a + 1 == a.size() && !before_ends;
      const bool b_last = e.b + 1 == b.size() && !after_ends;
      switch (e.op) {
        case LineEdit::Op::keep: line(' ', a[e.a], a_last); break;
        case LineEdit::Op::remove: line('-', a[e.a], a_last); break;
        case LineEdit::Op::insert: line('+', b[e.b], b_last); break;
      }
    }
    c = last + 1;
  }
  return out;
}

}  // namespace pipec::util
