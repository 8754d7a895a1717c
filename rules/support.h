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
};

/// Runs the validations on every core and reports their errors in job order.
void report_schemas(const check::Context& context, check::Reporter& out, const std::vector<SchemaJob>& jobs);

/// Validates the root of every readable file of `kind` against `schema`.
void check_files_against(const check::Context& context, check::Reporter& out, model::Kind kind,
                         std::string_view schema);

}  // namespace pipec::rules
