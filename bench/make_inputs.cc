// Writes the benchmark inputs: one CodePipeline declaration of about 20 KB
// (get-pipeline output of a pipeline that builds, scans and deploys a dozen
// services), a folder of 100 such files, and the same pipelines as
// CloudFormation templates for comparing with cfn-lint; for the growth
// curves, folders of 10 and 1,000 templates and two templates of about 1 MB
// and 10 MB (many pipelines, each with its rule and roles, in one stack).
//
//   pipec_bench_inputs OUT_DIR

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr int kServices = 15;

std::string action(const std::string& name, const std::string& category, const std::string& provider,
                   const std::string& configuration, const std::string& inputs, const std::string& outputs, int run_order,
                   bool cfn) {
  if (cfn) {
    return fmt::format(R"(            - Name: {}
              ActionTypeId: {{Category: {}, Owner: AWS, Provider: {}, Version: "1"}}
              Configuration: {{{}}}
              InputArtifacts: [{}]
              OutputArtifacts: [{}]
              RunOrder: {}
)",
                       name, category, provider, configuration, inputs, outputs, run_order);
  }
  return fmt::format(R"(          {{
            "name": "{}",
            "actionTypeId": {{ "category": "{}", "owner": "AWS", "provider": "{}", "version": "1" }},
            "runOrder": {},
            "configuration": {{ {} }},
            "inputArtifacts": [{}],
            "outputArtifacts": [{}],
            "region": "us-east-1"
          }})",
                     name, category, provider, run_order, configuration, inputs, outputs);
}

std::string artifacts(const std::string& name, bool cfn) {
  if (name.empty()) return "";
  return cfn ? fmt::format("{{Name: {}}}", name) : fmt::format("{{ \"name\": \"{}\" }}", name);
}

std::string kv(const std::string& key, const std::string& value, bool cfn) {
  return cfn ? fmt::format("{}: \"{}\"", key, value) : fmt::format("\"{}\": \"{}\"", key, value);
}

std::string stage(const std::string& name, const std::vector<std::string>& actions, bool cfn) {
  std::string joined;
  for (std::size_t i = 0; i < actions.size(); ++i) joined += (i == 0 || cfn ? "" : ",\n") + actions[i];
  if (cfn) return fmt::format("        - Name: {}\n          Actions:\n{}", name, joined);
  return fmt::format("      {{\n        \"name\": \"{}\",\n        \"actions\": [\n{}\n        ]\n      }}", name, joined);
}

