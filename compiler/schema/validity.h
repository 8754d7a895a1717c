#pragma once
// Internal to schema/: whether a value is valid against a bundled schema,
// decided without valijson. Most files are valid, and for them this is the
// whole of schema validation: a walk of the document against a compiled tree
// of checks, not valijson's compilation of the schema and conversion of the
// document (which were half of linting one template).
//
// The answer errs one way only. "Valid" is said only where valijson (draft 7,
// strong types, as validator.cc runs it) finds nothing; whatever the checker
// does not model — a keyword it does not know, a string longer than
// kRegexSafeLength (cut before valijson sees it), duplicate keys, bytes that
// are not UTF-8, an integer equal to a double in an enum — makes it say "not
// known valid", and the caller asks valijson, whose errors are the ones
// explained. Where the caller drops some errors (Unknowable), it can also say
// "every error would be dropped", under the same one-way rule. The schema fuzz
// harness and a unit test hold it to that on every bundled schema.

#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "schema/validator.h"
#include "syntax/document.h"

namespace pipec::schema {

class CompiledChecks;

/// Compiles a draft 7 schema into checks; nullptr when the schema uses what
/// the checker does not model (every value is then "not known valid").
[[nodiscard]] std::shared_ptr<const CompiledChecks> compile_checks(const nlohmann::json& schema);

/// The checks pipec_compile_schemas wrote at build time (checks.h), opened
/// where they lie: `bytes` must outlive them. nullptr for bytes that are not
/// such.
[[nodiscard]] std::shared_ptr<const CompiledChecks> load_checks(std::string_view bytes);

enum class Validity {
  valid,           ///< valijson would find nothing
  errors_dropped,  ///< valijson would find errors, all of them where `unknowable` says they are dropped
  not_known,
};

[[nodiscard]] Validity judge(const CompiledChecks& checks, const syntax::Document& document, syntax::NodeId node,
                             const Unknowable* unknowable);

/// True only if valijson would find `node` of `document` valid against the
/// schema `checks` was compiled from.
[[nodiscard]] bool known_valid(const CompiledChecks& checks, const syntax::Document& document, syntax::NodeId node);

}  // namespace pipec::schema
