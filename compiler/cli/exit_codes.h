#pragma once
// What pipec's exit status means. Documented in docs/cli.md.

namespace pipec::cli {

inline constexpr int kExitClean = 0;      ///< nothing at or above --fail-on
inline constexpr int kExitFindings = 1;   ///< findings at or above --fail-on
inline constexpr int kExitUsage = 2;      ///< bad arguments, or an input that cannot be read
inline constexpr int kExitInternal = 3;   ///< a bug in pipec: please report it

}  // namespace pipec::cli
