// CloudFormation templates through `pipec lint`: the rules written for the
// API's JSON fire on the pipelines and EventBridge rules a template declares,
// at the template's line and column, and skip what intrinsic functions hide.

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "model/classify.h"
#include "model/load.h"

namespace {

struct File {
  std::string path, text;
};

std::string lint(const std::vector<File>& files, std::vector<std::string> select = {}) {
  pipec::source::MemoryFileSystem fs;
  std::vector<std::string> paths;
  for (const auto& f : files) {
    fs.add(f.path, f.text);
    paths.push_back(f.path);
  }
  pipec::cli::LintOptions options;
  options.paths = paths;
  options.format = "short";
  options.select = std::move(select);
  pipec::cli::Output output;
  (void)pipec::cli::run_lint(options, fs, output);
  return output.out + output.err;
}

std::string lint(const std::string& path, const std::string& text, std::vector<std::string> select = {}) {
  return lint(std::vector<File>{{path, text}}, std::move(select));
}

bool has(const std::string& out, const std::string& line) { return out.find(line) != std::string::npos; }

// An ECR source feeding the ECS standard deploy directly: CP2001.
constexpr const char* kEcrToEcsYaml = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Repository: {Type: String, Default: web}
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: !Sub ${AWS::StackName}-web
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: "1"}
              Configuration:
                RepositoryName: !Ref Repository
              OutputArtifacts: [{Name: ImageDetail}]
        - Name: Deploy
          Actions:
            - Name: Web
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: ECS, Version: "1"}
              Configuration:
                ClusterName: prod
                ServiceName: !Ref AWS::StackName
              InputArtifacts:
                - Name: ImageDetail
)";

constexpr const char* kEcrToEcsJson = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Pipeline": {
      "Type": "AWS::CodePipeline::Pipeline",
      "Properties": {
        "Name": {"Fn::Sub": "${AWS::StackName}-web"},
        "RoleArn": {"Fn::GetAtt": ["PipelineRole", "Arn"]},
        "ArtifactStore": {"Type": "S3", "Location": {"Ref": "ArtifactBucket"}},
        "Stages": [
          {"Name": "Source", "Actions": [{
            "Name": "Image",
            "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "ECR", "Version": "1"},
            "Configuration": {"RepositoryName": {"Ref": "Repository"}},
            "OutputArtifacts": [{"Name": "ImageDetail"}]}]},
          {"Name": "Deploy", "Actions": [{
            "Name": "Web",
            "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "ECS", "Version": "1"},
            "Configuration": {"ClusterName": "prod", "ServiceName": {"Ref": "AWS::StackName"}},
            "InputArtifacts": [{"Name": "ImageDetail"}]}]}
        ]
      }
    }
  }
}
)";

// A pipeline and the rule that starts it, in one template; the override
// names the source stage instead of the source action: CP4005.
std::string push_trigger(const std::string& arn, const std::string& name = "!Sub ${AWS::StackName}-web") {
  return R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: )" + name + R"(
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: "1"}
              Configuration: {RepositoryName: web}
              OutputArtifacts: [{Name: ImageDetail}]
        - Name: Deploy
          Actions:
            - Name: Web
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CodeDeployToECS, Version: "1"}
              Configuration:
                ApplicationName: web
                DeploymentGroupName: web
                TaskDefinitionTemplateArtifact: ImageDetail
                AppSpecTemplateArtifact: ImageDetail
              InputArtifacts: [{Name: ImageDetail}]
  PushRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.ecr]
        detail-type: [ECR Image Action]
        detail:
          result: [SUCCESS]
          repository-name: [!Ref Repository]
      Targets:
        - Id: pipeline
          Arn: )" + arn + R"(
          RoleArn: !GetAtt EventsRole.Arn
          InputTransformer:
            InputPathsMap:
              digest: $.detail.image-digest
            InputTemplate: |
              {"sourceRevisions": [
                {"actionName": "Source", "revisionType": "IMAGE_DIGEST", "revisionValue": "<digest>"}
              ]}
)";
}

}  // namespace

