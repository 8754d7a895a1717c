#pragma once
// A byte range in one source file. Spans are the currency of every diagnostic:
// the reader stamps them on each token, the model keeps them, the renderer
// turns them into line and column at the very end.

#include <cstdint>

namespace pipec::source {

/// Index of a file in a SourceSet.
using FileId = std::uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;  ///< first byte
  std::uint32_t end = 0;    ///< one past the last byte

  [[nodiscard]] bool valid() const { return file != kNoFile; }
  [[nodiscard]] std::uint32_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

/// 1-based line; 1-based column counted in Unicode code points.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend bool operator==(const LineCol&, const LineCol&) = default;
};

}  // namespace pipec::source
