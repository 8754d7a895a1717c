#include "dsl/emit_cloudformation.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "dsl/shapes.h"
#include "util/json_string.h"

namespace pipec::dsl {

using ir::Json;
using ir::Text;
using source::Span;

namespace {

// -- text with substitutions -----------------------------------------------------

Text lit(std::string s) { return Text::literal(std::move(s), {}); }

Text pseudo(ir::Pseudo p) {
  Text t;
  t.pieces.push_back({true, p, "", {}, ""});
  return t;
}

Text ref_piece(std::string logical_id) {
  Text t;
  t.pieces.push_back({false, ir::Pseudo::account, "", {}, std::move(logical_id)});
  return t;
}

Text cat(std::initializer_list<Text> parts) {
  Text t;
  for (const auto& part : parts) {
    for (const auto& piece : part.pieces) t.pieces.push_back(piece);
  }
  return t;
}

Json str(std::string s) { return Json::string(std::move(s), {}); }
Json sub(Text t) { return Json::string(std::move(t)); }

// The string of a Fn::Sub: literal "${" is escaped as "${!".
std::string sub_string(const Text& t) {
  std::string out;
  for (const auto& p : t.pieces) {
    if (!p.ref.empty()) {
      out += "${" + p.ref + "}";
    } else if (p.pseudo) {
      out += "${" + std::string(ir::pseudo_cloudformation(p.parameter)) + "}";
    } else {
      for (std::size_t i = 0; i < p.literal.size(); ++i) {
        out += p.literal[i];
        if (p.literal[i] == '$' && i + 1 < p.literal.size() && p.literal[i + 1] == '{') {
          out += "{!";
          ++i;
        }
      }
    }
  }
  return out;
}

// -- logical IDs -------------------------------------------------------------------

std::string pascal(std::string_view name) {
  std::string out;
  bool upper = true;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front()))) out = "X" + out;
  return out;
}

// -- IAM -----------------------------------------------------------------------------

Json statement(std::vector<std::string> actions, std::vector<Json> resources, std::optional<Json> condition = {}) {
  Json s = Json::object({});
  s.add("Effect", str("Allow"));
  Json action_list = Json::array({});
  std::sort(actions.begin(), actions.end());
  actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
  for (auto& a : actions) action_list.push(str(std::move(a)));
  s.add("Action", std::move(action_list));
  Json resource_list = Json::array({});
  for (auto& r : resources) resource_list.push(std::move(r));
  s.add("Resource", std::move(resource_list));
  if (condition) s.add("Condition", std::move(*condition));
  return s;
}

Json trust(std::string_view service) {
  Json doc = Json::object({});
  doc.add("Version", str("2012-10-17"));
  Json statements = Json::array({});
  Json s = Json::object({});
  s.add("Effect", str("Allow"));
  Json principal = Json::object({});
  principal.add("Service", str(std::string(service)));
  s.add("Principal", std::move(principal));
  s.add("Action", str("sts:AssumeRole"));
  statements.push(std::move(s));
  doc.add("Statement", std::move(statements));
  return doc;
}

Json role(std::optional<std::string> name, std::string_view service, std::string policy_name, std::vector<Json> statements) {
  Json properties = Json::object({});
  if (name) properties.add("RoleName", str(*name));
  properties.add("AssumeRolePolicyDocument", trust(service));
  Json document = Json::object({});
  document.add("Version", str("2012-10-17"));
  Json list = Json::array({});
  for (auto& s : statements) list.push(std::move(s));
  document.add("Statement", std::move(list));
  Json policy = Json::object({});
  policy.add("PolicyName", str(std::move(policy_name)));
  policy.add("PolicyDocument", std::move(document));
  Json policies = Json::array({});
  policies.push(std::move(policy));
  properties.add("Policies", std::move(policies));
  return properties;
}

Json resource(std::string type, Json properties) {
  Json r = Json::object({});
  r.add("Type", str(std::move(type)));
  r.add("Properties", std::move(properties));
  return r;
}

// An ARN in this account and Region: arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<rest>
Text arn(std::string_view service, Text rest, bool regional = true) {
  return cat({lit("arn:"), pseudo(ir::Pseudo::partition), lit(":" + std::string(service) + ":"),
              regional ? pseudo(ir::Pseudo::region) : lit(""), lit(":"), pseudo(ir::Pseudo::account), lit(":"), rest});
}