TEST_CASE("templates are recognized in YAML by their top-level keys and in JSON by their shape") {
  using pipec::model::Kind;
  CHECK(pipec::model::classify_yaml("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n") == Kind::cloudformation);
  CHECK(pipec::model::classify_yaml("# a template\n---\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n") ==
        Kind::cloudformation);
  CHECK(pipec::model::classify_yaml("Resources:\n  Bucket:\n    Type: \"AWS::S3::Bucket\"\n") == Kind::cloudformation);
  CHECK(pipec::model::classify_yaml("version: 0.2\nphases:\n  build:\n    commands: [make]\n") == Kind::buildspec);
  CHECK(pipec::model::is_buildspec_name("buildspec.yml"));
  CHECK(pipec::model::is_buildspec_name("web.Convert.buildspec.yml"));
  CHECK(pipec::model::is_buildspec_name("buildspec_release.yaml"));
  CHECK_FALSE(pipec::model::is_buildspec_name("buildspec.json"));
  CHECK_FALSE(pipec::model::is_buildspec_name("my-buildspec.yml"));
  CHECK(pipec::model::classify_yaml("name: CI\non: push\njobs: {}\n") == Kind::unknown);
  CHECK(pipec::model::classify_yaml("Resources:\n  Thing:\n    Type: Custom::Thing\n") == Kind::unknown);
  CHECK(pipec::model::classify_yaml("") == Kind::unknown);
  const auto json = [](const char* text) { return pipec::model::classify(pipec::model::scan_shape(text), "t.json"); };
  CHECK(json(R"({"AWSTemplateFormatVersion": "2010-09-09"})") == Kind::cloudformation);
  CHECK(json(R"({"Resources": {"Topic": {"Properties": {}, "Type": "AWS::SNS::Topic"}}})") == Kind::cloudformation);
  CHECK(json(R"({"Resources": {"Topic": {"Type": "Custom::Thing"}}})") == Kind::unknown);
  CHECK(json(kEcrToEcsJson) == Kind::cloudformation);
}

TEST_CASE("YAML, YML and template files are walked in folders; YAML of unknown kind is skipped") {
  pipec::source::MemoryFileSystem fs;
  fs.add("repo/pipeline.yaml", kEcrToEcsYaml);
  fs.add("repo/stack.template", kEcrToEcsJson);
  fs.add("repo/ci/buildspec.yml", "version: 0.2\nphases: {build: {commands: [make]}}\n");
  fs.add("repo/.github/workflows/ci.yml", "on: push\njobs: [\n");  // broken, but not ours
  const std::vector<std::string> paths{"repo"};
  const auto ws = pipec::model::load(fs, paths, {});
  REQUIRE(ws.files.size() == 2);
  CHECK(ws.files[0].kind == pipec::model::Kind::cloudformation);
  CHECK(ws.files[1].kind == pipec::model::Kind::cloudformation);
  CHECK(ws.pipelines.size() == 2);
  CHECK(pipec::model::is_candidate_file("a.yml"));
  CHECK(pipec::model::is_candidate_file("a.template"));
  CHECK_FALSE(pipec::model::is_candidate_file("a.txt"));
}

TEST_CASE("a YAML file of unknown kind named on the command line gets its syntax checked and a note") {
  const std::string out = lint("notes.yaml", "title: notes\nitems: [a, b\n");
  CHECK(has(out, "notes.yaml:3:1: error: unclosed flow sequence; expected \"]\" [CP0003]"));
  const std::string clean = lint("notes.yaml", "title: notes\nitems: [a, b]\n");
  CHECK(has(clean, "notes.yaml:1:1: info: pipec could not tell what kind of file this is, so only its syntax was checked [CP0006]"));
}

