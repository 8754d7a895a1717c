#pragma once
// Strings of a generated table packed into one character array, each named
// by where it starts and how long it is.
//
// A table of std::string_view is a table of pointers. pipec is linked as a
// position-independent executable, so the loader rewrites every one of those
// pointers at each start, and the first write to each 4 KiB page of the
// table costs a page fault and a copy of the page (on this project's
// benchmark machine about 12 µs each, before main runs). A table of offsets
// is not rewritten: it stays in read-only data, and only the pages a run
// reads are ever mapped.

#include <cstdint>
#include <string_view>

namespace pipec::util {

struct PackedString {
  std::uint32_t offset;  ///< into the table's character array
  std::uint32_t size;
};

/// The string `s` names in `text`, the character array of its table.
[[nodiscard]] constexpr std::string_view unpack(const char* text, PackedString s) {
  return {text + s.offset, s.size};
}

}  // namespace pipec::util