const ir::ConfigEntry* config(const ir::Action& a, std::string_view key) {
  for (const auto& c : a.configuration) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

bool starts_with_arn(const Text& t) {
  return !t.pieces.empty() && !t.pieces.front().pseudo && t.pieces.front().ref.empty() && t.pieces.front().literal.starts_with("arn:");
}

// -- the template ------------------------------------------------------------------------

class Template {
 public:
  explicit Template(const CfnInput& input) : input_(input) {}

  Json build() {
    for (const auto& p : input_.program->pipelines) pipeline(p);
    for (const auto& r : input_.program->rules) rule(r);
    Json root = Json::object({});
    root.add("AWSTemplateFormatVersion", str("2010-09-09"));
    if (!input_.description.empty()) root.add("Description", str(input_.description));
    root.add("Resources", std::move(resources_));
    if (!outputs_.members.empty()) root.add("Outputs", std::move(outputs_));
    return root;
  }

 private:
  // A logical ID for `base`, unique in the template.
  std::string id(const std::string& base) {
    std::string candidate = base;
    for (int n = 2; used_.contains(candidate); ++n) candidate = base + std::to_string(n);
    used_.insert(candidate);
    return candidate;
  }

  void output(const std::string& name, Json value, const std::string& description) {
    Json o = Json::object({});
    o.add("Description", str(description));
    o.add("Value", std::move(value));
    outputs_.add(name, std::move(o));
  }

  void pipeline(const ir::Pipeline& p) {
    const std::string base = pascal(p.name.text);
    const std::string pipeline_id = id(base + "Pipeline");
    pipeline_ids_[p.name.text] = pipeline_id;

    // The artifact bucket, when pipec creates it.
    std::optional<std::string> bucket_id;
    const bool auto_store = p.stores.empty() || std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return !s.bucket; });
    if (auto_store) {
      bucket_id = id(base + "ArtifactBucket");
      Json properties = Json::object({});
      properties.add("BucketName", sub(artifact_bucket_name(p)));
      Json versioning = Json::object({});
      versioning.add("Status", str("Enabled"));
      properties.add("VersioningConfiguration", std::move(versioning));
      Json encryption = Json::object({});
      Json rules = Json::array({});
      Json rule = Json::object({});
      Json by_default = Json::object({});
      const ir::Store* kms_store = nullptr;
      for (const auto& s : p.stores) {
        if (!s.bucket && s.kms) kms_store = &s;
      }
      by_default.add("SSEAlgorithm", str(kms_store ? "aws:kms" : "AES256"));
      if (kms_store) by_default.add("KMSMasterKeyID", sub(*kms_store->kms));
      rule.add("ServerSideEncryptionByDefault", std::move(by_default));
      rules.push(std::move(rule));
      encryption.add("ServerSideEncryptionConfiguration", std::move(rules));
      properties.add("BucketEncryption", std::move(encryption));
      Json block = Json::object({});
      for (const char* key : {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}) {
        block.add(key, Json::boolean(true, {}));
      }
      properties.add("PublicAccessBlockConfiguration", std::move(block));
      Json bucket = resource("AWS::S3::Bucket", std::move(properties));
      // Artifacts outlive a deleted stack: they are the record of what ran.
      bucket.add("DeletionPolicy", str("Retain"));
      bucket.add("UpdateReplacePolicy", str("Retain"));
      resources_.add(*bucket_id, std::move(bucket));
    }
    const auto bucket_name = [&](const ir::Store& s) -> Json {
      if (s.bucket) return sub(*s.bucket);
      return Json::ref(*bucket_id, {});
    };
    const auto bucket_arns = [&]() {
      std::vector<Json> arns;
      for (const auto& s : p.stores.empty() ? std::vector<ir::Store>{ir::Store{}} : p.stores) {
        if (s.bucket) {
          arns.push_back(sub(cat({lit("arn:"), pseudo(ir::Pseudo::partition), lit(":s3:::"), *s.bucket})));
          arns.push_back(sub(cat({lit("arn:"), pseudo(ir::Pseudo::partition), lit(":s3:::"), *s.bucket, lit("/*")})));
        } else {
          arns.push_back(Json::get_att(*bucket_id + ".Arn", {}));
          arns.push_back(sub(cat({ref_piece(*bucket_id + ".Arn"), lit("/*")})));
        }
      }
      return arns;
    };

    // Conversion steps: a CodeBuild project pipec writes, with its buildspec.
    std::map<std::string, std::string> generated_projects;  // action name -> logical id
    for (const auto& st : p.stages) {
      for (const auto& a : st.actions) {
        if (!a.generated_project) continue;
        const std::string project_id = id(base + pascal(a.name.text) + "Project");
        const std::string role_id = id(base + pascal(a.name.text) + "ProjectRole");
        generated_projects[a.name.text] = project_id;
        const std::string project_name = config(a, "ProjectName")->value.resolve({}, true).value_or("");
        std::vector<Json> statements;
        statements.push_back(statement({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
                                       {[&] {
                                         std::vector<Json> v;
                                         v.push_back(sub(arn("logs", lit("log-group:/aws/codebuild/" + project_name + "*"))));
                                         return v;
                                       }()}));
        statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}, bucket_arns()));
        resources_.add(role_id, resource("AWS::IAM::Role", role(std::nullopt, "codebuild.amazonaws.com", project_name + "-codebuild",
                                                               std::move(statements))));
        Json properties = Json::object({});
        properties.add("Name", str(project_name));
        properties.add("Description", str(fmt::format("{}: writes imagedefinitions.json from imageDetail.json", p.name.text)));
        properties.add("ServiceRole", Json::get_att(role_id + ".Arn", {}));
        Json source = Json::object({});
        source.add("Type", str("CODEPIPELINE"));
        source.add("BuildSpec", str(imagedefinitions_buildspec(a)));
        properties.add("Source", std::move(source));
        Json artifacts = Json::object({});
        artifacts.add("Type", str("CODEPIPELINE"));
        properties.add("Artifacts", std::move(artifacts));
        Json environment = Json::object({});
        environment.add("Type", str("LINUX_CONTAINER"));
        environment.add("ComputeType", str("BUILD_GENERAL1_SMALL"));
        environment.add("Image", str("aws/codebuild/amazonlinux2-x86_64-standard:5.0"));
        properties.add("Environment", std::move(environment));
        resources_.add(project_id, resource("AWS::CodeBuild::Project", std::move(properties)));
      }
    }

    // The service role, when pipec creates it: what its actions need.
    std::optional<std::string> role_id;
    if (!p.role) {
      role_id = id(base + "PipelineRole");
      resources_.add(*role_id, resource("AWS::IAM::Role", role(pipeline_role_name(p), "codepipeline.amazonaws.com",
                                                                pipeline_role_name(p), service_statements(p, bucket_arns(), generated_projects))));
    }

    Json properties = Json::object({});
    properties.add("Name", str(p.name.text));
    properties.add("RoleArn", role_id ? Json::get_att(*role_id + ".Arn", {}) : sub(*p.role));
    const auto store = [&](const ir::Store& s) {
      Json o = Json::object({});
      o.add("Type", str("S3"));
      o.add("Location", bucket_name(s));
      if (s.kms) {
        Json key = Json::object({});
        key.add("Id", sub(*s.kms));
        key.add("Type", str("KMS"));
        o.add("EncryptionKey", std::move(key));
      }
      return o;
    };
    const bool regional = std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return s.region.has_value(); });
    if (p.stores.empty()) {
      properties.add("ArtifactStore", store(ir::Store{}));
    } else if (!regional && p.stores.size() == 1) {
      properties.add("ArtifactStore", store(p.stores.front()));
    } else {
      Json stores = Json::array({});
      for (const auto& s : p.stores) {
        Json entry = Json::object({});
        entry.add("Region", s.region ? sub(*s.region) : sub(pseudo(ir::Pseudo::region)));
        entry.add("ArtifactStore", store(s));
        stores.push(std::move(entry));
      }
      properties.add("ArtifactStores", std::move(stores));
    }
    Json stages = Json::array({});
    for (const auto& st : p.stages) {
      Json stage = Json::object({});
      stage.add("Name", str(st.name.text));
      Json actions = Json::array({});
      for (const auto& a : st.actions) {
        Json action = Json::object({});
        action.add("Name", str(a.name.text));
        Json type = Json::object({});
        if (a.kind != nullptr) {
          type.add("Category", str(std::string(a.kind->category)));
          type.add("Owner", str(std::string(a.kind->owner)));
          type.add("Provider", str(std::string(a.kind->provider)));
          type.add("Version", str(std::string(a.kind->version)));
        }
        action.add("ActionTypeId", std::move(type));
        action.add("RunOrder", Json::number(std::to_string(a.run_order), {}));
        Json configuration = Json::object({});
        for (const auto& c : a.configuration) {
          if (c.key == "ProjectName" && generated_projects.contains(a.name.text)) {
            configuration.add(c.key, Json::ref(generated_projects.at(a.name.text), {}));
          } else {
            configuration.add(c.key, sub(c.value));
          }
        }
        action.add("Configuration", std::move(configuration));
        const auto artifact_list = [](const std::vector<Name>& names) {
          Json list = Json::array({});
          for (const auto& n : names) {
            Json entry = Json::object({});
            entry.add("Name", str(n.text));
            list.push(std::move(entry));
          }
          return list;
        };
        if (!a.inputs.empty()) action.add("InputArtifacts", artifact_list(a.inputs));
        if (!a.outputs.empty()) action.add("OutputArtifacts", artifact_list(a.outputs));
        if (a.region) action.add("Region", sub(*a.region));
        if (a.namespace_) action.add("Namespace", sub(*a.namespace_));
        if (a.role) action.add("RoleArn", sub(*a.role));
        if (a.timeout_minutes) action.add("TimeoutInMinutes", Json::number(a.timeout_minutes->pieces.front().literal, {}));
        actions.push(std::move(action));
      }
      stage.add("Actions", std::move(actions));
      stages.push(std::move(stage));
    }
    properties.add("Stages", std::move(stages));
    if (p.type) properties.add("PipelineType", sub(*p.type));
    if (p.mode) properties.add("ExecutionMode", sub(*p.mode));
    if (!p.variables.empty()) {
      Json variables = Json::array({});
      for (const auto& v : p.variables) {
        Json variable = Json::object({});
        variable.add("Name", str(v.name.text));
        if (v.default_value) variable.add("DefaultValue", sub(*v.default_value));
        if (v.description) variable.add("Description", sub(*v.description));
        variables.push(std::move(variable));
      }
      properties.add("Variables", std::move(variables));
    }
    resources_.add(pipeline_id, resource("AWS::CodePipeline::Pipeline", std::move(properties)));
    output(base + "PipelineName", Json::ref(pipeline_id, {}), fmt::format("the name of pipeline {}", p.name.text));
    output(base + "PipelineArn", sub(arn("codepipeline", ref_piece(pipeline_id))), fmt::format("the ARN of pipeline {}", p.name.text));
    if (role_id) output(base + "PipelineRoleArn", Json::get_att(*role_id + ".Arn", {}), fmt::format("the service role of pipeline {}", p.name.text));
    if (bucket_id) output(base + "ArtifactBucketName", Json::ref(*bucket_id, {}), fmt::format("the artifact bucket of pipeline {}", p.name.text));
  }

  std::vector<Json> service_statements(const ir::Pipeline& p, std::vector<Json> bucket_arns,
                                       const std::map<std::string, std::string>& generated_projects) {
    std::vector<Json> statements;
    statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketVersioning",
                                    "s3:GetBucketAcl", "s3:GetBucketLocation"},
                                   std::move(bucket_arns)));
    for (const auto& s : p.stores) {
      if (s.kms) {
        std::vector<Json> keys;
        keys.push_back(starts_with_arn(*s.kms) ? sub(*s.kms) : str("*"));
        statements.push_back(statement({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"}, std::move(keys)));
      }
    }
    const auto one = [](Json j) {
      std::vector<Json> v;
      v.push_back(std::move(j));
      return v;
    };
    for (const auto& st : p.stages) {
      for (const auto& a : st.actions) {
        if (a.kind == nullptr) continue;
        const std::string_view provider = a.kind->provider;
        if (provider == "ECR") {
          if (const auto* repo = config(a, "RepositoryName")) {
            statements.push_back(statement({"ecr:DescribeImages"}, one(sub(arn("ecr", cat({lit("repository/"), repo->value}))))));
          }
        } else if (provider == "S3" && a.kind->category == std::string_view("Source")) {
          const auto* bucket = config(a, "S3Bucket");
          const auto* key = config(a, "S3ObjectKey");
          if (bucket && key) {
            std::vector<Json> arns;
            arns.push_back(sub(cat({lit("arn:"), pseudo(ir::Pseudo::partition), lit(":s3:::"), bucket->value})));
            arns.push_back(sub(cat({lit("arn:"), pseudo(ir::Pseudo::partition), lit(":s3:::"), bucket->value, lit("/"), key->value})));
            statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketVersioning"}, std::move(arns)));
          }
        } else if (provider == "CodeCommit") {
          if (const auto* repo = config(a, "RepositoryName")) {
            statements.push_back(statement({"codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive",
                                            "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"},
                                           one(sub(arn("codecommit", repo->value)))));
          }
        } else if (provider == "CodeStarSourceConnection") {
          if (const auto* connection = config(a, "ConnectionArn")) {
            statements.push_back(statement({"codestar-connections:UseConnection", "codeconnections:UseConnection"},
                                           one(sub(connection->value))));
          }
        } else if (provider == "CodeBuild") {
          Json project = generated_projects.contains(a.name.text)
                             ? Json::get_att(generated_projects.at(a.name.text) + ".Arn", {})
                             : sub(arn("codebuild", cat({lit("project/"), config(a, "ProjectName") ? config(a, "ProjectName")->value : lit("*")})));
          statements.push_back(statement({"codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StartBuildBatch",
                                          "codebuild:BatchGetBuildBatches"},
                                         one(std::move(project))));
        } else if (provider == "ECS" || provider == "CodeDeployToECS") {
          // RegisterTaskDefinition takes no resource; PassRole is limited to
          // roles handed to ECS tasks.
          statements.push_back(statement({"ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:DescribeTasks",
                                          "ecs:ListTasks", "ecs:RegisterTaskDefinition", "ecs:TagResource", "ecs:UpdateService"},
                                         one(str("*"))));
          Json condition = Json::object({});
          Json equals = Json::object({});
          equals.add("iam:PassedToService", str("ecs-tasks.amazonaws.com"));
          condition.add("StringEqualsIfExists", std::move(equals));
          statements.push_back(statement({"iam:PassRole"}, one(str("*")), std::move(condition)));
          if (provider == "CodeDeployToECS") {
            const auto* application = config(a, "ApplicationName");
            const auto* group = config(a, "DeploymentGroupName");
            std::vector<Json> arns;
            if (application) arns.push_back(sub(arn("codedeploy", cat({lit("application:"), application->value}))));
            if (application && group) {
              arns.push_back(sub(arn("codedeploy", cat({lit("deploymentgroup:"), application->value, lit("/"), group->value}))));
            }
            arns.push_back(sub(arn("codedeploy", lit("deploymentconfig:*"))));
            statements.push_back(statement({"codedeploy:CreateDeployment", "codedeploy:GetDeployment", "codedeploy:GetApplication",
                                            "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision",
                                            "codedeploy:GetDeploymentConfig"},
                                           std::move(arns)));
          }
        } else if (provider == "Manual") {
          if (const auto* topic = config(a, "NotificationArn")) statements.push_back(statement({"sns:Publish"}, one(sub(topic->value))));
        } else if (provider == "Lambda") {
          if (const auto* function = config(a, "FunctionName")) {
            Json target = starts_with_arn(function->value) ? sub(function->value) : sub(arn("lambda", cat({lit("function:"), function->value})));
            statements.push_back(statement({"lambda:InvokeFunction", "lambda:ListFunctions"}, one(std::move(target))));
          }
        }
        if (a.role) statements.push_back(statement({"sts:AssumeRole"}, one(sub(*a.role))));
      }
    }
    return statements;
  }

  void rule(const ir::Rule& r) {
    const std::string base = pascal(r.name.text);
    const std::string rule_id = id(base + "Rule");
    Json properties = Json::object({});
    properties.add("Name", str(r.name.text));
    if (r.description) properties.add("Description", sub(*r.description));
    if (r.bus) properties.add("EventBusName", sub(*r.bus));
    if (r.pattern_file) {
      if (const auto it = input_.pattern_files.find(r.name.text); it != input_.pattern_files.end()) {
        properties.add("EventPattern", it->second);
      }
    } else {
      properties.add("EventPattern", r.pattern);
    }
    properties.add("State", r.state ? sub(*r.state) : str("ENABLED"));
    Json targets = Json::array({});
    std::optional<std::string> role_id;
    std::vector<Json> startable;
    for (const auto& t : r.targets) {
      const auto pipeline = pipeline_ids_.find(t.pipeline.text);
      if (pipeline == pipeline_ids_.end()) continue;  // reported when resolving
      Json target = Json::object({});
      target.add("Id", str(target_id(t)));
      Json pipeline_arn = sub(arn("codepipeline", ref_piece(pipeline->second)));
      target.add("Arn", pipeline_arn);
      if (t.role) {
        target.add("RoleArn", sub(*t.role));
      } else {
        if (!role_id) role_id = id(base + "RuleRole");
        target.add("RoleArn", Json::get_att(*role_id + ".Arn", {}));
        startable.push_back(std::move(pipeline_arn));
      }
      if (auto transformer = transformer_json(t)) target.add("InputTransformer", std::move(*transformer));
      targets.push(std::move(target));
    }
    properties.add("Targets", std::move(targets));
    if (role_id) {
      // EventBridge may start these pipelines and do nothing else.
      std::vector<Json> statements;
      statements.push_back(statement({"codepipeline:StartPipelineExecution"}, std::move(startable)));
      resources_.add(*role_id, resource("AWS::IAM::Role", role(events_role_name(r), "events.amazonaws.com", events_role_name(r),
                                                                std::move(statements))));
    }
    resources_.add(rule_id, resource("AWS::Events::Rule", std::move(properties)));
    output(base + "RuleArn", Json::get_att(rule_id + ".Arn", {}), fmt::format("the ARN of rule {}", r.name.text));
  }

  const CfnInput& input_;
  Json resources_ = Json::object({});
  Json outputs_ = Json::object({});
  std::set<std::string> used_;
  std::map<std::string, std::string> pipeline_ids_;
};

// -- writers ---------------------------------------------------------------------------

bool plain_safe(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  static constexpr std::string_view kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(std::begin(kReserved), std::end(kReserved), lower) != std::end(kReserved)) return false;
  const char first = s.front();
  if (!(std::isalpha(static_cast<unsigned char>(first)) || first == '/' || first == '_')) return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:@ ,()*").find(c) != std::string_view::npos)) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
  }
  return true;
}