TEST_CASE("CP2001 fires on a template's pipeline, in YAML and in JSON") {
  const std::string yaml = lint("pipeline.yaml", kEcrToEcsYaml);
  CHECK(has(yaml, "pipeline.yaml:27:25: error: ECS standard deploy \"Web\" takes \"ImageDetail\" straight from the ECR "
                  "source \"Image\", which writes only \"imageDetail.json\"; the deploy reads \"imagedefinitions.json\" [CP2001]"));
  const std::string json = lint("stack.template", kEcrToEcsJson);
  CHECK(has(json, "stack.template:20:41: error: ECS standard deploy \"Web\" takes \"ImageDetail\" straight from the ECR "
                  "source \"Image\""));
  // Values given by intrinsic functions are not judged: !Ref in a
  // configuration, !GetAtt for the role, !Sub for the name.
  CHECK_FALSE(has(yaml, "[CP0102]"));
  CHECK_FALSE(has(yaml, "[CP0111]"));
  CHECK_FALSE(has(json, "[CP0102]"));
  CHECK_FALSE(has(json, "[CP0111]"));
}

TEST_CASE("CP4005 checks a template's rule against the pipeline its Arn refers to") {
  const auto expect = [](const std::string& out) {
    INFO(out);
    CHECK(has(out, "template.yaml:44:32: error: actionName \"Source\" is not a source action of pipeline \"Pipeline\" [CP4005]"));
  };
  // ${Pipeline} in a Fn::Sub, whatever the pipeline's name.
  expect(lint("template.yaml", push_trigger("!Sub arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}")));
  // The same with Fn::Sub's variable map, and with Fn::Join and Ref.
  expect(lint("template.yaml", push_trigger("!Sub [\"arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Name}\", {Name: !Ref Pipeline}]")));
  expect(lint("template.yaml",
              push_trigger("!Join [':', [arn, !Ref AWS::Partition, codepipeline, !Ref AWS::Region, !Ref AWS::AccountId, !Ref Pipeline]]")));
  // A literal name in the Arn finds the pipeline that has it.
  const std::string named = lint("template.yaml", push_trigger("!Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:web", "web"));
  CHECK(has(named, "template.yaml:44:32: error: actionName \"Source\" is not a source action of pipeline \"web\" [CP4005]"));
  // The note and help name the stage and the action.
  const auto text = [&] {
    pipec::source::MemoryFileSystem fs;
    fs.add("template.yaml", push_trigger("!Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}"));
    pipec::cli::LintOptions options;
    options.paths = {"template.yaml"};
    options.select = {"CP4005"};
    options.color = false;
    pipec::cli::Output output;
    (void)pipec::cli::run_lint(options, fs, output);
    return output.out;
  }();
  CHECK(has(text, "the target pipeline"));
  CHECK(has(text, "help: the pipeline's source action is \"Image\""));
  // An Arn that names another pipeline, or nothing pipec can resolve, is not checked.
  CHECK_FALSE(has(lint("template.yaml", push_trigger("!Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:other")), "[CP4005]"));
  CHECK_FALSE(has(lint("template.yaml", push_trigger("!ImportValue web-pipeline-arn")), "[CP4005]"));
}

TEST_CASE("CP4005 across files: a template's rule and a pipeline in the API's JSON") {
  const std::string pipeline = R"({"pipeline": {"name": "web", "roleArn": "arn:aws:iam::123456789012:role/p",
  "artifactStore": {"type": "S3", "location": "bucket"},
  "stages": [
    {"name": "Source", "actions": [{"name": "Image", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "ECR", "version": "1"},
      "configuration": {"RepositoryName": "web"}, "outputArtifacts": [{"name": "ImageDetail"}]}]},
    {"name": "Deploy", "actions": [{"name": "Web", "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CodeDeployToECS", "version": "1"},
      "configuration": {"ApplicationName": "web", "DeploymentGroupName": "web", "TaskDefinitionTemplateArtifact": "ImageDetail",
        "AppSpecTemplateArtifact": "ImageDetail"}, "inputArtifacts": [{"name": "ImageDetail"}]}]}]}}
)";
  const std::string rule = R"(Resources:
  PushRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.ecr]}
      Targets:
        - Id: pipeline
          Arn: arn:aws:codepipeline:us-east-1:123456789012:web
          InputTransformer:
            InputPathsMap: {digest: $.detail.image-digest}
            InputTemplate: '{"sourceRevisions": [{"actionName": "Deploy", "revisionType": "IMAGE_DIGEST", "revisionValue": "<digest>"}]}'
)";
  const std::string out = lint({{"pipeline.json", pipeline}, {"rule.yaml", rule}}, {"CP4005"});
  CHECK(has(out, "rule.yaml:11:65: error: actionName \"Deploy\" is not a source action of pipeline \"web\" [CP4005]"));
}

