#include <fmt/core.h>

#include <algorithm>

#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace configuration_artifact_not_an_input {
namespace {

// Configuration keys that name one of the action's input artifacts, by
// provider. A value like "Source::template.yaml" names the artifact before "::".
struct ArtifactKey {
  std::string_view provider;
  std::string_view key;
  bool with_path;  ///< "Artifact::path/in/it"
};
constexpr ArtifactKey kKeys[] = {
    {"CodeDeployToECS", "TaskDefinitionTemplateArtifact", false},
    {"CodeDeployToECS", "AppSpecTemplateArtifact", false},
    {"CodeDeployToECS", "Image1ArtifactName", false},
    {"CodeDeployToECS", "Image2ArtifactName", false},
    {"CodeDeployToECS", "Image3ArtifactName", false},
    {"CodeDeployToECS", "Image4ArtifactName", false},
    {"CloudFormation", "TemplatePath", true},
    {"CloudFormation", "TemplateConfiguration", true},
    {"CloudFormationStackSet", "TemplatePath", true},
    {"CloudFormationStackSet", "Parameters", true},
    {"CodeBuild", "PrimarySource", false},
};

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (a.inputs_unresolved || a.configuration_unresolved) continue;
        std::vector<std::string> inputs;
        for (const auto& i : a.inputs) inputs.push_back(i.value);
        for (const auto& k : kKeys) {
          if (a.provider() != k.provider) continue;
          const auto* entry = a.config(k.key);
          if (entry == nullptr || entry->value.value.empty()) continue;
          std::string_view value = entry->value.value;
          if (k.with_path) {
            const auto separator = value.find("::");
            if (separator == std::string_view::npos) continue;  // a path in a bucket, or a literal: not an artifact
            value = value.substr(0, separator);
          }
          if (std::find(inputs.begin(), inputs.end(), value) != inputs.end()) continue;
          auto& f = out.report(entry->value.span, fmt::format("{} of action {} names artifact {}, which is not one of its input artifacts",
                                                            k.key, util::quote(a.display_name()), util::quote(value)))
                        .with_label("not an input of this action");
          if (const auto guess = util::closest_match(value, inputs)) {
            f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
          } else if (inputs.empty()) {
            f.with_help(fmt::format("add {} to the action's input artifacts", util::quote(value)));
          } else {
            f.with_note(fmt::format("its input artifacts: {}", util::quote_list(inputs, "and")));
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace configuration_artifact_not_an_input

extern const check::Rule kConfigurationArtifactNotAnInput{
    {
        .id = "CP2006",
        .name = "configuration-artifact-not-an-input",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "an action's configuration names an artifact that is not one of its input artifacts",
        .rationale = R"md(## What it checks
Configuration settings that name one of the action's own input artifacts: CodeDeployToECS's
`TaskDefinitionTemplateArtifact`, `AppSpecTemplateArtifact` and `Image1ArtifactName` … `Image4ArtifactName`;
CloudFormation's `TemplatePath` and `TemplateConfiguration` (`Artifact::file`) and the stack-set action's;
CodeBuild's `PrimarySource`. Each must be one of the names in the action's `inputArtifacts`.

## Why it matters
The action fails when it runs (`The artifact … is not an input artifact of the action`), after the source stage
has already run: a deployment that was supposed to happen does not. Renaming an artifact in one place and not
in the other is the usual cause.

## How to fix
Name one of the action's input artifacts, or add the artifact to them; the help names the nearest one.

## References
- CodePipeline User Guide: Amazon ECS and CodeDeploy blue-green deploy action reference; AWS CloudFormation
  deploy action reference; AWS CodeBuild build and test action reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-ECSbluegreen.html",
    },
    configuration_artifact_not_an_input::check};

}  // namespace pipec::rules
