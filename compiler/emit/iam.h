#pragma once
// The IAM that pipec writes into CloudFormation: policy statements, roles
// with their trust policy, and what a pipeline's service role needs for
// the actions it runs.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ir.h"

namespace pipec::emit {

/// {"Effect": "Allow", "Action": [...sorted, unique], "Resource": [...], "Condition": ...}
[[nodiscard]] dsl::ir::Json statement(std::vector<std::string> actions, std::vector<dsl::ir::Json> resources,
                                      std::optional<dsl::ir::Json> condition = {});
/// The same, on one resource.
[[nodiscard]] dsl::ir::Json statement(std::vector<std::string> actions, dsl::ir::Json resource,
                                      std::optional<dsl::ir::Json> condition = {});

/// {"Version": "2012-10-17", "Statement": [...]}
[[nodiscard]] dsl::ir::Json policy_document(std::vector<dsl::ir::Json> statements);

/// AWS::IAM::Role properties: a role `service` may assume, with one inline
/// policy of these statements.
[[nodiscard]] dsl::ir::Json role(std::optional<std::string> name, std::string_view service, std::string policy_name,
                                 std::vector<dsl::ir::Json> statements);

/// The use of the artifact stores' KMS keys (one statement per keyed store):
/// the pipeline's role and every role that reads or writes its artifacts.
/// `generated_key_id`: the logical ID of the key pipec creates, if it does.
[[nodiscard]] std::vector<dsl::ir::Json> artifact_key_statements(const dsl::ir::Pipeline& p,
                                                                 const std::optional<std::string>& generated_key_id = std::nullopt);

/// What a pipeline's service role needs: its artifact buckets
/// (`bucket_arns`), the keys of its stores, and what each action calls.
/// `generated_projects` maps the actions whose CodeBuild project pipec
/// writes to that project's logical ID.
[[nodiscard]] std::vector<dsl::ir::Json> pipeline_service_statements(
    const dsl::ir::Pipeline& p, std::vector<dsl::ir::Json> bucket_arns,
    const std::map<std::string, std::string>& generated_projects,
    const std::optional<std::string>& generated_key_id = std::nullopt);

/// The configuration entry of `a` with this key, if any.
[[nodiscard]] const dsl::ir::ConfigEntry* config(const dsl::ir::Action& a, std::string_view key);

}  // namespace pipec::emit