std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::string yaml_scalar(std::string_view s) { return plain_safe(s) ? std::string(s) : yaml_quoted(s); }

bool is_scalar(const Json& j) { return j.kind != Json::Kind::object && j.kind != Json::Kind::array; }
bool is_empty_collection(const Json& j) {
  return (j.kind == Json::Kind::object && j.members.empty()) || (j.kind == Json::Kind::array && j.items.empty());
}

class YamlWriter {
 public:
  std::string out;

  // A scalar (or an empty collection) as it follows "key: " or "- ".
  std::string inline_value(const Json& j, std::size_t indent) {
    switch (j.kind) {
      case Json::Kind::object: return "{}";
      case Json::Kind::array: return "[]";
      case Json::Kind::text: {
        if (j.text.has_pseudo()) return "!Sub " + yaml_quoted(sub_string(j.text));
        const std::string text = j.text.resolve({}, true).value_or("");
        if (text.find('\n') != std::string::npos) {
          // A block literal, indented under its key.
          std::string block = "|";
          if (text.back() != '\n') block += "-";
          std::size_t start = 0;
          while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            const std::string_view line = std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
            block += "\n" + (line.empty() ? std::string() : std::string(indent + 2, ' ') + std::string(line));
            if (end == std::string::npos) break;
            start = end + 1;
          }
          return block;
        }
        return yaml_scalar(text);
      }
      case Json::Kind::number:
      case Json::Kind::boolean: return j.text.pieces.front().literal;
      case Json::Kind::null: return "null";
      case Json::Kind::ref: return "!Ref " + j.text.pieces.front().literal;
      case Json::Kind::get_att: return "!GetAtt " + j.text.pieces.front().literal;
    }
    return "";
  }

  void members(const Json& j, std::size_t indent, bool first_inline) {
    for (std::size_t i = 0; i < j.members.size(); ++i) {
      const auto& m = j.members[i];
      if (!(i == 0 && first_inline)) out.append(indent, ' ');
      out += yaml_scalar(m.key) + ":";
      value_after_key(m.value, indent);
    }
  }

  void value_after_key(const Json& v, std::size_t indent) {
    if (is_scalar(v) || is_empty_collection(v)) {
      out += " " + inline_value(v, indent) + "\n";
    } else if (v.kind == Json::Kind::object) {
      out += "\n";
      members(v, indent + 2, false);
    } else {
      out += "\n";
      items(v, indent + 2);
    }
  }

  void items(const Json& j, std::size_t indent) {
    for (const auto& item : j.items) {
      out.append(indent, ' ');
      out += "-";
      if (is_scalar(item) || is_empty_collection(item)) {
        out += " " + inline_value(item, indent) + "\n";
      } else if (item.kind == Json::Kind::object) {
        out += " ";
        members(item, indent + 2, true);
      } else {
        out += "\n";
        items(item, indent + 2);
      }
    }
  }
};

