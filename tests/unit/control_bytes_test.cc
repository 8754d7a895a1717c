// util/control_bytes.h: every byte value, at every place of the 16-byte
// blocks and of the tail after the last whole block, against the definition.

#include <catch2/catch.hpp>

#include <string>

#include "util/control_bytes.h"

using pipec::util::has_control_byte;

TEST_CASE("a control byte is one below 0x20 but a line break, or DEL") {
  for (int b = 0; b < 256; ++b) {
    const bool control = (b < 0x20 && b != '\n') || b == 0x7F;
    // 75 bytes: four blocks of 16 and a tail of eleven.
    for (std::size_t at = 0; at < 75; ++at) {
      std::string text(75, 'a');
      text[at] = static_cast<char>(b);
      INFO("byte " << b << " at " << at);
      CHECK(has_control_byte(text) == control);
    }
  }
  CHECK_FALSE(has_control_byte(""));
  CHECK_FALSE(has_control_byte("key: value\n  other: \xC3\xA9t\xC3\xA9\n"));
  CHECK(has_control_byte("key:\tvalue\n"));
  CHECK(has_control_byte("key: value\r\n"));
}
