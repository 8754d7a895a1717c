#pragma once
// Path globs as .pipec.yaml writes them, matched against a path relative to
// the configuration's folder, with '/' between folders:
//   *    any run of characters within one folder name
//   ?    one character within a folder name
//   **   any run of folders: `**/x.json`, `events/**`, `a/**/b`
//   [ab] [a-z] [!a]  one character of (or not of) a set
// A glob without '/' matches a name in any folder (`*.rule.yaml`), and a glob
// that matches a folder matches everything under it (`generated`), as in
// .gitignore.

#include <optional>
#include <string>
#include <string_view>

namespace pipec::util {

/// Whether `path` (relative, '/'-separated, no "./") matches `glob`.
[[nodiscard]] bool glob_matches(std::string_view glob, std::string_view path);

/// Why `glob` is malformed (an unclosed '['), or nothing.
[[nodiscard]] std::optional<std::string> glob_problem(std::string_view glob);

}  // namespace pipec::util
