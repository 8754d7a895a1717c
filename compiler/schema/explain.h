#pragma once
// Internal to schema/: valijson's errors explained, each as a message a
// person understands at the exact key or value. The message is built from
// the schema itself: the `enum` for "expected one of", `x-expected` for a
// pattern, `description` for help, `x-help` for a fix.

#include <vector>

#include "schema/instance.h"
#include "schema/raw_error.h"
#include "schema/validator.h"

namespace pipec::schema {

/// Explains `raw` (the errors of validating `instance`, the value of `node`,
/// against `schema`): what valijson misses is added (every unknown key of an
/// object, lengths of cut strings), what says one thing twice is dropped.
[[nodiscard]] std::vector<SchemaError> explain(std::vector<RawError> raw, const syntax::Document& document,
                                               syntax::NodeId node, const json& schema, const Instance& instance);

}  // namespace pipec::schema
