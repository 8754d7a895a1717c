#include "rules/registry.h"

#include "rules/rules.h"

namespace pipec::rules {

namespace {

// Sorted by id; tests/unit/registry_test.cc keeps it so.
constexpr const check::Rule* kRules[] = {
    &kUnreadableFile,
    &kInvalidEncoding,
    &kJsonSyntaxError,
    &kDuplicateKey,
    &kNestingTooDeep,
    &kUnknownFileKind,
    &kDslSyntaxError,
    &kDslUnresolvedName,
    &kDslInvalidValue,
    &kInvalidPipelineDeclaration,
    &kInvalidActionConfiguration,
    &kInvalidEventPattern,
    &kInvalidPutRuleInput,
    &kInvalidPutTargetsInput,
    &kInvalidInputTransformer,
    &kInvalidEvent,
    &kInvalidImageDefinitions,
    &kInvalidImageDetail,
    &kInvalidEcrSettings,
    &kInvalidCloudFormationPipeline,
    &kInvalidCloudFormationEventRule,
    &kInvalidTestSuite,
    &kTooFewStages,
    &kSourceActionOutsideFirstStage,
    &kNonSourceActionInFirstStage,
    &kDuplicateStageName,
    &kEcsDeployReadsImageDetail,
    &kUndefinedInputArtifact,
    &kDuplicateActionName,
    &kDuplicateOutputArtifact,
    &kWrongArtifactCount,
    &kPatternValueNotArray,
    &kUnknownPatternOperator,
    &kUnknownEcrDetailType,
    &kImpossibleEcrValue,
    &kUndefinedTemplatePlaceholder,
    &kUnusedInputPath,
    &kInvalidTemplateJson,
    &kInvalidRevisionType,
    &kUnknownOverrideAction,
    &kInvalidPipelinePayload,
    &kCommittedAwsSecret,
};

}  // namespace

std::span<const check::Rule* const> registry() { return kRules; }

const check::Rule* find_rule(std::string_view id_or_name) {
  for (const check::Rule* rule : kRules) {
    if (rule->meta.id == id_or_name || rule->meta.name == id_or_name) return rule;
  }
  return nullptr;
}

}  // namespace pipec::rules
