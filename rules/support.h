#pragma once
// Small helpers shared by rules. Nothing here decides anything: a rule's
// logic stays in its own file.

#include <string>
#include <string_view>

#include "check/rule.h"
#include "schema/validator.h"

namespace pipec::rules {

/// Reports, as findings of the calling rule, the reader's issues of one kind.
void forward_issues(const check::Context& context, check::Reporter& out, syntax::IssueKind kind);

/// One validation: a subtree against a bundled schema.
struct SchemaJob {
  std::string_view schema;
  const syntax::Document* document;
  syntax::NodeId node;
  /// The subtree is part of a CloudFormation template, checked against a
  /// schema of the API's JSON: an error at or inside a value given by an
  /// intrinsic function ({"Ref": …}) is dropped, since only a deployment
  /// knows that value.
  bool cloudformation = false;
  /// With `cloudformation`: numbers and booleans pass for strings, as
  /// CloudFormation converts them ("PollForSourceChanges: false").
  bool scalars_as_strings = false;
};

/// Runs the validations on every core and reports their errors in job order.
void report_schemas(const check::Context& context, check::Reporter& out, const std::vector<SchemaJob>& jobs);

/// Validates the root of every readable file of `kind` against `schema`.
void check_files_against(const check::Context& context, check::Reporter& out, model::Kind kind,
                         std::string_view schema);

/// Validates every resource of `type` in the CloudFormation templates read
/// (the resource object: Type, Properties and attributes) against `schema`.
void check_resources_against(const check::Context& context, check::Reporter& out, std::string_view type,
                             std::string_view schema);

}  // namespace pipec::rules
