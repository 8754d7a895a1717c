#include "util/placeholders.h"

namespace pipec::util {

namespace {

// The first `open` in `text` and what follows it up to `close`, both included.
std::optional<std::string_view> enclosed(std::string_view text, std::string_view open, char close) {
  const auto begin = text.find(open);
  if (begin == std::string_view::npos) return std::nullopt;
  const auto end = text.find(close, begin + open.size());
  if (end == std::string_view::npos) return std::nullopt;
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::optional<std::string_view> unsubstituted_placeholder(std::string_view text) {
  for (std::size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    const auto close = text.find('}', at);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view name = text.substr(at + 2, close - at - 2);
    const bool policy_variable = name.size() == 1 || (name.find(':') != std::string_view::npos && name.find("::") == std::string_view::npos);
    if (!policy_variable) return text.substr(at, close - at + 1);
  }
  return std::nullopt;
}

std::optional<std::string_view> swapped_placeholder(std::string_view text) { return enclosed(text, "{$", '}'); }

std::optional<std::string_view> angle_placeholder(std::string_view text) { return enclosed(text, "<", '>'); }

}  // namespace pipec::util
