#pragma once
// Reading option values that several commands share, with the message a
// command gives when one is wrong.

#include <fmt/core.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "dsl/vars.h"

namespace pipec::cli {

/// The --var values, or nothing with "pipec <command>: …" in `output.err`.
[[nodiscard]] inline std::optional<dsl::Vars> vars_option(const std::vector<std::string>& items, std::string_view command,
                                                          Output& output) {
  std::string error;
  auto vars = dsl::parse_vars(items, error);
  if (!vars) output.err += fmt::format("pipec {}: {}\n", command, error);
  return vars;
}

}  // namespace pipec::cli
