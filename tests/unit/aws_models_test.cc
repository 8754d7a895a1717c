// What pipec knows of AWS comes from AWS's own models (compiler/aws/): the
// generated tables answer as the models do, and the JSON Schemas pipec
// bundles for the APIs' input agree with the AWS SDK's model of that input.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "aws/cloudformation_spec.h"
#include "aws/iam.h"
#include "aws/regions.h"

namespace {

using nlohmann::json;
namespace cfn = pipec::aws::cfn;

json read_json(const std::string& relative) {
  std::ifstream in(std::filesystem::path(PIPEC_SOURCE_DIR) / relative);
  REQUIRE(in.good());
  return json::parse(in);
}

bool contains(const std::vector<std::string_view>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

TEST_CASE("CloudFormation resource types come from AWS's model") {
  const auto service = cfn::find_resource_type("AWS::ECS::Service");
  REQUIRE(service);
  const auto launch = service->properties().property("LaunchType");
  REQUIRE(launch);
  CHECK(launch->type.kind() == cfn::ValueKind::string);
  CHECK(contains(launch->type.allowed_values(), "FARGATE"));
  CHECK_FALSE(contains(launch->type.allowed_values(), "Fargate"));
  CHECK(service->has_attribute("ServiceArn"));
  CHECK(service->ref_returns() == "ServiceArn");

  const auto pipeline = cfn::find_resource_type("AWS::CodePipeline::Pipeline");
  REQUIRE(pipeline);
  CHECK(pipeline->properties().property("RoleArn")->required);
  const auto stages = pipeline->properties().property("Stages");
  REQUIRE(stages);
  REQUIRE(stages->type.kind() == cfn::ValueKind::list);
  const auto stage = stages->type.element();
  REQUIRE(stage.kind() == cfn::ValueKind::object);
  CHECK(stage.object().property("Actions"));
  CHECK_FALSE(stage.object().property("Actionz"));

  CHECK_FALSE(cfn::find_resource_type("AWS::ECS::Servic"));
  CHECK(cfn::covers_service_of("AWS::ECS::Servic"));
  CHECK_FALSE(cfn::covers_service_of("AWS::RDS::DBInstance"));
  CHECK(cfn::find_resource_type("AWS::IAM::Role")->has_attribute("Arn"));
}

TEST_CASE("Regions: listed, of a partition's form, or neither") {
  using pipec::aws::RegionVerdict;
  CHECK(pipec::aws::judge_region("us-east-1") == RegionVerdict::known);
  CHECK(pipec::aws::judge_region("cn-north-1") == RegionVerdict::known);
  CHECK(pipec::aws::judge_region("us-gov-west-1") == RegionVerdict::known);
  CHECK(pipec::aws::judge_region("us-est-1") == RegionVerdict::unlisted);
  CHECK(pipec::aws::judge_region("eu-west-9") == RegionVerdict::unlisted);
  CHECK(pipec::aws::judge_region("Europe") == RegionVerdict::malformed);
  CHECK(pipec::aws::judge_region("us-east1") == RegionVerdict::malformed);
  CHECK(pipec::aws::partition_of("cn-north-1") == std::optional<std::string_view>("aws-cn"));
}

TEST_CASE("IAM actions and resource types come from the Service Authorization Reference") {
  namespace iam = pipec::aws::iam;
  CHECK_FALSE(iam::find_action("ec2", "UpdateTags"));
  CHECK(iam::find_action("ec2", "CreateTags"));
  CHECK(iam::find_action("EC2", "createtags"));  // IAM matches case-insensitively
  CHECK_FALSE(iam::service_exists("elbv2"));
  CHECK(iam::service_exists("elasticloadbalancing"));

  const auto token = iam::find_action("ecr", "GetAuthorizationToken");
  REQUIRE(token);
  CHECK(token->detailed);
  CHECK(token->resources.empty());  // "*" only
  const auto put = iam::find_action("ecr", "PutImage");
  REQUIRE(put);
  REQUIRE(put->resources.size() == 1);
  CHECK(put->resources[0].type.name == "repository");
  CHECK(put->resources[0].type.arn == "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}");
  // Actions name resource types in the reference's spelling ("Connection",
  // "layerVersion"), which the tables match without regard to case.
  const auto use = iam::find_action("codestar-connections", "UseConnection");
  REQUIRE(use);
  REQUIRE(use->resources.size() == 1);
  CHECK(use->resources[0].type.name == "connection");
  const auto layer = iam::find_action("lambda", "GetLayerVersion");
  REQUIRE(layer);
  CHECK_FALSE(layer->resources.empty());
  CHECK(iam::matching_actions("ecr", "Batch*").size() >= 3);
  CHECK(iam::matching_actions("codepipeline", "StartPipelineExecution").size() == 1);
}

// The bundled schemas of API input must accept every member AWS's model
// has, require what it requires, and allow the values its enums allow.
namespace {

struct Walker {
  const json& schema;
  const json& structures;
  std::vector<std::string> problems;

  const json& resolve(const json& node) const {
    if (node.is_object() && node.contains("$ref")) {
      const std::string ref = node["$ref"];
      return schema.at(json::json_pointer(ref.substr(1)));
    }
    return node;
  }

  // The properties a node declares, with those of the branches it combines.
  void gather(const json& raw, std::map<std::string, const json*>& properties, std::set<std::string>& required,
              bool& closed) const {
    const json& node = resolve(raw);
    if (!node.is_object()) return;
    if (node.contains("properties")) {
      for (const auto& [k, v] : node["properties"].items()) properties.emplace(k, &v);
    }
    if (node.contains("required")) {
      for (const auto& r : node["required"]) required.insert(r.get<std::string>());
    }
    if (node.contains("additionalProperties") && node["additionalProperties"] == false) closed = true;
    for (const char* key : {"allOf", "anyOf", "oneOf"}) {
      if (node.contains(key)) {
        for (const auto& sub : node[key]) gather(sub, properties, required, closed);
      }
    }
    for (const char* key : {"then", "else"}) {
      if (node.contains(key)) gather(node[key], properties, required, closed);
    }
  }

  std::set<std::string> enum_of(const json& raw) const {
    std::set<std::string> out;
    const json& node = resolve(raw);
    if (node.is_object() && node.contains("enum")) {
      for (const auto& v : node["enum"]) out.insert(v.is_string() ? v.get<std::string>() : v.dump());
    }
    return out;
  }

  void walk(const json& node, const std::string& structure, const std::string& where) {
    if (!structures.contains(structure)) return;
    const json& members = structures[structure];
    std::map<std::string, const json*> properties;
    std::set<std::string> required;
    bool closed = false;
    gather(node, properties, required, closed);
    for (const auto& [name, member] : members.items()) {
      const bool declared = properties.contains(name);
      if (!declared && closed) problems.push_back(where + ": AWS's " + structure + " has \"" + name + "\", which the schema refuses");
      if (member["required"] == true && !required.contains(name) && (declared || closed)) {
        problems.push_back(where + ": AWS requires \"" + name + "\", the schema does not");
      }
      if (!declared) continue;
      const json& property = *properties[name];
      if (member.contains("enum")) {
        std::set<std::string> aws;
        for (const auto& v : member["enum"]) aws.insert(v.get<std::string>());
        const auto ours = enum_of(property);
        if (!ours.empty() && ours != aws) problems.push_back(where + "." + name + ": the schema's allowed values differ from AWS's");
      }
      std::string type = member["type"];
      const json* next = &property;
      if (type.starts_with("list<") || type.starts_with("map<")) {
        type = type.substr(type.find('<') + 1, type.size() - type.find('<') - 2);
        const json& resolved = resolve(property);
        const char* key = member["type"].get<std::string>().starts_with("list<") ? "items" : "additionalProperties";
        if (!resolved.is_object() || !resolved.contains(key) || !resolved[key].is_object()) continue;
        next = &resolved[key];
      }
      walk(*next, type, where + "." + name);
    }
    for (const auto& [name, property] : properties) {
      if (!members.contains(name)) problems.push_back(where + ": the schema takes \"" + name + "\", which AWS's " + structure + " has not");
    }
  }
};

}  // namespace

TEST_CASE("the bundled API schemas agree with the AWS SDK's model of the input") {
  const json shapes = read_json("compiler/aws/generated/api_shapes.json");
  struct Job {
    const char* schema;
    const char* pointer;
    const char* shape;
    const char* structure;
  };
  for (const Job& job : {Job{"schemas/codepipeline/pipeline.json", "/definitions/declaration", "codepipeline CreatePipelineInput", "PipelineDeclaration"},
                         Job{"schemas/eventbridge/put-rule.json", "", "eventbridge PutRuleRequest", "PutRuleRequest"},
                         Job{"schemas/eventbridge/put-targets.json", "", "eventbridge PutTargetsRequest", "PutTargetsRequest"}}) {
    SECTION(job.schema) {
      const json schema = read_json(job.schema);
      Walker walker{schema, shapes.at(job.shape).at("structures"), {}};
      walker.walk(schema.at(json::json_pointer(job.pointer)), job.structure, job.structure);
      std::string all;
      for (const auto& p : walker.problems) all += p + "\n";
      INFO(all);
      CHECK(walker.problems.empty());
    }
  }
}
