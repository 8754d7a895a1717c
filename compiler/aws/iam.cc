#include "aws/iam.h"

#include <algorithm>
#include <iterator>

#include "util/ascii.h"
#include "util/packed_strings.h"

namespace pipec::aws::iam {

namespace {

struct Range {
  std::uint32_t first, count;
};
struct ResourceTypeRow {
  util::PackedString name, arn;  ///< into kText
};
struct ActionResourceRow {
  std::uint32_t type;
  bool required;
};
struct DetailRow {
  Range resource_types;
  std::uint32_t first_action;  ///< into kActionResourceRanges
};
struct ServiceRow {
  util::PackedString prefix;   ///< into kText, as the strings below
  util::PackedString actions;  ///< names separated by spaces, sorted case-insensitively
  util::PackedString access;   ///< a letter per action: 'a' + AccessLevel bits
  std::int32_t detail;         ///< into kDetails, or -1
};

using namespace std::string_view_literals;
#include "aws/generated/iam.inc"

constexpr std::string_view text(util::PackedString s) { return util::unpack(kText, s); }

// The generator writes the services sorted by prefix, every prefix in
// lower case, so a prefix is found by bisection of its lower-case form.
constexpr bool services_sorted_and_lower_case() {
  for (std::size_t i = 0; i < std::size(kServices); ++i) {
    if (i > 0 && !(text(kServices[i - 1].prefix) < text(kServices[i].prefix))) return false;
    for (const char c : text(kServices[i].prefix)) {
      if (c != util::ascii_lower(c)) return false;
    }
  }
  return true;
}
static_assert(services_sorted_and_lower_case());

const ServiceRow* service(std::string_view prefix) {
  // No service prefix is this long: a longer text names none.
  char lowered[64];
  if (prefix.size() > sizeof lowered) return nullptr;
  for (std::size_t i = 0; i < prefix.size(); ++i) lowered[i] = util::ascii_lower(prefix[i]);
  const std::string_view key(lowered, prefix.size());
  const auto it = std::lower_bound(std::begin(kServices), std::end(kServices), key,
                                   [](const ServiceRow& s, std::string_view k) { return text(s.prefix) < k; });
  return it != std::end(kServices) && text(it->prefix) == key ? &*it : nullptr;
}

// Calls `visit(index, name)` for a service's actions in order, read in
// place from the table, until it returns true.
template <typename Visit>
void each_name(const ServiceRow& s, Visit&& visit) {
  const std::string_view actions = text(s.actions);
  std::size_t start = 0;
  for (std::size_t index = 0; start < actions.size(); ++index) {
    const auto space = actions.find(' ', start);
    const auto end = space == std::string_view::npos ? actions.size() : space;
    if (visit(index, actions.substr(start, end - start))) return;
    start = end + 1;
  }
}

Action action_at(const ServiceRow& s, std::size_t index, std::string_view name) {
  Action a;
  a.service = text(s.prefix);
  a.name = name;
  a.access = static_cast<std::uint8_t>(text(s.access)[index] - 'a');
  if (s.detail >= 0) {
    a.detailed = true;
    const DetailRow& d = kDetails[s.detail];
    const Range r = kActionResourceRanges[d.first_action + index];
    for (std::uint32_t k = 0; k < r.count; ++k) {
      const ActionResourceRow& ar = kActionResources[r.first + k];
      a.resources.push_back({{text(kResourceTypes[ar.type].name), text(kResourceTypes[ar.type].arn)}, ar.required});
    }
  }
  return a;
}

// IAM's wildcard match: * any run, ? one character, case-insensitively.
bool wildcard_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  const auto same = [](char a, char b) { return util::ascii_lower(a) == util::ascii_lower(b); };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

std::string arn_format_pattern(std::string_view format, char wildcard) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      const auto close = format.find('}', i);
      if (close == std::string_view::npos) break;
      out.push_back(wildcard);
      i = close;
      continue;
    }
    out.push_back(format[i]);
  }
  return out;
}

bool action_matches(std::string_view pattern, std::string_view action) { return wildcard_match(pattern, action); }

bool service_exists(std::string_view prefix) { return service(prefix) != nullptr; }

std::optional<Action> find_action(std::string_view prefix, std::string_view name) {
  const ServiceRow* s = service(prefix);
  if (s == nullptr) return std::nullopt;
  std::optional<Action> found;
  each_name(*s, [&](std::size_t i, std::string_view n) {
    if (util::equal_ignoring_ascii_case(n, name)) found = action_at(*s, i, n);
    return found.has_value();
  });
  return found;
}

std::vector<Action> matching_actions(std::string_view prefix, std::string_view pattern) {
  std::vector<Action> out;
  const ServiceRow* s = service(prefix);
  if (s == nullptr) return out;
  each_name(*s, [&](std::size_t i, std::string_view n) {
    if (wildcard_match(pattern, n)) out.push_back(action_at(*s, i, n));
    return false;
  });
  return out;
}

std::vector<std::string> action_names(std::string_view prefix) {
  std::vector<std::string> out;
  if (const ServiceRow* s = service(prefix)) {
    each_name(*s, [&](std::size_t, std::string_view n) {
      out.emplace_back(n);
      return false;
    });
  }
  return out;
}

std::vector<std::string> service_prefixes() {
  std::vector<std::string> out;
  for (const auto& s : kServices) out.emplace_back(text(s.prefix));
  return out;
}

std::vector<ResourceType> resource_types(std::string_view prefix) {
  std::vector<ResourceType> out;
  const ServiceRow* s = service(prefix);
  if (s == nullptr || s->detail < 0) return out;
  const Range r = kDetails[s->detail].resource_types;
  for (std::uint32_t i = 0; i < r.count; ++i) out.push_back({text(kResourceTypes[r.first + i].name), text(kResourceTypes[r.first + i].arn)});
  return out;
}

}  // namespace pipec::aws::iam
