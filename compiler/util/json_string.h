#pragma once
// A JSON string literal, escaped as EventBridge escapes the strings it hands
// to targets (short escapes for " \\ \n \r \t \b \f, \u00xx for other
// control characters, everything else as is). Every JSON pipec writes (the
// DSL's emitters, rendered transformer input) goes through it.

#include <string>
#include <string_view>

namespace pipec::util {

/// Appends `text` as a quoted JSON string to `out`.
void write_json_string(std::string_view text, std::string& out);

}  // namespace pipec::util
