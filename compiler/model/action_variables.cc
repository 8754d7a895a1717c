#include "model/action_variables.h"

#include <algorithm>

namespace pipec::model {

namespace {

// CodePipeline User Guide, "Variables reference" (output variables per
// action), and the action reference pages of each provider.
constexpr std::string_view kEcr[] = {"RegistryId", "RepositoryName", "ImageTag", "ImageDigest", "ImageURI"};
constexpr std::string_view kCodeCommit[] = {"AuthorDate", "BranchName", "CommitId", "CommitMessage", "CommitterDate", "RepositoryName"};
constexpr std::string_view kS3[] = {"ETag", "VersionId"};
constexpr std::string_view kConnection[] = {"AuthorDate", "BranchName", "CommitId", "CommitMessage", "ConnectionArn", "FullRepositoryName"};
constexpr std::string_view kGitHub[] = {"AuthorDate", "BranchName", "CommitId", "CommitMessage", "CommitterDate", "CommitUrl", "RepositoryName"};
constexpr std::string_view kStackSet[] = {"OperationId", "StackSetId"};
constexpr std::string_view kStepFunctions[] = {"StateMachineArn", "ExecutionArn"};
constexpr std::string_view kEcrBuildAndPublish[] = {"ECRImageDigestId", "ECRRepositoryName"};
constexpr std::string_view kInspectorScan[] = {"HighestScannedSeverity"};
constexpr std::string_view kExecution[] = {"PipelineExecutionId"};

struct Row {
  std::string_view category;  ///< empty: any
  std::string_view provider;
  VariableSet set;
  std::span<const std::string_view> names;
};

const Row kRows[] = {
    {"", "ECR", VariableSet::fixed, kEcr},
    {"", "CodeCommit", VariableSet::fixed, kCodeCommit},
    {"Source", "S3", VariableSet::fixed, kS3},
    {"Deploy", "S3", VariableSet::none, {}},
    {"", "CodeStarSourceConnection", VariableSet::fixed, kConnection},
    {"", "GitHub", VariableSet::fixed, kGitHub},
    {"", "CloudFormationStackSet", VariableSet::fixed, kStackSet},
    {"", "CloudFormationStackInstances", VariableSet::fixed, kStackSet},
    {"", "StepFunctions", VariableSet::fixed, kStepFunctions},
    {"", "ECRBuildAndPublish", VariableSet::fixed, kEcrBuildAndPublish},
    {"", "InspectorScan", VariableSet::fixed, kInspectorScan},
    {"", "CodeBuild", VariableSet::user_defined, {}},
    {"", "CloudFormation", VariableSet::user_defined, {}},
    {"", "Lambda", VariableSet::user_defined, {}},
    {"", "Commands", VariableSet::user_defined, {}},
    {"", "ECS", VariableSet::none, {}},
    {"", "CodeDeployToECS", VariableSet::none, {}},
    {"", "CodeDeploy", VariableSet::none, {}},
    {"", "Manual", VariableSet::none, {}},
};

}  // namespace

ProviderVariables action_variables(std::string_view owner, std::string_view category, std::string_view provider) {
  if (owner != "AWS" && !(owner == "ThirdParty" && provider == "GitHub")) return {};
  const auto* row = std::find_if(std::begin(kRows), std::end(kRows), [&](const Row& r) {
    return r.provider == provider && (r.category.empty() || r.category == category);
  });
  if (row == std::end(kRows)) return {};
  return {row->set, row->names};
}

std::span<const std::string_view> execution_variables() { return kExecution; }

}  // namespace pipec::model
