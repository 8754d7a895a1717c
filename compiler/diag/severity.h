#pragma once

#include <optional>
#include <string_view>

namespace pipec::diag {

/// Ordered: a threshold compares with <.
enum class Severity { info, warning, error };

[[nodiscard]] constexpr std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

[[nodiscard]] constexpr std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace pipec::diag
