#pragma once
// A resolved program in the shapes AWS's APIs take: the CodePipeline
// declaration (create-pipeline input), the event pattern, the PutTargets
// input and its input transformer. The lint documents and the JSON emitters
// are both made from these, so what is linted is what is written.

#include <map>
#include <string>

#include "dsl/ir.h"
#include "dsl/vars.h"
#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::dsl {

// Names pipec gives what it creates (CloudFormation and CodePipeline JSON
// must agree on them).
[[nodiscard]] std::string pipeline_role_name(const ir::Pipeline& p);   ///< <pipeline>-codepipeline
[[nodiscard]] std::string events_role_name(const ir::Rule& r);         ///< <rule>-events
[[nodiscard]] ir::Text artifact_bucket_name(const ir::Pipeline& p);    ///< <pipeline>-artifacts-<account>-<region>
[[nodiscard]] std::string target_id(const ir::Target& t);
[[nodiscard]] std::string placeholder_name(const ir::Revision& r, const ir::Target& t);

/// {"pipeline": {...}}, as CreatePipeline takes it.
[[nodiscard]] ir::Json codepipeline_json(const ir::Pipeline& p);
/// {"InputPathsMap": {...}, "InputTemplate": "…"}, or nothing if the target
/// passes no revisions or variables.
[[nodiscard]] std::optional<ir::Json> transformer_json(const ir::Target& t);
/// {"Rule": …, "Targets": [...]}, as PutTargets takes it.
[[nodiscard]] ir::Json put_targets_json(const ir::Rule& r);

/// Keys of the API shapes, in the DSL's words, for messages.
[[nodiscard]] const std::map<std::string, std::string>& dsl_key_aliases();

/// JSON text: two-space indent, members in order, a final newline. Pseudo-
/// parameters come from `vars`, or their stand-ins when `stand_ins`;
/// otherwise the first one missing is returned in `missing` and the text is
/// empty.
[[nodiscard]] std::string write_json(const ir::Json& json, const Vars& vars, bool stand_ins,
                                     const ir::Text::Piece** missing = nullptr);

/// A document for the linter: every value and key with the span of what
/// the DSL wrote for it, pseudo-parameters read from `vars` or stand-ins.
[[nodiscard]] syntax::Document to_document(const ir::Json& json, source::FileId file, const Vars& vars);

}  // namespace pipec::dsl
