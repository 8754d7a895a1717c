#include "model/pipeline_permissions.h"

#include "aws/arn.h"
#include "model/iam_access.h"
#include "model/iam_policy.h"
#include "util/text.h"

namespace pipec::model {

namespace {

// A configuration value that names one resource by its plain name.
const ConfigEntry* name_of(const Action& a, std::string_view key) {
  const auto* e = a.config(key);
  if (e == nullptr || e->value.value.empty() || e->value.value.find("#{") != std::string::npos) return nullptr;
  return e;
}

// A name, or the last part of an ARN written in its place.
std::string plain_name(std::string_view value, char separator) {
  if (!value.starts_with("arn:")) return std::string(value);
  return std::string(value.substr(value.rfind(separator) + 1));
}

}  // namespace

std::string Permission::what() const { return name ? std::string(noun) + " " + util::quote(*name) : std::string(noun); }

std::vector<Permission> action_permissions(const Action& a) {
  std::vector<Permission> out;
  if (a.owner() != "AWS" || a.configuration_unresolved) return out;
  const auto add = [&](std::string_view action, std::string resource, std::string_view noun, std::optional<std::string> name = std::nullopt) {
    out.push_back({action, std::move(resource), noun, std::move(name)});
  };
  if (a.is("AWS", "Source", "ECR")) {
    if (const auto* repo = name_of(a, "RepositoryName")) {
      add("ecr:DescribeImages", arn_pattern("ecr", "repository/", repo->value.value), "repository", repo->value.value);
    }
  } else if (a.provider() == "CodeBuild") {
    if (const auto* project = name_of(a, "ProjectName")) {
      const std::string name = plain_name(project->value.value, '/');
      const std::string arn = arn_pattern("codebuild", "project/", name);
      add("codebuild:StartBuild", arn, "project", name);
      add("codebuild:BatchGetBuilds", arn, "project", name);
    }
  } else if (a.is("AWS", "Deploy", "ECS")) {
    const auto* cluster = name_of(a, "ClusterName");
    const auto* service = name_of(a, "ServiceName");
    if (cluster && service) {
      const std::string name = plain_name(cluster->value.value, '/') + "/" + plain_name(service->value.value, '/');
      const std::string arn = arn_pattern("ecs", "service/", name);
      add("ecs:UpdateService", arn, "service", name);
      add("ecs:DescribeServices", arn, "service", name);
    }
    add("ecs:RegisterTaskDefinition", "*", "task definitions");
    add("iam:PassRole", arn_pattern("iam", "role/", "*"), "the task's roles");
  } else if (a.is("AWS", "Deploy", "CodeDeployToECS")) {
    const auto* app = name_of(a, "ApplicationName");
    const auto* group = name_of(a, "DeploymentGroupName");
    if (app && group) {
      const std::string name = app->value.value + "/" + group->value.value;
      add("codedeploy:CreateDeployment", arn_pattern("codedeploy", "deploymentgroup:", name), "deployment group", name);
    }
    add("ecs:RegisterTaskDefinition", "*", "task definitions");
    add("iam:PassRole", arn_pattern("iam", "role/", "*"), "the task's roles");
  } else if (a.is("AWS", "Invoke", "Lambda")) {
    if (const auto* function = name_of(a, "FunctionName")) {
      const std::string name = plain_name(function->value.value, ':');
      add("lambda:InvokeFunction", arn_pattern("lambda", "function:", name), "function", name);
    }
  } else if (a.is("AWS", "Approval", "Manual")) {
    if (const auto* topic = name_of(a, "NotificationArn"); topic && topic->value.value.starts_with("arn:")) {
      add("sns:Publish", unknown_as_wildcards(topic->value.value), "topic", plain_name(topic->value.value, ':'));
    }
  }
  return out;
}

std::vector<Permission> store_permissions(const ArtifactStore& store) {
  std::vector<Permission> out;
  if (store.location && !store.location->value.empty()) {
    // S3's ARNs name no Region or account.
    const std::string objects = unknown_as_wildcards("arn:*:s3:::" + store.location->value + "/*");
    out.push_back({"s3:PutObject", objects, "bucket", store.location->value});
    out.push_back({"s3:GetObject", objects, "bucket", store.location->value});
  }
  if (store.kms_key && !store.kms_key->value.empty()) {
    // A key ID, an alias or an ARN: only an ARN says which key.
    const std::string key = store.kms_key->value.starts_with("arn:") ? unknown_as_wildcards(store.kms_key->value)
                                                                      : arn_pattern("kms", "", "*");
    out.push_back({"kms:GenerateDataKey", key, "the store's KMS key", std::nullopt});
    out.push_back({"kms:Decrypt", key, "the store's KMS key", std::nullopt});
  }
  return out;
}

}  // namespace pipec::model
