#include "emit/buildspec.h"

#include <fmt/core.h>

#include "emit/yaml_text.h"

namespace pipec::emit {

std::string imagedefinitions_buildspec(const dsl::ir::Action& action) {
  const std::string container = action.container ? action.container->resolve({}, true).value_or("") : "";
  return fmt::format(
      "version: 0.2\n"
      "# Written by pipec for action {0}: the ECR source writes imageDetail.json,\n"
      "# the ECS standard deploy reads imagedefinitions.json.\n"
      "phases:\n"
      "  build:\n"
      "    commands:\n"
      "      - IMAGE_URI=$(jq -r '.ImageURI' imageDetail.json)\n"
      "      - jq -n --arg name {1} --arg uri \"$IMAGE_URI\" '[{{name: $name, imageUri: $uri}}]' > imagedefinitions.json\n"
      "      - cat imagedefinitions.json\n"
      "artifacts:\n"
      "  files:\n"
      "    - imagedefinitions.json\n",
      action.name.text, yaml_quoted(container));
}

}  // namespace pipec::emit
