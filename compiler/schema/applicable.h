#pragma once
// Internal to schema/: which parts of a schema apply to a value at a path
// (through $ref, allOf, anyOf, oneOf and the branch of if/then/else the
// value takes), and the keywords and annotations among them that explain an
// error: the `enum` for "expected one of", `x-expected`, `x-help`, …

#include <string>
#include <vector>

#include "schema/instance.h"

namespace pipec::schema {

/// Whether `text` matches `pattern` (false for text too long to match safely).
[[nodiscard]] bool short_regex_match(const std::string& pattern, std::string_view text);
/// Whether `instance` is of (one of) the JSON Schema `type`.
[[nodiscard]] bool type_matches(const json& type, const json& instance);

/// Every schema object that applies to `instance` directly, added to `out`.
void expand(const json& root, const json& schema, const json& instance, std::vector<const json*>& out, int depth = 0);
/// The schema objects that apply at `path` of `instance_root`.
[[nodiscard]] std::vector<const json*> applicable(const json& root, const json& instance_root, const Path& path);

/// The first value of keyword `name` among `schemas` that `accept` takes
/// (which tells whether this is the constraint that failed).
template <typename Accept>
const json* keyword(const std::vector<const json*>& schemas, const char* name, Accept accept) {
  for (const json* s : schemas) {
    if (const auto it = s->find(name); it != s->end() && accept(*it)) return &*it;
  }
  return nullptr;
}
[[nodiscard]] const json* keyword(const std::vector<const json*>& schemas, const char* name);
/// The first string value of keyword `name` among `schemas`, or "".
[[nodiscard]] std::string annotation(const std::vector<const json*>& schemas, const char* name);

}  // namespace pipec::schema
