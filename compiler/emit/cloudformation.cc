#include "emit/cloudformation.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "emit/api_shapes.h"
#include "emit/buildspec.h"
#include "emit/iam.h"
#include "emit/json_text.h"
#include "emit/yaml_text.h"

namespace pipec::emit {

namespace ir = dsl::ir;
using dsl::Name;
using ir::Json;
using ir::Text;

namespace {

Json resource(std::string type, Json properties) {
  Json r = Json::object({});
  r.add("Type", Json::string(std::move(type)));
  r.add("Properties", std::move(properties));
  return r;
}

class Template {
 public:
  explicit Template(const CfnInput& input) : input_(input) {}

  Json build() {
    // Parameters, resources and outputs share one namespace of logical IDs.
    Json parameters = Json::object({});
    for (const auto& p : input_.program->parameters) {
      used_.insert(p.name.text);
      Json parameter = Json::object({});
      parameter.add("Type", Json::string("String"));
      parameter.add("Default", Json::string(p.default_value));
      if (!p.allowed.empty()) {
        Json allowed = Json::array({});
        for (const auto& a : p.allowed) allowed.push(Json::string(a));
        parameter.add("AllowedValues", std::move(allowed));
      }
      if (p.description) parameter.add("Description", Json::string(*p.description));
      parameters.add(p.name.text, std::move(parameter));
    }
    for (const auto& o : input_.program->outputs) {
      used_.insert(o.name.text);
      Json output = Json::object({});
      if (o.description) output.add("Description", Json::string(*o.description));
      output.add("Value", Json::string(o.value));
      outputs_.add(o.name.text, std::move(output));
    }
    for (const auto& p : input_.program->pipelines) pipeline(p);
    for (const auto& r : input_.program->rules) rule(r);
    Json root = Json::object({});
    root.add("AWSTemplateFormatVersion", Json::string("2010-09-09"));
    if (!input_.description.empty()) root.add("Description", Json::string(input_.description));
    if (!parameters.members.empty()) root.add("Parameters", std::move(parameters));
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
    o.add("Description", Json::string(description));
    o.add("Value", std::move(value));
    outputs_.add(name, std::move(o));
  }

  void pipeline(const ir::Pipeline& p) {
    const std::size_t first_resource = resources_.members.size();
    resources(p);
    // The pipeline's tags go on everything pipec creates for it.
    if (p.tags.empty()) return;
    for (std::size_t i = first_resource; i < resources_.members.size(); ++i) {
      Json& r = resources_.members[i].value;
      const Json* type = r.get("Type");
      Json* properties = nullptr;
      for (auto& m : r.members) {
        if (m.key == "Properties") properties = &m.value;
      }
      if (type == nullptr || properties == nullptr) continue;
      const std::string kind = type->text.resolve({}, true).value_or("");
      // Only the types that take Tags (an alias, a policy, a permission do not).
      static const std::set<std::string> kTagged = {"AWS::CodePipeline::Pipeline", "AWS::S3::Bucket", "AWS::IAM::Role",
                                                    "AWS::CodeBuild::Project", "AWS::KMS::Key",
                                                    "AWS::CodeStarNotifications::NotificationRule"};
      if (!kTagged.contains(kind)) continue;
      if (kind == "AWS::CodeStarNotifications::NotificationRule") {
        // A map of key to value here, where the others take a list.
        Json tags = Json::object({});
        for (const auto& t : p.tags) tags.add(t.key.resolve({}, true).value_or(""), Json::string(t.value));
        properties->add("Tags", std::move(tags));
        continue;
      }
      Json tags = Json::array({});
      for (const auto& t : p.tags) {
        Json tag = Json::object({});
        tag.add("Key", Json::string(t.key));
        tag.add("Value", Json::string(t.value));
        tags.push(std::move(tag));
      }
      properties->add("Tags", std::move(tags));
    }
  }

