#include "emit/buildspec.h"

#include <fmt/core.h>

#include "emit/yaml_text.h"

namespace pipec::emit {

namespace {

// `text` as one word of a POSIX shell command: single-quoted, with each '
// written as '\''.
std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

}  // namespace

std::string imagedefinitions_buildspec(const dsl::ir::Action& action) {
  const std::string container = action.container ? action.container->resolve({}, true).value_or("") : "";
  // Each command is shell text; written as a double-quoted YAML scalar, it
  // reaches the shell as it is, whatever ": " or "#" it holds.
  const std::string commands[] = {
      "IMAGE_URI=$(jq -r '.ImageURI' imageDetail.json)",
      fmt::format("jq -n --arg name {} --arg uri \"$IMAGE_URI\" '[{{name: $name, imageUri: $uri}}]' > imagedefinitions.json",
                  shell_quoted(container)),
      "cat imagedefinitions.json",
  };
  std::string out = fmt::format(
      "version: 0.2\n"
      "# Written by pipec for action {}: the ECR source writes imageDetail.json,\n"
      "# the ECS standard deploy reads imagedefinitions.json.\n"
      "phases:\n"
      "  build:\n"
      "    commands:\n",
      action.name.text);
  for (const auto& command : commands) out += "      - " + yaml_quoted(command) + "\n";
  out +=
      "artifacts:\n"
      "  files:\n"
      "    - imagedefinitions.json\n";
  return out;
}

}  // namespace pipec::emit
