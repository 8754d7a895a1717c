#pragma once
// The JSON Schemas of schemas/, compiled into the binary.

#include <optional>
#include <span>
#include <string_view>

#include "util/embedded.h"

namespace pipec::schema {

using util::EmbeddedFile;

/// Every schema, by its path under schemas/ ("codepipeline/pipeline.json").
[[nodiscard]] std::span<const EmbeddedFile> bundled_schemas();

[[nodiscard]] inline std::optional<std::string_view> bundled_schema(std::string_view name) {
  if (const auto* f = util::find_embedded(bundled_schemas(), name)) return f->text;
  return std::nullopt;
}

}  // namespace pipec::schema
