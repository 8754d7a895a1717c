#include "util/placeholders.h"

namespace pipec::util {

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

std::optional<std::string_view> swapped_placeholder(std::string_view text) {
  const auto open = text.find("{$");
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = text.find('}', open);
  if (close == std::string_view::npos) return std::nullopt;
  return text.substr(open, close - open + 1);
}

std::optional<std::string_view> angle_placeholder(std::string_view text) {
  const auto open = text.find('<');
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = text.find('>', open);
  if (close == std::string_view::npos) return std::nullopt;
  return text.substr(open, close - open + 1);
}

}  // namespace pipec::util
