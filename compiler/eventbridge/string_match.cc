#include "eventbridge/string_match.h"

#include <algorithm>

#include "eventbridge/case_table.h"
#include "eventbridge/java_string.h"
#include "util/utf8.h"

namespace pipec::eventbridge {

namespace {

// A value seen with optional quotes around it, without copying it.
struct Quoted {
  std::string_view s;
  bool lead = false, trail = false;
  [[nodiscard]] std::size_t size() const { return s.size() + lead + trail; }
  [[nodiscard]] char at(std::size_t i) const {
    if (lead) {
      if (i == 0) return '"';
      --i;
    }
    return i < s.size() ? s[i] : '"';
  }
  [[nodiscard]] bool has(std::size_t at_, std::string_view bytes) const {
    if (at_ + bytes.size() > size()) return false;
    for (std::size_t k = 0; k < bytes.size(); ++k) {
      if (at(at_ + k) != bytes[k]) return false;
    }
    return true;
  }
};

// Positions reachable in `value` after matching `units` from `start`, going
// forward; a handful at most, since each unit offers two spellings.
template <typename Units>
std::vector<std::size_t> walk_forward(const Units& units, const Quoted& value, std::size_t start) {
  std::vector<std::size_t> at{start}, next;
  for (const auto& u : units) {
    next.clear();
    for (const std::size_t p : at) {
      if (value.has(p, u.lower)) next.push_back(p + u.lower.size());
      if (!u.upper.empty() && value.has(p, u.upper)) next.push_back(p + u.upper.size());
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    std::swap(at, next);
    if (at.empty()) break;
  }
  return at;
}

// Whether `value` holds, from `from`, one of two spellings byte by byte:
// lower[k] or upper[k] at each k.
bool spelled_at(std::string_view lower, std::string_view upper, const Quoted& value, std::size_t from) {
  if (from + lower.size() > value.size()) return false;
  for (std::size_t k = 0; k < lower.size(); ++k) {
    const char c = value.at(from + k);
    if (c != lower[k] && c != upper[k]) return false;
  }
  return true;
}

}  // namespace

bool prefix_matches(std::string_view prefix, std::string_view value) {
  return Quoted{value, false, true}.has(0, prefix);
}

bool suffix_matches(std::string_view suffix, std::string_view value) {
  const Quoted q{value, true, false};
  return suffix.size() <= q.size() && q.has(q.size() - suffix.size(), suffix);
}

IgnoreCase::IgnoreCase(std::string_view operand) {
  for (const char16_t unit : utf16_units(operand)) {
    Unit u;
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      u.lower = "?";  // a lone surrogate, as String.getBytes(UTF_8) writes it
    } else if (const CaseEntry* e = find_case_entry(unit)) {
      u.lower = e->lower;
      u.upper = e->upper;
      if (u.upper == u.lower) u.upper.clear();
    } else {
      util::append_utf8(u.lower, unit);
    }
    units_.push_back(std::move(u));
  }
  if (std::all_of(units_.begin(), units_.end(), [](const Unit& u) { return u.lower.size() == 1 && u.upper.size() <= 1; })) {
    for (const auto& u : units_) {
      lower_bytes_ += u.lower;
      upper_bytes_ += u.upper.empty() ? u.lower : u.upper;
    }
  }
}

bool IgnoreCase::equals(std::string_view value) const {
  const Quoted q{value};
  if (one_byte_units()) return q.size() == lower_bytes_.size() && spelled_at(lower_bytes_, upper_bytes_, q, 0);
  const auto ends = walk_forward(units_, q, 0);
  return std::find(ends.begin(), ends.end(), q.size()) != ends.end();
}

bool IgnoreCase::prefix_of(std::string_view value) const {
  const Quoted q{value, false, true};
  if (one_byte_units()) return spelled_at(lower_bytes_, upper_bytes_, q, 0);
  return !walk_forward(units_, q, 0).empty();
}

bool IgnoreCase::suffix_of(std::string_view value) const {
  // Backwards from the end of '"' + value.
  const Quoted q{value, true, false};
  if (one_byte_units()) {
    return lower_bytes_.size() <= q.size() && spelled_at(lower_bytes_, upper_bytes_, q, q.size() - lower_bytes_.size());
  }
  std::vector<std::size_t> at{q.size()}, next;
  for (auto it = units_.rbegin(); it != units_.rend(); ++it) {
    next.clear();
    for (const std::size_t end : at) {
      if (end >= it->lower.size() && q.has(end - it->lower.size(), it->lower)) next.push_back(end - it->lower.size());
      if (!it->upper.empty() && end >= it->upper.size() && q.has(end - it->upper.size(), it->upper)) {
        next.push_back(end - it->upper.size());
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    std::swap(at, next);
    if (at.empty()) return false;
  }
  return true;
}

std::optional<Wildcard::Error> Wildcard::check(std::string_view operand) {
  // WildcardParser reads '"' + operand + '"', so positions are one more than
  // the operand's own, and a final backslash escapes the closing quote.
  for (std::size_t i = 0; i < operand.size(); ++i) {
    if (operand[i] == '*') {
      if (i + 1 < operand.size() && operand[i + 1] == '*') {
        return Error{"Consecutive wildcard characters at pos " + std::to_string(i + 1), i, i + 2};
      }
    } else if (operand[i] == '\\') {
      if (i + 1 < operand.size() && (operand[i + 1] == '*' || operand[i + 1] == '\\')) {
        ++i;
        continue;
      }
      return Error{"Invalid escape character at pos " + std::to_string(i + 1), i, std::min(i + 2, operand.size())};
    }
  }
  return std::nullopt;
}

Wildcard::Wildcard(std::string_view operand) {
  for (std::size_t i = 0; i < operand.size(); ++i) {
    if (operand[i] == '*') {
      tokens_.push_back(kStar);
    } else if (operand[i] == '\\' && i + 1 < operand.size()) {
      tokens_.push_back(static_cast<unsigned char>(operand[++i]));
    } else {
      tokens_.push_back(static_cast<unsigned char>(operand[i]));
    }
  }
}

bool Wildcard::matches(std::string_view value) const {
  // Greedy matching that backtracks to the last star: linear in practice,
  // quadratic at worst, never recursive.
  std::size_t t = 0, v = 0;
  std::size_t star = std::string_view::npos, star_v = 0;
  while (v < value.size()) {
    if (t < tokens_.size() && tokens_[t] == kStar) {
      star = t++;
      star_v = v;
    } else if (t < tokens_.size() && tokens_[t] == static_cast<unsigned char>(value[v])) {
      ++t;
      ++v;
    } else if (star != std::string_view::npos) {
      t = star + 1;
      v = ++star_v;
    } else {
      return false;
    }
  }
  while (t < tokens_.size() && tokens_[t] == kStar) ++t;
  return t == tokens_.size();
}

}  // namespace pipec::eventbridge