  // The pipeline's resources: itself, and what pipec creates for it.
  void resources(const ir::Pipeline& p) {
    const std::string base = logical_id_stem(p.name.text);
    const std::string pipeline_id = id(base + "Pipeline");
    pipeline_ids_[p.name.text] = pipeline_id;

    // The artifact key, when the pipeline shares its artifacts with other
    // accounts: this account administers it, they may use it.
    std::optional<std::string> key_id;
    if (std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return s.generated_key; })) {
      key_id = id(base + "ArtifactKey");
      std::vector<Json> statements;
      Json own = Json::object({});
      own.add("AWS", Json::string(arn("iam", ArnScope::account, Text::literal("root"))));
      Json administer = statement({"kms:*"}, Json::string("*"));
      administer.add("Principal", std::move(own));
      statements.push_back(std::move(administer));
      Json use = statement({"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"}, Json::string("*"));
      use.add("Principal", trusted_accounts(p));
      statements.push_back(std::move(use));
      Json properties = Json::object({});
      properties.add("Description", Json::string(fmt::format("{}: encrypts the artifacts shared with {}", p.name.text,
                                                             p.trusted_accounts.size() == 1 ? "account " + p.trusted_accounts.front()
                                                                                           : "other accounts")));
      properties.add("EnableKeyRotation", Json::boolean(true, {}));
      properties.add("KeyPolicy", policy_document(std::move(statements)));
      Json key = resource("AWS::KMS::Key", std::move(properties));
      key.add("DeletionPolicy", Json::string("Retain"));
      key.add("UpdateReplacePolicy", Json::string("Retain"));
      resources_.add(*key_id, std::move(key));
      // The alias the CodePipeline JSON names the key by.
      Json alias = Json::object({});
      alias.add("AliasName", Json::string("alias/" + p.name.text + "-artifacts"));
      alias.add("TargetKeyId", Json::ref(*key_id, {}));
      resources_.add(id(base + "ArtifactKeyAlias"), resource("AWS::KMS::Alias", std::move(alias)));
    }
    // A store's key: the key pipec creates, or as written.
    const auto store_key = [&](const ir::Store& s) {
      return s.generated_key && key_id ? Json::get_att(*key_id + ".Arn", {}) : Json::string(*s.kms);
    };

    // The artifact bucket, when pipec creates it.
    std::optional<std::string> bucket_id;
    const bool auto_store = p.stores.empty() || std::any_of(p.stores.begin(), p.stores.end(), [](const ir::Store& s) { return !s.bucket; });
    if (auto_store) {
      bucket_id = id(base + "ArtifactBucket");
      Json properties = Json::object({});
      properties.add("BucketName", Json::string(artifact_bucket_name(p)));
      Json versioning = Json::object({});
      versioning.add("Status", Json::string("Enabled"));
      properties.add("VersioningConfiguration", std::move(versioning));
      Json encryption = Json::object({});
      Json rules = Json::array({});
      Json rule = Json::object({});
      Json by_default = Json::object({});
      const ir::Store* kms_store = nullptr;
      for (const auto& s : p.stores) {
        if (!s.bucket && s.kms) kms_store = &s;
      }
      by_default.add("SSEAlgorithm", Json::string(kms_store ? "aws:kms" : "AES256"));
      if (kms_store) by_default.add("KMSMasterKeyID", store_key(*kms_store));
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
      bucket.add("DeletionPolicy", Json::string("Retain"));
      bucket.add("UpdateReplacePolicy", Json::string("Retain"));
      resources_.add(*bucket_id, std::move(bucket));
      if (!p.trusted_accounts.empty()) bucket_policy(p, *bucket_id, base);
    }
    const auto bucket_name = [&](const ir::Store& s) -> Json {
      if (s.bucket) return Json::string(*s.bucket);
      return Json::ref(*bucket_id, {});
    };
    const auto bucket_arns = [&]() {
      std::vector<Json> arns;
      for (const auto& s : p.stores.empty() ? std::vector<ir::Store>{ir::Store{}} : p.stores) {
        if (s.bucket) {
          arns.push_back(Json::string(Text::concat({Text::literal("arn:"), Text::pseudo(ir::Pseudo::partition), Text::literal(":s3:::"), *s.bucket})));
          arns.push_back(Json::string(Text::concat({Text::literal("arn:"), Text::pseudo(ir::Pseudo::partition), Text::literal(":s3:::"), *s.bucket, Text::literal("/*")})));
        } else {
          arns.push_back(Json::get_att(*bucket_id + ".Arn", {}));
          arns.push_back(Json::string(Text::concat({Text::reference(*bucket_id + ".Arn"), Text::literal("/*")})));
        }
      }
      return arns;
    };

