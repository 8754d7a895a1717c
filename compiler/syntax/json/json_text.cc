#include "syntax/json/json_text.h"
#include "syntax/json/json_reader.h"


#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>

#include "util/byte_scan.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::syntax::json {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string control_name(unsigned char c) {
  switch (c) {
    case '\t': return "a tab";
    case '\r': return "a carriage return";
    case 0: return "a NUL byte";
    default: return fmt::format("control character U+{:04X}", c);
  }
}

std::string control_escape(unsigned char c) {
  switch (c) {
    case '\t': return "\\t";
    case '\r': return "\\r";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return fmt::format("\\u{:04x}", c);
  }
}

}  // namespace

void decode(std::string_view source, std::uint32_t begin, std::uint32_t end, std::string& out,
            std::vector<std::uint32_t>* offsets, std::vector<DecodeProblem>* problems) {
  const auto emit = [&](std::string_view bytes, std::uint32_t at) {
    out.append(bytes);
    if (offsets != nullptr) offsets->insert(offsets->end(), bytes.size(), at);
  };
  // The bytes that stand for themselves come in runs, each copied at once:
  // most strings are one run.
  const std::string_view bounded = source.substr(0, end);
  std::uint32_t i = begin;
  while (i < end) {
    const auto run_end = static_cast<std::uint32_t>(util::find_first<0x20, '\\'>(bounded, i));
    if (run_end > i) {
      out.append(source.substr(i, run_end - i));
      if (offsets != nullptr) {
        const std::size_t first = offsets->size();
        offsets->resize(first + (run_end - i));
        std::iota(offsets->begin() + static_cast<std::ptrdiff_t>(first), offsets->end(), i);
      }
      i = run_end;
      continue;
    }
    const auto c = static_cast<unsigned char>(source[i]);
    if (c == '\\' && i + 1 < end) {
      const char e = source[i + 1];
      const char* simple = nullptr;
      switch (e) {
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case '/': simple = "/"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        default: break;
      }
      if (simple != nullptr) {
        emit(simple, i);
        i += 2;
        continue;
      }
      if (e == 'u') {
        auto read4 = [&](std::uint32_t at) -> int {
          if (at + 4 > end) return -1;
          int value = 0;
          for (std::uint32_t k = 0; k < 4; ++k) {
            const int h = hex_value(source[at + k]);
            if (h < 0) return -1;
            value = value * 16 + h;
          }
          return value;
        };
        const int unit = read4(i + 2);
        if (unit < 0) {
          if (problems != nullptr) {
            problems->push_back({i, std::min(end, i + 2), "invalid \\u escape; expected four hex digits after \\u",
                                 "write the code point as \\u followed by exactly four hex digits, e.g. \\u00e9"});
          }
          emit(source.substr(i, 2), i);
          i += 2;
          continue;
        }
        std::uint32_t cp = static_cast<std::uint32_t>(unit);
        std::uint32_t width = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= end && source[i + 6] == '\\' &&
            source[i + 7] == 'u') {
          const int low = read4(i + 8);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
            width = 12;
          }
        }
        std::string encoded;
        util::append_utf8(encoded, cp);  // lone surrogates become U+FFFD
        emit(encoded, i);
        i += width;
        continue;
      }
      if (problems != nullptr) {
        problems->push_back({i, i + 2, fmt::format("invalid escape {} in a string", util::quote(source.substr(i, 2))),
                             "JSON allows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\"});
      }
      emit(source.substr(i, 2), i);
      i += 2;
      continue;
    }
    if (c < 0x20 && problems != nullptr) {
      problems->push_back({i, i + 1, fmt::format("{} inside a string", control_name(c)),
                           fmt::format("JSON strings cannot hold raw control characters; write {}", control_escape(c))});
    }
    emit(source.substr(i, 1), i);
    ++i;
  }
  if (offsets != nullptr) offsets->push_back(end);
}

LiteralBounds literal_bounds(std::string_view source, std::uint32_t begin, std::uint32_t end) {
  LiteralBounds bounds{begin + 1, end, false};
  std::uint32_t i = begin + 1;
  while (i < end) {
    if (source[i] == '\\') {
      i += 2;
      continue;
    }
    if (source[i] == '"') {
      bounds.content_end = i;
      bounds.closed = true;
      return bounds;
    }
    ++i;
  }
  bounds.content_end = std::min(i, end);
  return bounds;
}

bool strict_json_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

std::vector<Issue> duplicate_key_issues(std::span<const Member> members) {
  std::vector<Issue> issues;
  for (const auto& repeat : repeated_keys(members)) {
    const Member& first = members[repeat.first];
    const Member& again = members[repeat.at];
    Issue& i = issues.emplace_back();
    i.kind = IssueKind::duplicate_key;
    i.span = again.key_span;
    i.message = fmt::format("duplicate key {}", util::quote(again.key));
    i.label = "this value replaces the first one";
    i.related.push_back({first.key_span, "first defined here"});
    i.help.push_back("remove one of the two; readers keep only the last value, so the first is silently ignored");
  }
  return issues;
}

}  // namespace pipec::syntax::json

namespace pipec::syntax {

DecodedString decode_string_literal(std::string_view source, source::Span literal) {
  const json::LiteralBounds bounds = json::literal_bounds(source, literal.begin, literal.end);
  DecodedString out;
  json::decode(source, bounds.content_begin, bounds.content_end, out.text, &out.offsets, nullptr);
  return out;
}

}  // namespace pipec::syntax
