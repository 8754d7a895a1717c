#include "eventbridge/json_path.h"

#include <algorithm>

namespace pipec::eventbridge {

namespace {

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7F) return false;
  switch (c) {
    case '.': case '[': case ']': case '*': case '\'': case '"': case ' ': case '\\': case '(': case ')':
    case '?': case ',':
      return false;
    default: return true;
  }
}

}  // namespace

bool JsonPath::definite() const {
  return std::none_of(steps.begin(), steps.end(), [](const Step& s) { return s.kind == Step::Kind::wildcard; });
}

JsonPathResult parse_json_path(std::string_view t) {
  const auto fail = [](std::string message, std::size_t begin, std::size_t end) {
    return JsonPathResult{std::nullopt, JsonPathError{std::move(message), begin, end}};
  };
  if (t.empty() || t[0] != '$') return fail("a JSON path starts with \"$\"", 0, std::min<std::size_t>(1, t.size()));
  JsonPath path;
  std::size_t i = 1;
  while (i < t.size()) {
    if (t[i] == '.') {
      if (i + 1 < t.size() && t[i + 1] == '.') return fail("deep scan (\"..\") is not supported", i, i + 2);
      ++i;
      if (i < t.size() && t[i] == '*') {
        path.steps.push_back({JsonPath::Step::Kind::wildcard, {}, 0});
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < t.size() && is_name_char(t[i])) ++i;
      if (i == start) {
        if (i == t.size()) return fail("a JSON path cannot end with \".\"", i - 1, i);
        return fail("unexpected " + std::string(1, t[i]) + " in a JSON path", i, i + 1);
      }
      path.steps.push_back({JsonPath::Step::Kind::key, std::string(t.substr(start, i - start)), 0});
      continue;
    }
    if (t[i] == '[') {
      const std::size_t open = i;
      ++i;
      if (i < t.size() && (t[i] == '\'' || t[i] == '"')) {
        const auto close = t.find(']', i);
        return fail("bracket notation is not supported; EventBridge takes dot notation ($.detail.name)", open,
                    close == std::string_view::npos ? t.size() : close + 1);
      }
      if (i < t.size() && t[i] == '*' && i + 1 < t.size() && t[i + 1] == ']') {
        path.steps.push_back({JsonPath::Step::Kind::wildcard, {}, 0});
        i += 2;
        continue;
      }
      const std::size_t start = i;
      std::size_t index = 0;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        if (index < 1'000'000'000) index = index * 10 + static_cast<std::size_t>(t[i] - '0');
        ++i;
      }
      if (i == start || i >= t.size() || t[i] != ']') {
        const auto close = t.find(']', open);
        return fail("an array index is a number in brackets ([0]) or [*]", open,
                    close == std::string_view::npos ? t.size() : close + 1);
      }
      path.steps.push_back({JsonPath::Step::Kind::index, {}, index});
      ++i;
      continue;
    }
    return fail("unexpected " + std::string(1, t[i]) + " in a JSON path; steps start with \".\" or \"[\"", i, i + 1);
  }
  return {std::move(path), std::nullopt};
}

std::vector<syntax::NodeId> select(const JsonPath& path, const syntax::Document& doc) {
  std::vector<syntax::NodeId> at;
  if (doc.empty()) return at;
  at.push_back(doc.root());
  std::vector<syntax::NodeId> next;
  for (const auto& step : path.steps) {
    next.clear();
    for (const auto node : at) {
      switch (step.kind) {
        case JsonPath::Step::Kind::key:
          if (const auto v = doc.get(node, step.key); v != syntax::kNoNode) next.push_back(v);
          break;
        case JsonPath::Step::Kind::index: {
          const auto items = doc.items(node);
          if (step.index < items.size()) next.push_back(items[step.index]);
          break;
        }
        case JsonPath::Step::Kind::wildcard:
          for (const auto& m : doc.members(node)) next.push_back(m.value);
          for (const auto item : doc.items(node)) next.push_back(item);
          break;
      }
    }
    std::swap(at, next);
  }
  return at;
}

}  // namespace pipec::eventbridge