    // The CodeBuild projects pipec writes for actions that name none.
    std::map<std::string, std::string> generated_projects;  // action name -> logical id
    for (const auto& st : p.stages) {
      for (const auto& a : st.actions) {
        if (a.generated_project) generated_projects[a.name.text] = project(p, a, base, bucket_arns(), key_id);
      }
    }

    // The service role, when pipec creates it: what its actions need.
    std::optional<std::string> role_id;
    if (!p.role) {
      role_id = id(base + "PipelineRole");
      resources_.add(*role_id, resource("AWS::IAM::Role", role(pipeline_role_name(p), "codepipeline.amazonaws.com",
                                                                pipeline_role_name(p), pipeline_service_statements(p, bucket_arns(), generated_projects, key_id))));
    }

    Json properties = Json::object({});
    properties.add("Name", Json::string(p.name.text));
    properties.add("RoleArn", role_id ? Json::get_att(*role_id + ".Arn", {}) : Json::string(*p.role));
    const auto store = [&](const ir::Store& s) {
      Json o = Json::object({});
      o.add("Type", Json::string("S3"));
      o.add("Location", bucket_name(s));
      if (s.kms) {
        Json key = Json::object({});
        key.add("Id", store_key(s));
        key.add("Type", Json::string("KMS"));
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
        entry.add("Region", s.region ? Json::string(*s.region) : Json::string(Text::pseudo(ir::Pseudo::region)));
        entry.add("ArtifactStore", store(s));
        stores.push(std::move(entry));
      }
      properties.add("ArtifactStores", std::move(stores));
    }
    Json stages = Json::array({});
    for (const auto& st : p.stages) {
      Json stage = Json::object({});
      stage.add("Name", Json::string(st.name.text));
      Json actions = Json::array({});
      for (const auto& a : st.actions) {
        Json action = Json::object({});
        action.add("Name", Json::string(a.name.text));
        Json type = Json::object({});
        if (a.kind != nullptr) {
          type.add("Category", Json::string(std::string(a.kind->category)));
          type.add("Owner", Json::string(std::string(a.kind->owner)));
          type.add("Provider", Json::string(std::string(a.kind->provider)));
          type.add("Version", Json::string(std::string(a.kind->version)));
        }
        action.add("ActionTypeId", std::move(type));
        action.add("RunOrder", Json::number(std::to_string(a.run_order), {}));
        Json configuration = Json::object({});
        for (const auto& c : a.configuration) {
          if (c.key == "ProjectName" && generated_projects.contains(a.name.text)) {
            configuration.add(c.key, Json::ref(generated_projects.at(a.name.text), {}));
          } else {
            configuration.add(c.key, Json::string(c.value));
          }
        }
        action.add("Configuration", std::move(configuration));
        const auto artifact_list = [](const std::vector<Name>& names) {
          Json list = Json::array({});
          for (const auto& n : names) {
            Json entry = Json::object({});
            entry.add("Name", Json::string(n.text));
            list.push(std::move(entry));
          }
          return list;
        };
        if (!a.inputs.empty()) action.add("InputArtifacts", artifact_list(a.inputs));
        if (!a.outputs.empty()) action.add("OutputArtifacts", artifact_list(a.outputs));
        if (a.region) action.add("Region", Json::string(*a.region));
        if (a.namespace_) action.add("Namespace", Json::string(*a.namespace_));
        if (a.role) action.add("RoleArn", Json::string(*a.role));
        if (a.timeout_minutes) action.add("TimeoutInMinutes", Json::number(a.timeout_minutes->pieces.front().literal, {}));
        actions.push(std::move(action));
      }
      stage.add("Actions", std::move(actions));
      // CloudFormation takes ROLLBACK and RETRY only; FAIL, the API's third
      // value, is what a stage does anyway.
      if (auto failure = on_failure_json(st); failure && st.on_failure->result.resolve({}, true) != "FAIL") {
        stage.add("OnFailure", cloudformation_keys(std::move(*failure)));
      }
      stages.push(std::move(stage));
    }
    properties.add("Stages", std::move(stages));
    if (p.type) properties.add("PipelineType", Json::string(*p.type));
    if (p.mode) properties.add("ExecutionMode", Json::string(*p.mode));
    if (!p.variables.empty()) {
      Json variables = Json::array({});
      for (const auto& v : p.variables) {
        Json variable = Json::object({});
        variable.add("Name", Json::string(v.name.text));
        if (v.default_value) variable.add("DefaultValue", Json::string(*v.default_value));
        if (v.description) variable.add("Description", Json::string(*v.description));
        variables.push(std::move(variable));
      }
      properties.add("Variables", std::move(variables));
    }
    if (!p.triggers.empty()) properties.add("Triggers", cloudformation_keys(triggers_json(p)));
    resources_.add(pipeline_id, resource("AWS::CodePipeline::Pipeline", std::move(properties)));
    for (std::size_t i = 0; i < p.notifications.size(); ++i) notification(p, p.notifications[i], i, pipeline_id, base);
    output(base + "PipelineName", Json::ref(pipeline_id, {}), fmt::format("the name of pipeline {}", p.name.text));
    output(base + "PipelineArn", Json::string(arn("codepipeline", ArnScope::regional, Text::reference(pipeline_id))), fmt::format("the ARN of pipeline {}", p.name.text));
    if (role_id) output(base + "PipelineRoleArn", Json::get_att(*role_id + ".Arn", {}), fmt::format("the service role of pipeline {}", p.name.text));
    if (bucket_id) output(base + "ArtifactBucketName", Json::ref(*bucket_id, {}), fmt::format("the artifact bucket of pipeline {}", p.name.text));
  }