void json_cfn(const Json& j, std::size_t indent, std::string& out);

void json_cfn(const Json& j, std::size_t indent, std::string& out) {
  const std::string pad(indent + 2, ' ');
  switch (j.kind) {
    case Json::Kind::object:
      if (j.members.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < j.members.size(); ++i) {
        out += pad;
        util::write_json_string(j.members[i].key, out);
        out += ": ";
        json_cfn(j.members[i].value, indent + 2, out);
        out += i + 1 < j.members.size() ? ",\n" : "\n";
      }
      out += std::string(indent, ' ') + "}";
      return;
    case Json::Kind::array:
      if (j.items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < j.items.size(); ++i) {
        out += pad;
        json_cfn(j.items[i], indent + 2, out);
        out += i + 1 < j.items.size() ? ",\n" : "\n";
      }
      out += std::string(indent, ' ') + "]";
      return;
    case Json::Kind::text:
      if (j.text.has_pseudo()) {
        out += "{\"Fn::Sub\": ";
        util::write_json_string(sub_string(j.text), out);
        out += "}";
      } else {
        util::write_json_string(j.text.resolve({}, true).value_or(""), out);
      }
      return;
    case Json::Kind::number:
    case Json::Kind::boolean: out += j.text.pieces.front().literal; return;
    case Json::Kind::null: out += "null"; return;
    case Json::Kind::ref:
      out += "{\"Ref\": ";
      util::write_json_string(j.text.pieces.front().literal, out);
      out += "}";
      return;
    case Json::Kind::get_att: {
      const std::string& v = j.text.pieces.front().literal;
      const auto dot = v.find('.');
      out += "{\"Fn::GetAtt\": [";
      util::write_json_string(v.substr(0, dot), out);
      out += ", ";
      util::write_json_string(dot == std::string::npos ? "" : v.substr(dot + 1), out);
      out += "]}";
      return;
    }
  }
}

}  // namespace

