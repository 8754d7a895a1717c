#pragma once

#include <span>

#include "check/rule.h"

namespace pipec::rules {

/// Every rule, sorted by id. The only list.
[[nodiscard]] std::span<const check::Rule* const> registry();

/// The rule with this id or name, if any.
[[nodiscard]] const check::Rule* find_rule(std::string_view id_or_name);

}  // namespace pipec::rules
