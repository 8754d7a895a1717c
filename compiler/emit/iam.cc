#include "emit/iam.h"

#include <algorithm>

#include "emit/api_shapes.h"

namespace pipec::emit {

namespace ir = dsl::ir;
using ir::Json;
using ir::Text;

namespace {

Json trust(std::string_view service) {
  Json doc = Json::object({});
  doc.add("Version", Json::string("2012-10-17"));
  Json statements = Json::array({});
  Json s = Json::object({});
  s.add("Effect", Json::string("Allow"));
  Json principal = Json::object({});
  principal.add("Service", Json::string(std::string(service)));
  s.add("Principal", std::move(principal));
  s.add("Action", Json::string("sts:AssumeRole"));
  statements.push(std::move(s));
  doc.add("Statement", std::move(statements));
  return doc;
}

}  // namespace

const ir::ConfigEntry* config(const ir::Action& a, std::string_view key) {
  for (const auto& c : a.configuration) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

Json statement(std::vector<std::string> actions, std::vector<Json> resources, std::optional<Json> condition) {
  Json s = Json::object({});
  s.add("Effect", Json::string("Allow"));
  Json action_list = Json::array({});
  std::sort(actions.begin(), actions.end());
  actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
  for (auto& a : actions) action_list.push(Json::string(std::move(a)));
  s.add("Action", std::move(action_list));
  Json resource_list = Json::array({});
  for (auto& r : resources) resource_list.push(std::move(r));
  s.add("Resource", std::move(resource_list));
  if (condition) s.add("Condition", std::move(*condition));
  return s;
}

Json statement(std::vector<std::string> actions, Json resource, std::optional<Json> condition) {
  std::vector<Json> resources;
  resources.push_back(std::move(resource));
  return statement(std::move(actions), std::move(resources), std::move(condition));
}

Json policy_document(std::vector<Json> statements) {
  Json document = Json::object({});
  document.add("Version", Json::string("2012-10-17"));
  Json list = Json::array({});
  for (auto& s : statements) list.push(std::move(s));
  document.add("Statement", std::move(list));
  return document;
}

Json role(std::optional<std::string> name, std::string_view service, std::string policy_name, std::vector<Json> statements) {
  Json properties = Json::object({});
  if (name) properties.add("RoleName", Json::string(*name));
  properties.add("AssumeRolePolicyDocument", trust(service));
  Json policy = Json::object({});
  policy.add("PolicyName", Json::string(std::move(policy_name)));
  policy.add("PolicyDocument", policy_document(std::move(statements)));
  Json policies = Json::array({});
  policies.push(std::move(policy));
  properties.add("Policies", std::move(policies));
  return properties;
}

std::vector<Json> artifact_key_statements(const ir::Pipeline& p, const std::optional<std::string>& generated_key_id) {
  std::vector<Json> statements;
  for (const auto& s : p.stores) {
    if (!s.kms) continue;
    std::vector<Json> keys;
    if (s.generated_key && generated_key_id) {
      keys.push_back(Json::get_att(*generated_key_id + ".Arn", {}));  // IAM matches keys by key ARN, not alias
    } else {
      keys.push_back(written_as_arn(*s.kms) ? Json::string(*s.kms) : Json::string("*"));
    }
    statements.push_back(statement({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"}, std::move(keys)));
  }
  return statements;
}

std::vector<Json> pipeline_service_statements(const ir::Pipeline& p, std::vector<Json> bucket_arns,
                                            const std::map<std::string, std::string>& generated_projects,
                                            const std::optional<std::string>& generated_key_id) {
  std::vector<Json> statements;
  statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketVersioning",
                                  "s3:GetBucketAcl", "s3:GetBucketLocation"},
                                 std::move(bucket_arns)));
  for (auto& k : artifact_key_statements(p, generated_key_id)) statements.push_back(std::move(k));
  for (const auto& st : p.stages) {
    for (const auto& a : st.actions) {
      if (a.kind == nullptr) continue;
      const std::string_view provider = a.kind->provider;
      if (provider == "ECR") {
        if (const auto* repo = config(a, "RepositoryName")) {
          statements.push_back(statement({"ecr:DescribeImages"}, Json::string(arn("ecr", ArnScope::regional, Text::concat({Text::literal("repository/"), repo->value})))));
        }
      } else if (provider == "S3" && a.kind->category == std::string_view("Source")) {
        const auto* bucket = config(a, "S3Bucket");
        const auto* key = config(a, "S3ObjectKey");
        if (bucket && key) {
          std::vector<Json> arns;
          arns.push_back(Json::string(Text::concat({Text::literal("arn:"), Text::pseudo(ir::Pseudo::partition), Text::literal(":s3:::"), bucket->value})));
          arns.push_back(Json::string(Text::concat({Text::literal("arn:"), Text::pseudo(ir::Pseudo::partition), Text::literal(":s3:::"), bucket->value, Text::literal("/"), key->value})));
          statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketVersioning"}, std::move(arns)));
        }
      } else if (provider == "CodeCommit") {
        if (const auto* repo = config(a, "RepositoryName")) {
          statements.push_back(statement({"codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive",
                                          "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"},
                                         Json::string(arn("codecommit", ArnScope::regional, repo->value))));
        }
      } else if (provider == "CodeStarSourceConnection") {
        if (const auto* connection = config(a, "ConnectionArn")) {
          // The action of the service the ARN names: IAM's codestar-connections
          // actions act on codestar-connections ARNs, codeconnections' on
          // codeconnections ARNs (the service's new name, AWS's default since 2024).
          const auto stand_in = connection->value.resolve({}, true);
          const bool legacy = stand_in && stand_in->find(":codestar-connections:") != std::string::npos;
          statements.push_back(statement({legacy ? "codestar-connections:UseConnection" : "codeconnections:UseConnection"},
                                         Json::string(connection->value)));
        }
      } else if (provider == "CodeBuild") {
        Json project = generated_projects.contains(a.name.text)
                           ? Json::get_att(generated_projects.at(a.name.text) + ".Arn", {})
                           : Json::string(arn("codebuild", ArnScope::regional, Text::concat({Text::literal("project/"), config(a, "ProjectName") ? config(a, "ProjectName")->value : Text::literal("*")})));
        statements.push_back(statement({"codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StartBuildBatch",
                                        "codebuild:BatchGetBuildBatches"},
                                       std::move(project)));
      } else if (provider == "ECS" || provider == "CodeDeployToECS") {
        // RegisterTaskDefinition takes no resource; PassRole is limited to
        // roles handed to ECS tasks.
        statements.push_back(statement({"ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:DescribeTasks",
                                        "ecs:ListTasks", "ecs:RegisterTaskDefinition", "ecs:TagResource", "ecs:UpdateService"},
                                       Json::string("*")));
        Json condition = Json::object({});
        Json equals = Json::object({});
        equals.add("iam:PassedToService", Json::string("ecs-tasks.amazonaws.com"));
        condition.add("StringEqualsIfExists", std::move(equals));
        statements.push_back(statement({"iam:PassRole"}, Json::string("*"), std::move(condition)));
        if (provider == "CodeDeployToECS") {
          const auto* application = config(a, "ApplicationName");
          const auto* group = config(a, "DeploymentGroupName");
          std::vector<Json> arns;
          if (application) arns.push_back(Json::string(arn("codedeploy", ArnScope::regional, Text::concat({Text::literal("application:"), application->value}))));
          if (application && group) {
            arns.push_back(Json::string(arn("codedeploy", ArnScope::regional, Text::concat({Text::literal("deploymentgroup:"), application->value, Text::literal("/"), group->value}))));
          }
          arns.push_back(Json::string(arn("codedeploy", ArnScope::regional, Text::literal("deploymentconfig:*"))));
          statements.push_back(statement({"codedeploy:CreateDeployment", "codedeploy:GetDeployment", "codedeploy:GetApplication",
                                          "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision",
                                          "codedeploy:GetDeploymentConfig"},
                                         std::move(arns)));
        }
      } else if (provider == "Manual") {
        if (const auto* topic = config(a, "NotificationArn")) statements.push_back(statement({"sns:Publish"}, Json::string(topic->value)));
      } else if (provider == "Lambda") {
        if (const auto* function = config(a, "FunctionName")) {
          Json target = written_as_arn(function->value) ? Json::string(function->value) : Json::string(arn("lambda", ArnScope::regional, Text::concat({Text::literal("function:"), function->value})));
          statements.push_back(statement({"lambda:InvokeFunction"}, std::move(target)));
          // The Lambda action's documented permissions also list functions,
          // which IAM allows only on Resource "*".
          statements.push_back(statement({"lambda:ListFunctions"}, Json::string("*")));
        }
      }
      if (a.role) statements.push_back(statement({"sts:AssumeRole"}, Json::string(*a.role)));
    }
  }
  return statements;
}

}  // namespace pipec::emit
