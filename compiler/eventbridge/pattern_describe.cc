// Matchers in words, for the explanations of matches and mismatches.

#include <charconv>
#include <limits>

#include "eventbridge/pattern.h"
#include "util/text.h"

namespace pipec::eventbridge {

namespace {

std::string number(double x) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

std::string list(const std::vector<std::string>& texts) {
  std::vector<std::string> quoted;
  for (const auto& t : texts) quoted.push_back(util::quote(t, 60));
  std::string out;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    if (i) out += i + 1 == quoted.size() ? " or " : ", ";
    out += quoted[i];
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace

std::string describe(const Matcher& m) {
  const std::string q = util::quote(m.text, 60);
  switch (m.op) {
    case Op::exact_string: return q;
    case Op::exact_number: return m.text;
    case Op::exact_literal: return m.text;
    case Op::exact_ip: return q + " (an IP address)";
    case Op::prefix: return "prefix " + q;
    case Op::suffix: return "suffix " + q;
    case Op::prefix_ignore_case: return "prefix " + q + " ignoring case";
    case Op::suffix_ignore_case: return "suffix " + q + " ignoring case";
    case Op::equals_ignore_case: return q + " ignoring case";
    case Op::wildcard: return "wildcard " + q;
    case Op::anything_but_strings: return "anything but " + list(m.texts);
    case Op::anything_but_numbers: {
      std::vector<std::string> texts;
      for (const double n : m.numbers) texts.push_back(number(n));
      std::string out = "anything but ";
      for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? (i + 1 == texts.size() ? " or " : ", ") : "") + texts[i];
      return out;
    }
    case Op::anything_but_prefix: return "anything but prefix " + list(m.texts);
    case Op::anything_but_suffix: return "anything but suffix " + list(m.texts);
    case Op::anything_but_ignore_case: return "anything but " + list(m.texts) + " ignoring case";
    case Op::anything_but_wildcard: return "anything but wildcard " + list(m.texts);
    case Op::numeric: {
      if (m.low == m.high) return "numeric = " + number(m.low);
      std::string out = "numeric";
      const bool has_low = m.low != -std::numeric_limits<double>::infinity();
      const bool has_high = m.high != std::numeric_limits<double>::infinity();
      if (has_low) out += std::string(m.open_low ? " > " : " >= ") + number(m.low);
      if (has_low && has_high) out += " and";
      if (has_high) out += std::string(m.open_high ? " < " : " <= ") + number(m.high);
      return out;
    }
    case Op::cidr: return "cidr " + q;
    case Op::exists: return "exists: true";
    case Op::not_exists: return "exists: false";
  }
  return q;
}

}  // namespace pipec::eventbridge