// `suffix` tells the logical IDs of one pipeline's resources from another's
// in a template that holds several.
std::string pipeline(int index, bool cfn, const std::string& suffix = "") {
  const std::string app = fmt::format("shop{}", index);
  std::vector<std::string> stages;
  std::vector<std::string> sources, builds, deploys;
  for (int s = 0; s < kServices; ++s) {
    const std::string svc = fmt::format("{}-svc{}", app, s);
    sources.push_back(action(fmt::format("Image{}", s), "Source", "ECR",
                             kv("RepositoryName", svc, cfn) + ", " + kv("ImageTag", "release", cfn), "",
                             artifacts(fmt::format("Image{}", s), cfn), 1, cfn));
    builds.push_back(action(fmt::format("Defs{}", s), "Build", "CodeBuild", kv("ProjectName", svc + "-imagedefinitions", cfn),
                            artifacts(fmt::format("Image{}", s), cfn), artifacts(fmt::format("Defs{}", s), cfn), 1, cfn));
    deploys.push_back(action(fmt::format("Deploy{}", s), "Deploy", "ECS",
                             kv("ClusterName", app + "-prod", cfn) + ", " + kv("ServiceName", svc, cfn) + ", " +
                                 kv("DeploymentTimeout", "30", cfn),
                             artifacts(fmt::format("Defs{}", s), cfn), "", 1 + s % 3, cfn));
  }
  stages.push_back(stage("Source", sources, cfn));
  stages.push_back(stage("Build", builds, cfn));
  stages.push_back(stage("Approve", {action("Release", "Approval", "Manual", kv("CustomData", "Ship " + app + "?", cfn), "", "", 1, cfn)}, cfn));
  stages.push_back(stage("Deploy", deploys, cfn));
  std::string joined;
  for (std::size_t i = 0; i < stages.size(); ++i) joined += (i == 0 || cfn ? "" : ",\n") + stages[i];
  if (cfn) {
    // The pipeline with what starts it and the roles it needs: the
    // resource, IAM and EventBridge checks run as on a real template.
    return fmt::format(R"(AWSTemplateFormatVersion: "2010-09-09"
Description: {0} delivery pipeline
Parameters:
  ArtifactBucket: {{Type: String, Default: codepipeline-us-east-1-123456789012}}
  Stage: {{Type: String, Default: prod, AllowedValues: [prod, test]}}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Pipeline{2}:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: {0}
      RoleArn: !GetAtt PipelineRole{2}.Arn
      ArtifactStore: {{Type: S3, Location: !Ref ArtifactBucket}}
      Stages:
{1}
  PipelineRole{2}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: codepipeline.amazonaws.com}}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: pipeline
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [ecr:DescribeImages]
                Resource: !Sub arn:${{AWS::Partition}}:ecr:${{AWS::Region}}:${{AWS::AccountId}}:repository/{0}-*
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject, s3:GetBucketVersioning]
                Resource: [!Sub "arn:${{AWS::Partition}}:s3:::${{ArtifactBucket}}", !Sub "arn:${{AWS::Partition}}:s3:::${{ArtifactBucket}}/*"]
              - Effect: Allow
                Action: [codebuild:StartBuild, codebuild:BatchGetBuilds, ecs:DescribeServices, ecs:UpdateService, ecs:RegisterTaskDefinition]
                Resource: "*"
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
                Condition:
                  StringEqualsIfExists: {{iam:PassedToService: [ecs-tasks.amazonaws.com]}}
  StartRule{2}:
    Type: AWS::Events::Rule
    Properties:
      State: !If [IsProd, ENABLED, DISABLED]
      EventPattern:
        source: [aws.ecr]
        detail-type: [ECR Image Action]
        detail: {{action-type: [PUSH], result: [SUCCESS], image-tag: [release]}}
      Targets:
        - Id: pipeline
          Arn: !Sub arn:${{AWS::Partition}}:codepipeline:${{AWS::Region}}:${{AWS::AccountId}}:${{Pipeline{2}}}
          RoleArn: !GetAtt EventsRole{2}.Arn
  EventsRole{2}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: events.amazonaws.com}}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: start
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: codepipeline:StartPipelineExecution
                Resource: !Sub arn:${{AWS::Partition}}:codepipeline:${{AWS::Region}}:${{AWS::AccountId}}:${{Pipeline{2}}}
)",
                       app, joined, suffix);
  }
  return fmt::format(R"({{
  "pipeline": {{
    "name": "{0}",
    "roleArn": "arn:aws:iam::123456789012:role/service-role/{0}-pipeline",
    "artifactStore": {{ "type": "S3", "location": "codepipeline-us-east-1-123456789012" }},
    "stages": [
{1}
    ],
    "version": 7,
    "pipelineType": "V2",
    "executionMode": "QUEUED"
  }},
  "metadata": {{
    "pipelineArn": "arn:aws:codepipeline:us-east-1:123456789012:{0}",
    "created": "2026-11-01T09:12:44.512000+00:00",
    "updated": "2026-11-20T16:03:10.004000+00:00"
  }}
}}
)",
                     app, joined);
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// One template of `count` pipelines, each with its rule and roles.
std::string big_template(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    std::string one = pipeline(1000 + i, true, std::to_string(i));
    if (i > 0) one = one.substr(one.find("Resources:\n") + 11);
    text += one;
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: pipec_bench_inputs OUT_DIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  write(out / "one" / "pipeline.json", pipeline(0, false));
  write(out / "one-cfn" / "pipeline.yaml", pipeline(0, true));
  for (int i = 0; i < 100; ++i) {
    write(out / "many" / fmt::format("pipeline-{:03}.json", i), pipeline(i, false));
    write(out / "many-cfn" / fmt::format("pipeline-{:03}.yaml", i), pipeline(i, true));
  }
  for (int i = 0; i < 10; ++i) write(out / "grow-10" / fmt::format("pipeline-{:03}.yaml", i), pipeline(i, true));
  for (int i = 0; i < 1000; ++i) write(out / "grow-1000" / fmt::format("pipeline-{:04}.yaml", i), pipeline(i, true));
  write(out / "big-1mb" / "template.yaml", big_template(60));
  write(out / "big-10mb" / "template.yaml", big_template(600));
  fmt::print("{}: one 20 KB pipeline (one/, one-cfn/) and 100 (many/, many-cfn/); 10 and 1,000 templates (grow-10/, "
             "grow-1000/); a 1 MB and a 10 MB template (big-1mb/, big-10mb/)\n",
             out.string());
  return 0;
}