std::string emit_cloudformation(const CfnInput& input, CfnFormat format) {
  Template t(input);
  const Json root = t.build();
  if (format == CfnFormat::json) {
    std::string out;
    json_cfn(root, 0, out);
    return out + "\n";
  }
  YamlWriter writer;
  writer.members(root, 0, false);
  return writer.out;
}

std::string imagedefinitions_buildspec(const ir::Action& action) {
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

Json json_from_document(const syntax::Document& document, syntax::NodeId node) {
  const auto& n = document.node(node);
  switch (n.kind) {
    case syntax::NodeKind::object: {
      Json o = Json::object(n.span);
      for (const auto& m : document.members(node)) o.add(m.key, json_from_document(document, m.value), m.key_span);
      return o;
    }
    case syntax::NodeKind::array: {
      Json a = Json::array(n.span);
      for (const auto item : document.items(node)) a.push(json_from_document(document, item));
      return a;
    }
    case syntax::NodeKind::string: return Json::string(n.text, n.span);
    case syntax::NodeKind::number: return Json::number(n.text, n.span);
    case syntax::NodeKind::boolean: return Json::boolean(n.boolean, n.span);
    default: return Json{Json::Kind::null, n.span, {}, {}, {}};
  }
}

}  // namespace pipec::dsl
