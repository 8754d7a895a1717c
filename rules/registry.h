#pragma once

#include <optional>
#include <span>
#include <string>

#include "check/rule.h"

namespace pipec::rules {

/// Every rule, sorted by id. The only list.
[[nodiscard]] std::span<const check::Rule* const> registry();

/// The rule with this id or name, if any.
[[nodiscard]] const check::Rule* find_rule(std::string_view id_or_name);

/// The rule id or name nearest to `word`, when `word` is a likely typo of one
/// (for "did you mean" wherever a user names a rule).
[[nodiscard]] std::optional<std::string> closest_rule_word(std::string_view word);

}  // namespace pipec::rules
