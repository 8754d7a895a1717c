#include "util/spelling.h"

#include <algorithm>
#include <vector>

#include "util/ascii.h"

namespace pipec::util {

namespace {

template <typename T>
std::optional<std::string> closest(std::string_view word, std::span<const T> candidates) {
  if (word.empty()) return std::nullopt;
  for (const auto& candidate : candidates) {
    if (std::string_view(candidate) != word && equal_ignoring_ascii_case(candidate, word)) {
      return std::string(candidate);
    }
  }
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  const std::string word_lower = ascii_lowered(word);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (std::string_view(candidate) == word) continue;
    // Case differences are not typos worth counting twice.
    const std::size_t d = edit_distance(word_lower, ascii_lowered(candidate), limit);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > max_distance) return max_distance + 1;
  // Three rolling rows for the transposition case.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        value = std::min(value, before[j - 2] + 1);
      }
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max_distance + 1);
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
  return closest(word, candidates);
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  return closest(word, candidates);
}

}  // namespace pipec::util
