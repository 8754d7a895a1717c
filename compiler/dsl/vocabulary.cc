#include "dsl/vocabulary.h"

namespace pipec::dsl {

namespace {

constexpr Choice kOutputFormats[] = {{"zip", "CODE_ZIP"}, {"clone", "CODEBUILD_CLONE_REF"}};

constexpr SettingInfo kEcr[] = {
    {"repository", "RepositoryName", ValueType::text, true, {}, "the ECR repository"},
    {"tag", "ImageTag", ValueType::text, false, {}, "the one image tag the action follows (default latest)"},
};
constexpr SettingInfo kS3[] = {
    {"bucket", "S3Bucket", ValueType::text, true, {}, "the bucket holding the source zip"},
    {"key", "S3ObjectKey", ValueType::text, true, {}, "the object key of the zip"},
    {"poll", "PollForSourceChanges", ValueType::boolean, false, {}, "false when an EventBridge rule starts the pipeline"},
    {"allow-key-override", "AllowOverrideForS3ObjectKey", ValueType::boolean, false, {},
     "true to accept S3_OBJECT_KEY revision overrides"},
};
constexpr SettingInfo kCodeCommit[] = {
    {"repository", "RepositoryName", ValueType::text, true, {}, "the CodeCommit repository"},
    {"branch", "BranchName", ValueType::text, true, {}, "the branch"},
    {"poll", "PollForSourceChanges", ValueType::boolean, false, {}, "false when an EventBridge rule starts the pipeline"},
    {"format", "OutputArtifactFormat", ValueType::choice, false, kOutputFormats, "zip (default) or clone"},
};
constexpr SettingInfo kConnection[] = {
    {"connection", "ConnectionArn", ValueType::text, true, {}, "the CodeConnections connection ARN"},
    {"repository", "FullRepositoryId", ValueType::text, true, {}, "owner/name"},
    {"branch", "BranchName", ValueType::text, true, {}, "the branch"},
    {"format", "OutputArtifactFormat", ValueType::choice, false, kOutputFormats, "zip (default) or clone"},
    {"detect-changes", "DetectChanges", ValueType::boolean, false, {}, "false to start the pipeline only by other means"},
};
constexpr Choice kComputeTypes[] = {{"small", "BUILD_GENERAL1_SMALL"},   {"medium", "BUILD_GENERAL1_MEDIUM"},
                                     {"large", "BUILD_GENERAL1_LARGE"},   {"xlarge", "BUILD_GENERAL1_XLARGE"},
                                     {"2xlarge", "BUILD_GENERAL1_2XLARGE"}};
// Settings of the CodeBuild project pipec writes for an action (key ""):
// they describe the project, not the action's configuration.
constexpr SettingInfo kCodeBuild[] = {
    {"project", "ProjectName", ValueType::text, false, {}, "the CodeBuild project (or commands/buildspec: pipec writes one)"},
    {"primary-source", "PrimarySource", ValueType::text, false, {}, "with several inputs: the one whose buildspec runs"},
    {"env", "EnvironmentVariables", ValueType::text, false, {}, "a block of NAME \"value\" pairs"},
    {"batch", "BatchEnabled", ValueType::boolean, false, {}, "true to run a batch build"},
    {"commands", "", ValueType::text, false, {}, "[\"command\", …]: the build's commands; pipec writes the project and its buildspec"},
    {"buildspec", "", ValueType::text, false, {}, "the buildspec file in the input artifact; pipec writes the project"},
    {"files", "", ValueType::text, false, {}, "[\"glob\", …]: what the build puts in its output artifact"},
    {"image", "", ValueType::text, false, {}, "the build image (default aws/codebuild/amazonlinux2-x86_64-standard:5.0)"},
    {"compute", "", ValueType::choice, false, kComputeTypes, "small (default), medium, large, xlarge or 2xlarge"},
    {"privileged", "", ValueType::boolean, false, {}, "true to run Docker inside the build"},
};
constexpr SettingInfo kDocker[] = {
    {"repository", "", ValueType::text, true, {}, "the ECR repository the image is pushed to"},
    {"dockerfile", "", ValueType::text, false, {}, "the Dockerfile, in the input artifact (default Dockerfile)"},
    {"context", "", ValueType::text, false, {}, "the build context folder (default .)"},
    {"tag", "", ValueType::text, false, {}, "a tag pushed besides the commit's (latest, say)"},
    {"container", "", ValueType::text, false, {}, "the container to name in imagedefinitions.json (default: the repository's name)"},
    {"env", "EnvironmentVariables", ValueType::text, false, {}, "a block of NAME \"value\" pairs for the build's environment"},
    {"image", "", ValueType::text, false, {}, "the build image (default aws/codebuild/amazonlinux2-x86_64-standard:5.0)"},
    {"compute", "", ValueType::choice, false, kComputeTypes, "small (default), medium, large, xlarge or 2xlarge"},
};
constexpr SettingInfo kImageDefinitions[] = {
    {"container", "", ValueType::text, true, {},
     "NAME [from ARTIFACT | image \"uri\"]: a container of the task definition and its image (repeatable)"},
    {"project", "ProjectName", ValueType::text, false, {}, "the CodeBuild project (default <pipeline>-<action>)"},
};
constexpr SettingInfo kEcs[] = {
    {"cluster", "ClusterName", ValueType::text, true, {}, "the ECS cluster"},
    {"service", "ServiceName", ValueType::text, true, {}, "the ECS service"},
    {"file", "FileName", ValueType::text, false, {}, "the image definitions file (default imagedefinitions.json)"},
    {"timeout", "DeploymentTimeout", ValueType::number, false, {}, "minutes, 1 to 60"},
};
constexpr SettingInfo kBlueGreen[] = {
    {"application", "ApplicationName", ValueType::text, true, {}, "the CodeDeploy application"},
    {"deployment-group", "DeploymentGroupName", ValueType::text, true, {}, "the CodeDeploy deployment group"},
    {"taskdef", "TaskDefinitionTemplateArtifact", ValueType::text, true, {},
     "ARTIFACT [\"path\"]: the task definition template (default taskdef.json)"},
    {"appspec", "AppSpecTemplateArtifact", ValueType::text, true, {}, "ARTIFACT [\"path\"]: the AppSpec (default appspec.yaml)"},
    {"image", "Image<N>ArtifactName", ValueType::text, false, {},
     "ARTIFACT \"PLACEHOLDER\": an image for the task definition (up to four)"},
};
constexpr SettingInfo kApproval[] = {
    {"topic", "NotificationArn", ValueType::text, false, {}, "the SNS topic to notify"},
    {"url", "ExternalEntityLink", ValueType::text, false, {}, "a link for the approver"},
    {"message", "CustomData", ValueType::text, false, {}, "a note for the approver"},
    {"timeout", "timeoutInMinutes", ValueType::number, false, {}, "minutes, 5 to 86400 (default 7 days)"},
};
constexpr SettingInfo kLambda[] = {
    {"function", "FunctionName", ValueType::text, true, {}, "the Lambda function"},
    {"parameters", "UserParameters", ValueType::text, false, {}, "a string passed to the function"},
};

constexpr ActionKind kKinds[] = {
    {"ecr", "Source", "AWS", "ECR", "1", kEcr, "Amazon ECR source: an image tag"},
    {"s3", "Source", "AWS", "S3", "1", kS3, "Amazon S3 source: a zip in a versioned bucket"},
    {"codecommit", "Source", "AWS", "CodeCommit", "1", kCodeCommit, "CodeCommit source"},
    {"github", "Source", "AWS", "CodeStarSourceConnection", "1", kConnection, "GitHub through a CodeConnections connection"},
    {"bitbucket", "Source", "AWS", "CodeStarSourceConnection", "1", kConnection, "Bitbucket through a connection"},
    {"gitlab", "Source", "AWS", "CodeStarSourceConnection", "1", kConnection, "GitLab through a connection"},
    {"codebuild", "Build", "AWS", "CodeBuild", "1", kCodeBuild, "CodeBuild build"},
    {"codebuild-test", "Test", "AWS", "CodeBuild", "1", kCodeBuild, "CodeBuild test"},
    {"docker", "Build", "AWS", "CodeBuild", "1", kDocker,
     "CodeBuild step that builds a Docker image, pushes it to ECR and writes imagedefinitions.json and imageDetail.json"},
    {"imagedefinitions", "Build", "AWS", "CodeBuild", "1", kImageDefinitions,
     "CodeBuild step that writes imagedefinitions.json from the ECR source's imageDetail.json"},
    {"ecs", "Deploy", "AWS", "ECS", "1", kEcs, "Amazon ECS standard deploy (reads imagedefinitions.json)"},
    {"blue-green", "Deploy", "AWS", "CodeDeployToECS", "1", kBlueGreen,
     "CodeDeploy blue/green deploy to ECS (reads imageDetail.json)"},
    {"approval", "Approval", "AWS", "Manual", "1", kApproval, "manual approval"},
    {"lambda", "Invoke", "AWS", "Lambda", "1", kLambda, "Lambda invoke"},
};

constexpr SettingInfo kCommon[] = {
    {"region", "region", ValueType::text, false, {}, "the Region the action runs in (cross-Region actions)"},
    {"namespace", "namespace", ValueType::text, false, {}, "the namespace of the action's output variables"},
    {"role", "roleArn", ValueType::text, false, {}, "a role the action assumes"},
};

constexpr std::string_view kTopLevel[] = {"let", "parameter", "output", "pipeline", "rule"};
constexpr std::string_view kPipeline[] = {"type", "role", "store", "mode", "variable", "trigger", "notify", "tag", "stage"};
constexpr std::string_view kPushFilterWords[] = {"branches", "tags", "paths"};
constexpr std::string_view kPullRequestFilterWords[] = {"events", "branches", "paths"};
constexpr std::string_view kRule[] = {"on", "pattern", "start", "notify", "invoke", "from", "description", "state", "bus"};
constexpr std::string_view kStart[] = {"revision", "variable", "role", "id"};
constexpr std::string_view kOperators[] = {"prefix",  "suffix",  "equals-ignore-case", "wildcard",
                                           "anything-but", "numeric", "exists", "cidr"};

constexpr std::string_view kPushFilters[] = {"repository", "tag", "result"};
constexpr std::string_view kReplicationFilters[] = {"repository", "tag", "result", "source-account", "source-region"};
constexpr std::string_view kScanFilters[] = {"repository", "status"};
constexpr TriggerKind kTriggers[] = {
    {"ecr", "push", "aws.ecr", "ECR Image Action", "PUSH", kPushFilters},
    {"ecr", "replication", "aws.ecr", "ECR Replication Action", "REPLICATE", kReplicationFilters},
    {"ecr", "scan", "aws.ecr", "ECR Image Scan", "", kScanFilters},
};

}  // namespace

std::span<const ActionKind> action_kinds() { return kKinds; }

const ActionKind* find_action_kind(std::string_view word) {
  for (const auto& k : kKinds) {
    if (k.word == word) return &k;
  }
  return nullptr;
}

const SettingInfo* find_setting(const ActionKind& kind, std::string_view word) {
  for (const auto& s : kind.settings) {
    if (s.word == word) return &s;
  }
  for (const auto& s : kCommon) {
    if (s.word == word) return &s;
  }
  return nullptr;
}

std::span<const SettingInfo> common_action_settings() { return kCommon; }
std::span<const std::string_view> top_level_words() { return kTopLevel; }
std::span<const std::string_view> pipeline_words() { return kPipeline; }
std::span<const std::string_view> rule_words() { return kRule; }
// The pipeline events a notification rule takes (AWS's event type IDs for
// CodePipeline, in the Developer Tools console user guide).
constexpr NotificationEvent kNotificationEvents[] = {
    {"started", "codepipeline-pipeline-pipeline-execution-started"},
    {"succeeded", "codepipeline-pipeline-pipeline-execution-succeeded"},
    {"failed", "codepipeline-pipeline-pipeline-execution-failed"},
    {"canceled", "codepipeline-pipeline-pipeline-execution-canceled"},
    {"resumed", "codepipeline-pipeline-pipeline-execution-resumed"},
    {"superseded", "codepipeline-pipeline-pipeline-execution-superseded"},
    {"stage-started", "codepipeline-pipeline-stage-execution-started"},
    {"stage-succeeded", "codepipeline-pipeline-stage-execution-succeeded"},
    {"stage-failed", "codepipeline-pipeline-stage-execution-failed"},
    {"stage-canceled", "codepipeline-pipeline-stage-execution-canceled"},
    {"stage-resumed", "codepipeline-pipeline-stage-execution-resumed"},
    {"action-started", "codepipeline-pipeline-action-execution-started"},
    {"action-succeeded", "codepipeline-pipeline-action-execution-succeeded"},
    {"action-failed", "codepipeline-pipeline-action-execution-failed"},
    {"action-canceled", "codepipeline-pipeline-action-execution-canceled"},
    {"approval-needed", "codepipeline-pipeline-manual-approval-needed"},
    {"approval-succeeded", "codepipeline-pipeline-manual-approval-succeeded"},
    {"approval-failed", "codepipeline-pipeline-manual-approval-failed"},
};

std::span<const std::string_view> git_filter_words(bool pull_request) {
  if (pull_request) return kPullRequestFilterWords;
  return kPushFilterWords;
}
std::span<const std::string_view> start_words() { return kStart; }
std::span<const std::string_view> pattern_operators() { return kOperators; }
std::span<const TriggerKind> trigger_kinds() { return kTriggers; }
std::span<const NotificationEvent> notification_events() { return kNotificationEvents; }

const TriggerKind* find_trigger(std::string_view source, std::string_view event) {
  for (const auto& t : kTriggers) {
    if (t.source == source && t.event == event) return &t;
  }
  return nullptr;
}

std::optional<std::string_view> filter_field(std::string_view word) {
  if (word == "repository") return "repository-name";
  if (word == "tag") return "image-tag";
  if (word == "result") return "result";
  if (word == "source-account") return "source-account";
  if (word == "source-region") return "source-region";
  if (word == "status") return "scan-status";
  return std::nullopt;
}


}  // namespace pipec::dsl