TEST_CASE("placeholders of a block scalar template land on their line and column") {
  std::string text = push_trigger("!Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}");
  CHECK(lint("template.yaml", text, {"CP4001", "CP4002", "CP4003"}).empty());
  const auto at = text.find("\"<digest>\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 10, "\"<imageDigest>\"");
  const std::string bad = lint("template.yaml", text, {"CP4001", "CP4002"});
  CHECK(has(bad, "template.yaml:44:92: error: placeholder <imageDigest> is not defined in \"InputPathsMap\" [CP4001]"));
  CHECK(has(bad, "template.yaml:41:15: warning: input path \"digest\" is not used by the template [CP4002]"));
}

TEST_CASE("an InputTemplate given by Fn::Sub is read with its ${} parts as stand-ins") {
  const std::string text = R"(Resources:
  PushRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.ecr]}
      Targets:
        - Id: pipeline
          Arn: !Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:web
          InputTransformer:
            InputPathsMap: {digest: $.detail.image-digest}
            InputTemplate: !Sub |
              {"sourceRevisions": [{"actionName": "${SourceAction}", "revisionType": "IMAGE_DIGES",
                "revisionValue": <digest>}], "variables": [{"name": "stack", "value": "${AWS::StackName}"}]}
)";
  const std::string out = lint("rule.yaml", text);
  // The template is valid JSON once ${…} and <digest> are filled in, and its
  // revision type is still checked, at its column.
  CHECK_FALSE(has(out, "[CP4003]"));
  CHECK(has(out, "rule.yaml:12:86: error: revisionType \"IMAGE_DIGES\" is not a source revision type [CP4004]"));
  CHECK_FALSE(has(out, "[CP0106]"));
}

TEST_CASE("intrinsic functions in a template's pattern are values, not operators or fields") {
  const std::string text = R"(Resources:
  PushRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.ecr]
        detail-type: [ECR Image Action]
        detail:
          repository-name: [!Ref Repository, {prefix: !Sub "${AWS::StackName}-"}]
          image-tag: !Ref Tags
          result: [Sucess]
      Targets:
        - {Id: pipeline, Arn: !GetAtt Queue.Arn}
)";
  const std::string out = lint("rule.yaml", text);
  INFO(out);
  CHECK_FALSE(has(out, "[CP3001]"));
  CHECK_FALSE(has(out, "[CP3002]"));
  CHECK_FALSE(has(out, "[CP0103]"));
  CHECK(has(out, "rule.yaml:11:20: error: no \"ECR Image Action\" event has \"result\" \"Sucess\" [CP3004]"));
}

