#pragma once
// A resolved .pipe program in the shapes AWS's APIs take: the CodePipeline
// declaration (create-pipeline input), the PutTargets input and its input
// transformers. The lint documents (lint_document.h) and the JSON files
// `pipec build` writes are both made from these, so what is linted is what
// is written; the CloudFormation emitter names what it creates the same way.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/ir.h"

namespace pipec::emit {

// Names pipec gives what it creates (CloudFormation and CodePipeline JSON
// must agree on them).
/// The stem of a CloudFormation logical ID from a name: "qa-web" -> "QaWeb".
[[nodiscard]] std::string logical_id_stem(std::string_view name);
[[nodiscard]] std::string pipeline_role_name(const dsl::ir::Pipeline& p);   ///< <pipeline>-codepipeline
[[nodiscard]] std::string events_role_name(const dsl::ir::Rule& r);         ///< <rule>-events
[[nodiscard]] dsl::ir::Text artifact_bucket_name(const dsl::ir::Pipeline& p);  ///< <pipeline>-artifacts-<account>-<region>
[[nodiscard]] std::string target_id(const dsl::ir::Target& t);
[[nodiscard]] std::string placeholder_name(const dsl::ir::Revision& r, const dsl::ir::Target& t);

/// Which of Region and account an ARN names.
enum class ArnScope {
  regional,  ///< arn:<partition>:<service>:<region>:<account>:<resource>
  account,   ///< arn:<partition>:<service>::<account>:<resource> (IAM)
  none,      ///< arn:<partition>:<service>:::<resource> (S3)
};
/// An ARN in this partition, Region and account, every piece at `span`.
[[nodiscard]] dsl::ir::Text arn(std::string_view service, ArnScope scope, const dsl::ir::Text& resource, source::Span span = {});
/// Whether the text starts with "arn:" (rather than being a bare name).
[[nodiscard]] bool written_as_arn(const dsl::ir::Text& t);
/// An SNS topic's or a Lambda function's ARN, from an ARN or a bare name.
[[nodiscard]] dsl::ir::Text service_target_arn(const dsl::ir::ServiceTarget& t);
/// The target's Id: as given, else from the last part of its ARN.
[[nodiscard]] std::string service_target_id(const dsl::ir::ServiceTarget& t);

/// arn:<partition>:iam::<account>:root of another account, written out.
[[nodiscard]] dsl::ir::Text account_root(const std::string& account);
/// arn:<partition>:iam::<account>:role/<name>
[[nodiscard]] dsl::ir::Text role_arn(const std::string& name, source::Span span = {});

/// A stage's onFailure ({"result": "RETRY", "retryConfiguration": …}), if it has one.
[[nodiscard]] std::optional<dsl::ir::Json> on_failure_json(const dsl::ir::Stage& s);
/// The pipeline's triggers, as PipelineDeclaration.triggers.
[[nodiscard]] dsl::ir::Json triggers_json(const dsl::ir::Pipeline& p);
/// The same value with each object key's first letter capitalised: the
/// CloudFormation spelling of a pipeline's API shapes (gitConfiguration ->
/// GitConfiguration), which differ in nothing else.
[[nodiscard]] dsl::ir::Json cloudformation_keys(dsl::ir::Json value);

/// {"pipeline": {...}}, as CreatePipeline takes it.
/// `vars`: the values of pseudo-parameters where known (the key of the
/// pipeline's own store among artifactStores is its Region).
[[nodiscard]] dsl::ir::Json codepipeline_json(const dsl::ir::Pipeline& p, const std::map<std::string, std::string>& vars = {});
/// {"InputPathsMap": {...}, "InputTemplate": "…"}, or nothing if the target
/// passes no revisions or variables.
[[nodiscard]] std::optional<dsl::ir::Json> transformer_json(const dsl::ir::Target& t);
/// {"Name": …, "EventPattern": {...}, …}: PutRule input, but for the
/// pattern, an object (as CloudFormation takes it) for the linter to read;
/// no EventPattern when the rule reads its pattern from a file.
[[nodiscard]] dsl::ir::Json put_rule_json(const dsl::ir::Rule& r);
/// {"Rule": …, "Targets": [...]}, as PutTargets takes it.
[[nodiscard]] dsl::ir::Json put_targets_json(const dsl::ir::Rule& r);

}  // namespace pipec::emit
