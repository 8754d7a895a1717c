#include "util/simple_regex.h"

#include <algorithm>
#include <cctype>

namespace pipec::util {

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// \d, \w, \s and their complements, as std::regex reads them in the "C" locale.
bool class_escape(char e, std::bitset<256>& out) {
  std::bitset<256> set;
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(e)));
  for (int b = 0; b < 128; ++b) {
    const char c = static_cast<char>(b);
    if ((lower == 'd' && c >= '0' && c <= '9') || (lower == 'w' && (is_alnum(c) || c == '_')) ||
        (lower == 's' && (c == ' ' || (c >= '\t' && c <= '\r')))) {
      set.set(static_cast<std::size_t>(b));
    }
  }
  if (lower != 'd' && lower != 'w' && lower != 's') return false;
  out |= e == lower ? set : ~set;
  return true;
}

}  // namespace

std::optional<SimpleRegex> SimpleRegex::parse(std::string_view p) {
  SimpleRegex out;
  std::size_t i = 0;
  std::size_t end = p.size();
  if (i < end && p[i] == '^') {
    out.anchored_start_ = true;
    ++i;
  }
  if (end > i && p[end - 1] == '$') {
    std::size_t slashes = 0;
    while (end - 1 - slashes > i && p[end - 2 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) {
      out.anchored_end_ = true;
      --end;
    }
  }
  while (i < end) {
    Atom atom;
    const char c = p[i];
    if (c == '.') {
      atom.bytes.set();
      atom.bytes.reset('\n');
      atom.bytes.reset('\r');
      ++i;
    } else if (c == '[') {
      ++i;
      const bool negate = i < end && p[i] == '^';
      if (negate) ++i;
      if (i >= end || p[i] == ']') return std::nullopt;  // "[]" and "[^]"
      while (i < end && p[i] != ']') {
        // One element: a byte, or a class escape (which cannot start a range).
        char low = 0;
        if (p[i] == '\\') {
          if (i + 1 >= end) return std::nullopt;
          const char e = p[i + 1];
          i += 2;
          if (class_escape(e, atom.bytes)) {
            if (i + 1 < end && p[i] == '-' && p[i + 1] != ']') return std::nullopt;
            continue;
          }
          if (is_alnum(e) || static_cast<unsigned char>(e) >= 0x80) return std::nullopt;
          low = e;
        } else if (p[i] == '[') {
          return std::nullopt;  // "[:alpha:]" and its kin
        } else {
          low = p[i++];
        }
        if (i + 1 < end && p[i] == '-' && p[i + 1] != ']') {
          char high = 0;
          if (p[i + 1] == '\\') {
            if (i + 2 >= end) return std::nullopt;
            high = p[i + 2];
            if (is_alnum(high) || static_cast<unsigned char>(high) >= 0x80) return std::nullopt;
            i += 3;
          } else if (p[i + 1] == '[') {
            return std::nullopt;
          } else {
            high = p[i + 1];
            i += 2;
          }
          const auto lo = static_cast<unsigned char>(low), hi = static_cast<unsigned char>(high);
          if (lo > hi || hi >= 0x80) return std::nullopt;
          for (unsigned b = lo; b <= hi; ++b) atom.bytes.set(b);
          continue;
        }
        atom.bytes.set(static_cast<unsigned char>(low));
      }
      if (i >= end) return std::nullopt;
      ++i;  // "]"
      if (negate) atom.bytes.flip();
    } else if (c == '\\') {
      if (i + 1 >= end) return std::nullopt;
      const char e = p[i + 1];
      i += 2;
      if (!class_escape(e, atom.bytes)) {
        if (is_alnum(e) || static_cast<unsigned char>(e) >= 0x80) return std::nullopt;  // \b, \n, \1, …
        atom.bytes.set(static_cast<unsigned char>(e));
      }
    } else if (std::string_view("()|^$*+?{}]").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      atom.bytes.set(static_cast<unsigned char>(c));
      ++i;
    }
    // Its count.
    if (i < end) {
      const char q = p[i];
      if (q == '*' || q == '+' || q == '?') {
        atom.min = q == '+' ? 1 : 0;
        atom.max = q == '?' ? 1 : kUnbounded;
        ++i;
      } else if (q == '{') {
        std::size_t j = i + 1;
        const auto number = [&](std::uint32_t& value) {
          const std::size_t from = j;
          value = 0;
          while (j < end && p[j] >= '0' && p[j] <= '9' && j - from < 6) value = value * 10 + static_cast<std::uint32_t>(p[j++] - '0');
          return j > from && (j >= end || p[j] < '0' || p[j] > '9');
        };
        if (!number(atom.min)) return std::nullopt;
        atom.max = atom.min;
        if (j < end && p[j] == ',') {
          ++j;
          atom.max = kUnbounded;
          if (j < end && p[j] != '}' && !number(atom.max)) return std::nullopt;
        }
        if (j >= end || p[j] != '}' || atom.max < atom.min) return std::nullopt;
        i = j + 1;
      }
      if (i < end && std::string_view("*+?{").find(p[i]) != std::string_view::npos) return std::nullopt;  // lazy, or twice
    }
    out.atoms_.push_back(atom);
  }
  return out;
}

bool SimpleRegex::search(std::string_view text) const {
  const std::size_t n = text.size();
  // The positions the atoms so far can end at, from the possible starts.
  std::vector<char> at(n + 1, anchored_start_ ? 0 : 1);
  at[0] = 1;
  std::vector<int> marks(n + 2);
  std::vector<std::uint32_t> run(n + 1);
  for (const Atom& atom : atoms_) {
    // run[p]: how many bytes from p the atom's class takes.
    run[n] = 0;
    for (std::size_t p = n; p-- > 0;) run[p] = atom.bytes.test(static_cast<unsigned char>(text[p])) ? run[p + 1] + 1 : 0;
    std::fill(marks.begin(), marks.end(), 0);
    bool any = false;
    for (std::size_t p = 0; p <= n; ++p) {
      if (at[p] == 0 || run[p] < atom.min) continue;
      const std::size_t last = p + std::min<std::uint64_t>(atom.max, run[p]);
      ++marks[p + atom.min];
      --marks[last + 1];
      any = true;
    }
    if (!any) return false;
    int open = 0;
    for (std::size_t p = 0; p <= n; ++p) {
      open += marks[p];
      at[p] = open > 0 ? 1 : 0;
    }
  }
  if (anchored_end_) return at[n] != 0;
  return std::any_of(at.begin(), at.end(), [](char c) { return c != 0; });
}

}  // namespace pipec::util
