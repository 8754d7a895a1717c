#pragma once
// "did you mean" suggestions from edit distance (ninja's SpellcheckString).

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pipec::util {

/// Damerau-Levenshtein distance (adjacent swaps cost 1), bounded: returns
/// max_distance + 1 as soon as the distance is known to exceed it.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b,
                                        std::size_t max_distance);

/// The candidate closest to `word`, if one is close enough to be a likely
/// typo: a case-only difference always qualifies; otherwise the distance must
/// be at most a third of the word's length (and at most 3).
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       std::span<const std::string_view> candidates);
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       std::span<const std::string> candidates);

}  // namespace pipec::util
