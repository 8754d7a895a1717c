#pragma once
// --var name=value: the values of the DSL's pseudo-parameters (account,
// region, partition) where a command needs them written out.

#include <optional>
#include <string>
#include <vector>

#include "dsl/shapes.h"

namespace pipec::cli {

/// Parses and checks `name=value` items; on a bad one, says why in `error`.
[[nodiscard]] std::optional<dsl::Vars> parse_vars(const std::vector<std::string>& items, std::string& error);

}  // namespace pipec::cli
