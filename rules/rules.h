#pragma once
// Every rule, declared once. Each is defined in its own file under rules/
// and listed, in id order, in registry.cc: the only list.

#include "check/rule.h"

namespace pipec::rules {

// 0xxx: reading files, syntax and schemas
extern const check::Rule kUnreadableFile;            // CP0001
extern const check::Rule kInvalidEncoding;           // CP0002
extern const check::Rule kJsonSyntaxError;           // CP0003
extern const check::Rule kDuplicateKey;              // CP0004
extern const check::Rule kNestingTooDeep;            // CP0005
extern const check::Rule kUnknownFileKind;           // CP0006
extern const check::Rule kDslSyntaxError;            // CP0007
extern const check::Rule kDslUnresolvedName;         // CP0008
extern const check::Rule kDslInvalidValue;           // CP0009
extern const check::Rule kInvalidPipelineDeclaration;  // CP0101
extern const check::Rule kInvalidActionConfiguration;  // CP0102
extern const check::Rule kInvalidEventPattern;       // CP0103
extern const check::Rule kInvalidPutRuleInput;       // CP0104
extern const check::Rule kInvalidPutTargetsInput;    // CP0105
extern const check::Rule kInvalidInputTransformer;   // CP0106
extern const check::Rule kInvalidEvent;              // CP0107
extern const check::Rule kInvalidImageDefinitions;   // CP0108
extern const check::Rule kInvalidImageDetail;        // CP0109
extern const check::Rule kInvalidEcrSettings;        // CP0110
extern const check::Rule kInvalidCloudFormationPipeline;   // CP0111
extern const check::Rule kInvalidCloudFormationEventRule;  // CP0112
extern const check::Rule kInvalidTestSuite;  // CP0113

// 1xxx: pipeline and stages
extern const check::Rule kTooFewStages;                  // CP1001
extern const check::Rule kSourceActionOutsideFirstStage;  // CP1002
extern const check::Rule kNonSourceActionInFirstStage;    // CP1003
extern const check::Rule kDuplicateStageName;             // CP1004

// 2xxx: actions and artifacts
extern const check::Rule kEcsDeployReadsImageDetail;  // CP2001
extern const check::Rule kUndefinedInputArtifact;     // CP2002
extern const check::Rule kDuplicateActionName;        // CP2003
extern const check::Rule kDuplicateOutputArtifact;    // CP2004
extern const check::Rule kWrongArtifactCount;         // CP2005

// 3xxx: EventBridge rules and patterns
extern const check::Rule kPatternValueNotArray;   // CP3001
extern const check::Rule kUnknownPatternOperator;  // CP3002
extern const check::Rule kUnknownEcrDetailType;   // CP3003
extern const check::Rule kImpossibleEcrValue;     // CP3004

// 4xxx: input transformers
extern const check::Rule kUndefinedTemplatePlaceholder;  // CP4001
extern const check::Rule kUnusedInputPath;               // CP4002
extern const check::Rule kInvalidTemplateJson;           // CP4003
extern const check::Rule kInvalidRevisionType;           // CP4004
extern const check::Rule kUnknownOverrideAction;         // CP4005
extern const check::Rule kInvalidPipelinePayload;        // CP4006

// 5xxx: ECR and ECS
extern const check::Rule kCommittedAwsSecret;  // CP5001

}  // namespace pipec::rules
