#include "model/kind.h"

namespace pipec::model {

namespace {

constexpr KindInfo kKinds[] = {
    {Kind::pipeline, "pipeline", "CodePipeline declaration"},
    {Kind::event_pattern, "event-pattern", "EventBridge event pattern"},
    {Kind::event, "event", "EventBridge event"},
    {Kind::put_rule, "put-rule", "EventBridge PutRule input"},
    {Kind::put_targets, "put-targets", "EventBridge PutTargets input"},
    {Kind::input_transformer, "input-transformer", "EventBridge input transformer"},
    {Kind::input_paths, "input-paths", "EventBridge input paths map"},
    {Kind::image_definitions, "image-definitions", "imagedefinitions.json (ECS standard deploy)"},
    {Kind::image_detail, "image-detail", "imageDetail.json (ECR source, CodeDeployToECS)"},
    {Kind::ecr_settings, "ecr-settings", "AWS ECR integration settings"},
    {Kind::iam_policy, "iam-policy", "IAM policy document"},
    {Kind::buildspec, "buildspec", "CodeBuild buildspec"},
    {Kind::azure_pipeline, "azure-pipeline", "Azure Pipelines YAML (the AWS Toolkit's ECRPushImage task)"},
    {Kind::cloudformation, "cloudformation", "CloudFormation template"},
    {Kind::dsl, "pipe", "pipelines and rules in pipec's language (.pipe)"},
    {Kind::test_suite, "test-suite", "rule tests for pipec test (*.test.yaml)"},
    {Kind::pipec_config, "pipec-config", "pipec's configuration (.pipec.yaml)"},
};

}  // namespace

std::span<const KindInfo> all_kinds() { return kKinds; }

std::string_view kind_name(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

std::string_view kind_description(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.description;
  }
  return "unknown kind";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

}  // namespace pipec::model