TEST_CASE("structure given by intrinsic functions is not guessed at") {
  const std::string text = R"(Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: 1}
              Configuration: {RepositoryName: web, ImageTag: !Ref Tag}
              OutputArtifacts: [{Name: !Ref ArtifactName}]
        - !If
          - Prod
          - Name: Approve
            Actions:
              - Name: Approve
                ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: "1"}
          - !Ref AWS::NoValue
        - Name: Deploy
          Actions:
            - Name: Web
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CodeDeployToECS, Version: "1"}
              Configuration: !If [Prod, {ApplicationName: web, DeploymentGroupName: prod}, {ApplicationName: web, DeploymentGroupName: dev}]
              InputArtifacts: [{Name: Built}]
              RunOrder: !Ref Order
)";
  const std::string out = lint("pipeline.yaml", text);
  INFO(out);
  // "Built" may come from the artifact named by !Ref; the configuration is
  // chosen by !If; the source's output count is not known.
  CHECK_FALSE(has(out, "[CP2002]"));
  CHECK_FALSE(has(out, "[CP0102]"));
  CHECK_FALSE(has(out, "[CP2005]"));
  CHECK_FALSE(has(out, "[CP1001]"));
  CHECK_FALSE(has(out, "[CP0111]"));
  // The pipeline is named by its logical ID in messages when it has no Name.
  const std::string two = lint("pipeline.yaml", R"(Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: 1}
              Configuration: {RepositoryName: web}
              OutputArtifacts: [{Name: Image}]
)");
  CHECK(has(two, "pipeline.yaml:7:7: error: pipeline \"Pipeline\" has 1 stage, expected at least 2 [CP1001]"));
}

TEST_CASE("schema rules speak CloudFormation's words at the template's positions") {
  const std::string out = lint("stack.yaml", R"(Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      ArtifactStores:
        - Region: us-east-1
          ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      stages: []
  Rule:
    Type: AWS::Events::Rule
    Propertes:
      State: ENABLED
)");
  INFO(out);
  CHECK(has(out, "stack.yaml:10:7: error: unknown property \"stages\""));
  CHECK(has(out, "stack.yaml:6:22: error: \"ArtifactStore\" is an object, expected no ArtifactStore beside ArtifactStores "
                 "(a pipeline takes one or the other) [CP0111]"));
  CHECK(has(out, "stack.yaml:13:5: error: unknown property \"Propertes\" in \"Rule\" [CP0112]"));
  CHECK_FALSE(has(out, "missing required property \"Properties\""));
}

TEST_CASE("stage positions count the stages an intrinsic function gives") {
  const std::string text = R"(Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: "1"}
              Configuration: {RepositoryName: web}
              OutputArtifacts: [{Name: Image}]
        - !If [Prod, {Name: Approve, Actions: []}, !Ref AWS::NoValue]
        - Name: More
          Actions:
            - Name: Code
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: "1"}
              Configuration: {RepositoryName: web, BranchName: main}
              OutputArtifacts: [{Name: Code}]
)";
  const std::string out = lint("pipeline.yaml", text, {"CP1001", "CP1002", "CP1003"});
  CHECK(out == "pipeline.yaml:18:40: error: source action \"Code\" is in stage \"More\", the third stage; source actions belong in "
               "the first stage [CP1002]\n");
  // With a stage given by !If before it, "Source" may be the first stage;
  // "More" comes after it, so it is not.
  std::string unknown_first = text;
  const auto at = unknown_first.find("        - Name: Source");
  unknown_first.insert(at, "        - !If [Prod, {Name: Gate, Actions: []}, !Ref AWS::NoValue]\n");
  CHECK(lint("pipeline.yaml", unknown_first, {"CP1001", "CP1002", "CP1003"}) ==
        "pipeline.yaml:19:40: error: source action \"Code\" is in stage \"More\", the fourth stage; source actions belong "
        "in the first stage [CP1002]\n");
}

TEST_CASE("CP4006 renders a template's transformer with the sample events its pattern picks") {
  std::string text = push_trigger("!Sub arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}");
  // The rule names its repository with !Ref: that field is left to the deployment, and the push sample still picks it.
  CHECK_FALSE(has(lint("template.yaml", text, {"CP4006"}), "[CP4006]"));
  const auto at = text.find("$.detail.image-digest");
  REQUIRE(at != std::string::npos);
  text.replace(at, 21, "$.detail.imageDigest");
  const std::string out = lint("template.yaml", text, {"CP4006"});
  INFO(out);
  CHECK(has(out, "template.yaml:44:91: error: the input of pipeline \"Pipeline\" is invalid: \"revisionValue\" is empty"));
}
