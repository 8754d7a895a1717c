#pragma once
// What a file is. Every input is one of these; the classifier decides from
// its shape, `--kind` overrides.

#include <optional>
#include <span>
#include <string_view>

namespace pipec::model {

enum class Kind {
  unknown,
  pipeline,           ///< CodePipeline declaration (create-pipeline input / get-pipeline output)
  event_pattern,      ///< EventBridge event pattern
  event,              ///< an EventBridge event (envelope), a sample to test against
  put_rule,           ///< PutRule input (Name, EventPattern as a string, …)
  put_targets,        ///< PutTargets input (Rule, Targets)
  input_transformer,  ///< {"InputPathsMap", "InputTemplate"}
  input_paths,        ///< an InputPathsMap on its own (the console's "input path" box)
  image_definitions,  ///< imagedefinitions.json for the ECS standard deploy
  image_detail,       ///< imageDetail.json from the ECR source / for CodeDeployToECS
  ecr_settings,       ///< AWS ECR integration settings (ci, read, setup)
  iam_policy,         ///< an IAM policy document (Version, Statement)
  buildspec,          ///< a CodeBuild buildspec (buildspec.yml)
  azure_pipeline,     ///< an Azure Pipelines YAML file: the AWS Toolkit's ECR push task among its steps
  cloudformation,     ///< a CloudFormation template (YAML or JSON): its pipelines and EventBridge rules
  dsl,                ///< a .pipe file: pipelines and rules in pipec's language
  test_suite,         ///< a pipec test suite (*.test.yaml): rule tests for `pipec test`
  pipec_config,       ///< pipec's own configuration (.pipec.yaml)
};

struct KindInfo {
  Kind kind;
  std::string_view name;         ///< as --kind takes it
  std::string_view description;  ///< for messages and docs
};

[[nodiscard]] std::span<const KindInfo> all_kinds();
[[nodiscard]] std::string_view kind_name(Kind kind);
[[nodiscard]] std::string_view kind_description(Kind kind);
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view name);

}  // namespace pipec::model