  // {"AWS": [the roots of the other accounts the pipeline shares with]}
  static Json trusted_accounts(const ir::Pipeline& p) {
    Json roots = Json::array({});
    for (const auto& account : p.trusted_accounts) roots.push(Json::string(account_root(account)));
    Json principal = Json::object({});
    principal.add("AWS", std::move(roots));
    return principal;
  }

  // The other accounts' roots may read and write the artifacts (their
  // action roles still need their own IAM permissions).
  void bucket_policy(const ir::Pipeline& p, const std::string& bucket_id, const std::string& base) {
    Json read_write = statement({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"},
                                Json::string(Text::concat({Text::reference(bucket_id + ".Arn"), Text::literal("/*")})));
    read_write.add("Principal", trusted_accounts(p));
    Json list = statement({"s3:GetBucketLocation", "s3:ListBucket"}, Json::get_att(bucket_id + ".Arn", {}));
    list.add("Principal", trusted_accounts(p));
    std::vector<Json> statements;
    statements.push_back(std::move(read_write));
    statements.push_back(std::move(list));
    Json properties = Json::object({});
    properties.add("Bucket", Json::ref(bucket_id, {}));
    properties.add("PolicyDocument", policy_document(std::move(statements)));
    resources_.add(id(base + "ArtifactBucketPolicy"), resource("AWS::S3::BucketPolicy", std::move(properties)));
  }

  // A CodeStar Notifications rule: the pipeline's events, to an SNS topic.
  void notification(const ir::Pipeline& p, const ir::Notification& n, std::size_t index, const std::string& pipeline_id,
                    const std::string& base) {
    const std::string suffix = index == 0 ? "" : std::to_string(index + 1);
    Json properties = Json::object({});
    properties.add("Name", Json::string((p.name.text + "-notify" + (suffix.empty() ? "" : "-" + suffix)).substr(0, 64)));
    properties.add("DetailType", Json::string(n.detail));
    Json events = Json::array({});
    for (const auto& e : n.events) events.push(Json::string(e));
    properties.add("EventTypeIds", std::move(events));
    properties.add("Resource", Json::string(arn("codepipeline", ArnScope::regional, Text::reference(pipeline_id))));
    Json target = Json::object({});
    target.add("TargetType", Json::string("SNS"));
    target.add("TargetAddress", Json::string(n.topic));
    Json targets = Json::array({});
    targets.push(std::move(target));
    properties.add("Targets", std::move(targets));
    resources_.add(id(base + "Notifications" + suffix), resource("AWS::CodeStarNotifications::NotificationRule", std::move(properties)));
  }

  // An action's CodeBuild project and its role; returns the project's logical ID.
  std::string project(const ir::Pipeline& p, const ir::Action& a, const std::string& base, std::vector<Json> bucket_arns,
                      const std::optional<std::string>& key_id) {
    const std::string project_id = id(base + logical_id_stem(a.name.text) + "Project");
    const std::string role_id = id(base + logical_id_stem(a.name.text) + "ProjectRole");
    const std::string project_name = config(a, "ProjectName")->value.resolve({}, true).value_or("");
    const ir::BuildProject& build = a.project;
    const std::string_view word = a.kind->word;
    std::vector<Json> statements;
    statements.push_back(statement({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
                                   Json::string(arn("logs", ArnScope::regional, Text::literal("log-group:/aws/codebuild/" + project_name + "*")))));
    statements.push_back(statement({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}, std::move(bucket_arns)));
    for (auto& k : artifact_key_statements(p, key_id)) statements.push_back(std::move(k));
    if (word == "docker" && build.repository) {
      // Log in (an account-wide token), push, and read the repository's URI.
      statements.push_back(statement({"ecr:GetAuthorizationToken"}, Json::string("*")));
      statements.push_back(statement({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                                      "ecr:DescribeRepositories", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload",
                                      "ecr:PutImage", "ecr:UploadLayerPart"},
                                     Json::string(arn("ecr", ArnScope::regional, Text::concat({Text::literal("repository/"), *build.repository})))));
    }
    resources_.add(role_id, resource("AWS::IAM::Role", role(std::nullopt, "codebuild.amazonaws.com", project_name + "-codebuild",
                                                           std::move(statements))));
    Json properties = Json::object({});
    properties.add("Name", Json::string(project_name));
    std::string description;
    if (word == "imagedefinitions") {
      description = fmt::format("{}: writes imagedefinitions.json from imageDetail.json", p.name.text);
    } else if (word == "docker") {
      description = fmt::format("{}: builds the {} image, pushes it to ECR, writes imagedefinitions.json and imageDetail.json",
                                p.name.text, build.repository ? build.repository->resolve({}, true).value_or("") : "");
    } else {
      description = fmt::format("{}: action {}", p.name.text, a.name.text);
    }
    properties.add("Description", Json::string(description));
    properties.add("ServiceRole", Json::get_att(role_id + ".Arn", {}));
    Json source = Json::object({});
    source.add("Type", Json::string("CODEPIPELINE"));
    if (auto text = project_buildspec(a)) {
      source.add("BuildSpec", Json::string(std::move(*text)));
    } else if (build.buildspec) {
      source.add("BuildSpec", Json::string(*build.buildspec));  // a file of the input artifact
    }
    properties.add("Source", std::move(source));
    Json artifacts = Json::object({});
    artifacts.add("Type", Json::string("CODEPIPELINE"));
    properties.add("Artifacts", std::move(artifacts));
    const std::string image = build.image ? build.image->resolve({}, true).value_or("") : "aws/codebuild/amazonlinux2-x86_64-standard:5.0";
    Json environment = Json::object({});
    // CodeBuild's Arm images run only in ARM_CONTAINER environments.
    environment.add("Type", Json::string(image.find("aarch64") != std::string::npos ? "ARM_CONTAINER" : "LINUX_CONTAINER"));
    environment.add("ComputeType", build.compute ? Json::string(*build.compute) : Json::string("BUILD_GENERAL1_SMALL"));
    environment.add("Image", build.image ? Json::string(*build.image) : Json::string(image));
    if (build.privileged) environment.add("PrivilegedMode", Json::boolean(true, {}));
    properties.add("Environment", std::move(environment));
    resources_.add(project_id, resource("AWS::CodeBuild::Project", std::move(properties)));
    return project_id;
  }

  void rule(const ir::Rule& r) {
    const std::string base = logical_id_stem(r.name.text);
    const std::string rule_id = id(base + "Rule");
    Json properties = Json::object({});
    properties.add("Name", Json::string(r.name.text));
    if (r.description) properties.add("Description", Json::string(*r.description));
    if (r.bus) properties.add("EventBusName", Json::string(*r.bus));
    if (r.pattern_file) {
      if (const auto it = input_.pattern_files.find(r.name.text); it != input_.pattern_files.end()) {
        properties.add("EventPattern", it->second);
      }
    } else {
      properties.add("EventPattern", r.pattern);
    }
    properties.add("State", r.state ? Json::string(*r.state) : Json::string("ENABLED"));
    Json targets = Json::array({});
    std::optional<std::string> role_id;
    std::vector<Json> startable;
    for (const auto& t : r.targets) {
      const auto pipeline = pipeline_ids_.find(t.pipeline.text);
      if (pipeline == pipeline_ids_.end()) continue;  // reported when resolving
      Json target = Json::object({});
      target.add("Id", Json::string(target_id(t)));
      Json pipeline_arn = Json::string(arn("codepipeline", ArnScope::regional, Text::reference(pipeline->second)));
      target.add("Arn", pipeline_arn);
      if (t.role) {
        target.add("RoleArn", Json::string(*t.role));
      } else {
        if (!role_id) role_id = id(base + "RuleRole");
        target.add("RoleArn", Json::get_att(*role_id + ".Arn", {}));
        startable.push_back(std::move(pipeline_arn));
      }
      if (auto transformer = transformer_json(t)) target.add("InputTransformer", std::move(*transformer));
      targets.push(std::move(target));
    }
    // SNS and Lambda take events through their own resource policies: a
    // function gets a permission for this rule; a topic's policy is the
    // topic owner's (docs/dsl.md says what it must allow).
    std::vector<std::pair<std::string, Json>> permissions;
    for (const auto& t : r.service_targets) {
      Json target = Json::object({});
      target.add("Id", Json::string(service_target_id(t)));
      target.add("Arn", Json::string(service_target_arn(t)));
      targets.push(std::move(target));
      if (t.service != ir::ServiceTarget::Service::lambda) continue;
      Json permission = Json::object({});
      permission.add("Action", Json::string("lambda:InvokeFunction"));
      permission.add("FunctionName", Json::string(service_target_arn(t)));
      permission.add("Principal", Json::string("events.amazonaws.com"));
      permission.add("SourceArn", Json::get_att(rule_id + ".Arn", {}));
      permissions.emplace_back(id(base + logical_id_stem(service_target_id(t)) + "Permission"), std::move(permission));
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
    // The bus lets each account the rule takes events from send them.
    for (const auto& account : r.from_accounts) {
      const std::string literal = account.resolve({}, true).value_or("");
      const std::string bus = r.bus ? r.bus->resolve({}, true).value_or("default") : "default";
      Json statement = Json::object({});
      statement.add("Effect", Json::string("Allow"));
      Json principal = Json::object({});
      principal.add("AWS", Json::string(account_root(literal)));
      statement.add("Principal", std::move(principal));
      statement.add("Action", Json::string("events:PutEvents"));
      statement.add("Resource", Json::string(arn("events", ArnScope::regional, Text::literal("event-bus/" + bus))));
      Json policy = Json::object({});
      policy.add("EventBusName", Json::string(bus));
      policy.add("StatementId", Json::string((r.name.text + "-from-" + literal).substr(0, 64)));
      policy.add("Statement", std::move(statement));
      resources_.add(id(base + "From" + literal), resource("AWS::Events::EventBusPolicy", std::move(policy)));
    }
    for (auto& [permission_id, permission] : permissions) {
      resources_.add(permission_id, resource("AWS::Lambda::Permission", std::move(permission)));
    }
    output(base + "RuleArn", Json::get_att(rule_id + ".Arn", {}), fmt::format("the ARN of rule {}", r.name.text));
  }

  const CfnInput& input_;
  Json resources_ = Json::object({});
  Json outputs_ = Json::object({});
  std::set<std::string> used_;
  std::map<std::string, std::string> pipeline_ids_;
};

}  // namespace

std::string emit_cloudformation(const CfnInput& input, CfnFormat format) {
  Template t(input);
  Json root = t.build();
  ir::fix_pseudo(root, input.program->fixed_pseudo);
  if (format == CfnFormat::json) return json_text(root, {JsonTextOptions::Values::cloudformation, nullptr, false}).text;
  return cloudformation_yaml(root);
}

}  // namespace pipec::emit
