#pragma once
// Whether a text holds a control byte: one below 0x20 other than "\n", or
// 0x7F (DEL). Tabs, carriage returns and the rest have rules of their own in
// YAML, so the fast YAML reader leaves any text with one to yaml-cpp; it asks
// of every byte of every template, so the answer takes sixteen bytes a step.

#include <string_view>

namespace pipec::util {

[[nodiscard]] bool has_control_byte(std::string_view text);

}  // namespace pipec::util
