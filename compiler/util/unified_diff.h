#pragma once
// A line diff in the unified format of `diff -u`, for `pipec build --check`
// (a committed generated file against what pipec generates now). Written
// here rather than run as `diff`, so the output is the same on every machine
// and nothing outside pipec is needed.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::util {

/// One step of a line edit script: `before` line `a` kept as `after` line
/// `b`, `before` line `a` deleted, or `after` line `b` inserted (0-based).
struct LineEdit {
  enum class Op { keep, remove, insert };
  Op op = Op::keep;
  std::size_t a = 0;
  std::size_t b = 0;
};

/// The lines of `text`, each without its '\n'. A last line without a '\n'
/// is a line too; `*last_ends` (when given) says whether it had one.
[[nodiscard]] std::vector<std::string_view> split_lines(std::string_view text, bool* last_ends = nullptr);

/// A shortest edit script from `before` to `after` (Myers' O(ND) algorithm,
/// in linear space). Deterministic: in each run of changes the deletions
/// come before the insertions, as diff prints them.
[[nodiscard]] std::vector<LineEdit> diff_lines(const std::vector<std::string_view>& before,
                                               const std::vector<std::string_view>& after);

/// The unified diff of `before` into `after`: "--- before_label",
/// "+++ after_label", then @@ hunks with `context` lines of context around
/// the changes, hunks closer than 2 × context merged into one. A last line
/// without a newline is followed by "\ No newline at end of file", and
/// differs from the same line with one. Empty when the texts are equal.
[[nodiscard]] std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_label,
                                       std::string_view after_label, std::size_t context = 3);

}  // namespace pipec::util
