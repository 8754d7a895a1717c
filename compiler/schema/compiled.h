#pragma once
// The bundled schemas' validity checks (checks.h), compiled at build time by
// pipec_compile_schemas, so a run neither parses nor compiles its schemas:
// by the schema's path under schemas/, the bytes load_checks() reads. A
// schema the checks do not model has no entry.

#include <span>

#include "util/embedded.h"

namespace pipec::schema {

[[nodiscard]] std::span<const util::EmbeddedFile> compiled_schema_checks();

}  // namespace pipec::schema
