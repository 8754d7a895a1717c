#pragma once
// What the fuzz harnesses share: the input size cap, splitting one input
// into several texts, and the oracle's failure (a message, then abort(), so
// libFuzzer keeps the input as a crash and the replay test fails).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/issue.h"

namespace pipec::fuzz {

/// Whether a reader took the text with no issue but repeated keys (which
/// it warns about and reads on).
inline bool clean(const std::vector<syntax::Issue>& issues) {
  for (const auto& i : issues) {
    if (i.kind != syntax::IssueKind::duplicate_key) return false;
  }
  return true;
}

/// Inputs longer than this are skipped. Kept under 64 KiB: exec/s stays high,
/// and the tree-sitter runtime's double free on 65,535 unclosed '[' (Debian's
/// libtree-sitter 0.20.7, known) stays out of reach.
inline constexpr std::size_t kMaxInput = 60'000;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The input cut at each NUL byte, into at most `parts` pieces (the last one
/// keeps any further NUL bytes).
inline std::vector<std::string> split(std::string_view text, std::size_t parts) {
  std::vector<std::string> out;
  while (out.size() + 1 < parts) {
    const auto nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    out.emplace_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  out.emplace_back(text);
  out.resize(parts);
  return out;
}

/// The oracle's verdict: a bug in pipec.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "\n==== pipec fuzz oracle: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void require(bool condition, const std::string& what) {
  if (!condition) fail(what);
}

}  // namespace pipec::fuzz
