#include "emit/buildspec.h"

#include <fmt/core.h>

#include <algorithm>
#include <vector>

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

// Text that holds no unfixed pseudo-parameter (resolving checked it).
std::string literal(const std::optional<dsl::ir::Text>& t, std::string_view otherwise = "") {
  return t ? t->resolve({}, true).value_or("") : std::string(otherwise);
}

struct Phase {
  std::string_view name;
  std::vector<std::string> commands;
};

// version 0.2, the phases in order, artifacts.files. Each command is shell
// text; written as a double-quoted YAML scalar, it reaches the shell as it
// is, whatever ": " or "#" it holds.
std::string buildspec(std::string_view header, const std::vector<Phase>& phases, const std::vector<std::string>& files) {
  std::string out = "version: 0.2\n";
  out += header;
  out += "phases:\n";
  for (const auto& phase : phases) {
    if (phase.commands.empty()) continue;
    out += fmt::format("  {}:\n    commands:\n", phase.name);
    for (const auto& command : phase.commands) out += "      - " + yaml_quoted(command) + "\n";
  }
  if (!files.empty()) {
    out += "artifacts:\n  files:\n";
    for (const auto& f : files) out += "    - " + yaml_scalar(f) + "\n";
  }
  return out;
}

}  // namespace

std::optional<std::string> project_buildspec(const dsl::ir::Action& action) {
  if (!action.generated_project || action.kind == nullptr) return std::nullopt;
  const std::string_view word = action.kind->word;
  if (word == "imagedefinitions") return imagedefinitions_buildspec(action);
  if (word == "docker") return docker_buildspec(action);
  if (!action.project.commands.empty()) return commands_buildspec(action);
  return std::nullopt;
}

std::string imagedefinitions_buildspec(const dsl::ir::Action& action) {
  // Each container's image: from the imageDetail.json of its input (the
  // first input is the build's own folder, each other one is in
  // $CODEBUILD_SRC_DIR_<artifact>), or as written.
  std::vector<std::string> commands;
  std::string arguments, entries;
  const bool one = action.containers.size() == 1;  // no numbers to tell them apart
  for (std::size_t i = 0; i < action.containers.size(); ++i) {
    const auto& c = action.containers[i];
    const std::string n = one ? "" : std::to_string(i);
    std::string uri;
    if (c.image) {
      uri = shell_quoted(literal(c.image));
    } else {
      std::string detail = "imageDetail.json";
      if (c.artifact && !action.inputs.empty() && c.artifact->text != action.inputs.front().text) {
        detail = fmt::format("\"$CODEBUILD_SRC_DIR_{}/imageDetail.json\"", c.artifact->text);
      }
      const std::string variable = one ? "IMAGE_URI" : "IMAGE_URI_" + n;
      commands.push_back(fmt::format("{}=$(jq -r '.ImageURI' {})", variable, detail));
      uri = fmt::format("\"${}\"", variable);
    }
    arguments += fmt::format(" --arg name{0} {1} --arg uri{0} {2}", n, shell_quoted(literal(c.name)), uri);
    entries += fmt::format("{0}{{name: $name{1}, imageUri: $uri{1}}}", i == 0 ? "" : ", ", n);
  }
  commands.push_back(fmt::format("jq -n{} '[{}]' > imagedefinitions.json", arguments, entries));
  commands.push_back("cat imagedefinitions.json");
  return buildspec(fmt::format("# Written by pipec for action {}: the ECR source writes imageDetail.json,\n"
                               "# the ECS standard deploy reads imagedefinitions.json.\n",
                               action.name.text),
                   {{"build", std::move(commands)}}, {"imagedefinitions.json"});
}

std::string docker_buildspec(const dsl::ir::Action& action) {
  const auto& project = action.project;
  const std::string repository = literal(project.repository);
  const std::string container = literal(action.container, repository);
  // The repository's URI comes from ECR itself, so the file is the same in
  // every account, Region and partition. Pushing happens in the build phase:
  // post_build would run, and push, after a failed build.
  std::vector<std::string> build = {
      fmt::format("docker build --tag \"$REPOSITORY_URI:$COMMIT\" --file {} {}", shell_quoted(literal(project.dockerfile, "Dockerfile")),
                  shell_quoted(literal(project.context, "."))),
      "docker push \"$REPOSITORY_URI:$COMMIT\"",
  };
  if (project.tag) {
    const std::string tag = shell_quoted(literal(project.tag));
    build.push_back(fmt::format("docker tag \"$REPOSITORY_URI:$COMMIT\" \"$REPOSITORY_URI\":{}", tag));
    build.push_back(fmt::format("docker push \"$REPOSITORY_URI\":{}", tag));
  }
  // The pushed image by digest: what runs is exactly what was built.
  build.push_back("IMAGE_URI=$(docker inspect --format '{{index .RepoDigests 0}}' \"$REPOSITORY_URI:$COMMIT\")");
  build.push_back(fmt::format("jq -n --arg name {} --arg uri \"$IMAGE_URI\" '[{{name: $name, imageUri: $uri}}]' > imagedefinitions.json",
                              shell_quoted(container)));
  build.push_back("jq -n --arg uri \"$IMAGE_URI\" '{ImageURI: $uri}' > imageDetail.json");
  build.push_back("cat imagedefinitions.json imageDetail.json");
  return buildspec(fmt::format("# Written by pipec for action {}: builds the image, pushes it to ECR, and writes\n"
                               "# imagedefinitions.json (ECS standard deploys) and imageDetail.json (blue/green).\n",
                               action.name.text),
                   {{"pre_build",
                     {fmt::format("REPOSITORY_URI=$(aws ecr describe-repositories --repository-names {} --query 'repositories[0].repositoryUri' --output text)",
                                  shell_quoted(repository)),
                      "aws ecr get-login-password | docker login --username AWS --password-stdin \"${REPOSITORY_URI%%/*}\"",
                      "COMMIT=$(printf '%s' \"${CODEBUILD_RESOLVED_SOURCE_VERSION:-manual}\" | cut -c 1-7)"}},
                    {"build", std::move(build)}},
                   {"imagedefinitions.json", "imageDetail.json"});
}

std::string commands_buildspec(const dsl::ir::Action& action) {
  std::vector<std::string> commands, files;
  for (const auto& c : action.project.commands) commands.push_back(c.resolve({}, true).value_or(""));
  for (const auto& f : action.project.files) files.push_back(f.resolve({}, true).value_or(""));
  return buildspec(fmt::format("# Written by pipec for action {}.\n", action.name.text), {{"build", std::move(commands)}}, files);
}

}  // namespace pipec::emit
