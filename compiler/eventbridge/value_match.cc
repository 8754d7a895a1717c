#include "eventbridge/value_match.h"

#include <algorithm>

namespace pipec::eventbridge {

namespace {

bool is_string(const EventValue& v) { return v.kind == ValueKind::string; }

template <typename Range, typename Pred>
bool any_of(const Range& r, Pred p) {
  return std::any_of(std::begin(r), std::end(r), p);
}

}  // namespace

bool matches(const Matcher& m, const EventValue& v) {
  switch (m.op) {
    case Op::exact_string: return is_string(v) && v.text == m.text;
    case Op::exact_number:
      if (v.kind != ValueKind::number) return false;
      // A comparable pattern number matches any equal comparable number. A
      // value written the same way is comparable exactly when the pattern is.
      return m.number ? v.number && *v.number == *m.number : v.text == m.text;
    case Op::exact_literal: return v.kind == ValueKind::literal && v.text == m.text;
    case Op::exact_ip:
    case Op::cidr: {
      if (!is_string(v)) return false;
      const auto ip = parse_ip(v.text);
      return ip && ip_in_range(*ip, m.range);
    }
    case Op::prefix: return is_string(v) && prefix_matches(m.text, v.text);
    case Op::suffix: return is_string(v) && suffix_matches(m.text, v.text);
    case Op::prefix_ignore_case: return is_string(v) && m.folded[0].prefix_of(v.text);
    case Op::suffix_ignore_case: return is_string(v) && m.folded[0].suffix_of(v.text);
    case Op::equals_ignore_case: return is_string(v) && m.folded[0].equals(v.text);
    case Op::wildcard: return is_string(v) && m.globs[0].matches(v.text);
    case Op::anything_but_strings:
      return !(is_string(v) && any_of(m.texts, [&](const std::string& t) { return t == v.text; }));
    case Op::anything_but_numbers:
      return !(v.kind == ValueKind::number && v.number &&
               any_of(m.numbers, [&](double n) { return n == *v.number; }));
    case Op::anything_but_prefix:
      return !(is_string(v) && any_of(m.texts, [&](const std::string& t) { return prefix_matches(t, v.text); }));
    case Op::anything_but_suffix:
      return !(is_string(v) && any_of(m.texts, [&](const std::string& t) { return suffix_matches(t, v.text); }));
    case Op::anything_but_ignore_case:
      return !(is_string(v) && any_of(m.folded, [&](const IgnoreCase& f) { return f.equals(v.text); }));
    case Op::anything_but_wildcard:
      return !(is_string(v) && any_of(m.globs, [&](const Wildcard& w) { return w.matches(v.text); }));
    case Op::numeric: {
      if (v.kind != ValueKind::number || !v.number) return false;
      const double x = *v.number;
      const bool above = m.open_low ? x > m.low : x >= m.low;
      const bool below = m.open_high ? x < m.high : x <= m.high;
      return above && below;
    }
    case Op::exists: return true;
    case Op::not_exists: return false;
  }
  return false;
}

}  // namespace pipec::eventbridge
