#pragma once
// The variables CodePipeline actions emit, for #{Namespace.Variable}
// references in other actions' configuration. No machine-readable model
// lists them: each list is from the CodePipeline User Guide's "Variables
// reference" and the action reference page of its provider (and agrees with
// the AWS CDK's source actions, which hard-code the same names).

#include <span>
#include <string_view>

namespace pipec::model {

enum class VariableSet {
  fixed,         ///< the provider emits exactly `names`
  user_defined,  ///< the user decides: CodeBuild exported variables, CloudFormation outputs, Lambda, Commands
  none,          ///< no variables documented (ECS, CodeDeployToECS, Manual approval, …)
  unknown,       ///< a provider pipec has no list for (a custom action)
};

struct ProviderVariables {
  VariableSet set = VariableSet::unknown;
  std::span<const std::string_view> names;  ///< with VariableSet::fixed
};

/// What an action of this type emits (AWS-owned providers, and GitHub's
/// version 1 source, which is owned by ThirdParty).
[[nodiscard]] ProviderVariables action_variables(std::string_view owner, std::string_view category,
                                                 std::string_view provider);

/// The two namespaces no action declares: the execution's variables, and
/// the pipeline-level variables of a V2 pipeline.
inline constexpr std::string_view kExecutionNamespace = "codepipeline";
inline constexpr std::string_view kPipelineVariablesNamespace = "variables";

/// The variables of the reserved `codepipeline` namespace.
[[nodiscard]] std::span<const std::string_view> execution_variables();

}  // namespace pipec::model
