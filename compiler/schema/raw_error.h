#pragma once
// Internal to schema/: valijson's errors, read. valijson says what failed in
// English sentences only; classify() recognizes each form pipec explains by
// its opening words. tests/unit/schema_messages_test.cc produces every form
// with the real valijson, so an upgrade that rewords one fails there rather
// than silently degrading the messages.

#include <cstddef>
#include <string>
#include <vector>

#include "schema/instance.h"

namespace pipec::schema {

enum class ErrorKind {
  required, additional, enumeration, constant, pattern, type, min_length, max_length, minimum, maximum,
  min_items, max_items, unique, min_properties, max_properties, negation, summary, other
};

struct RawError {
  ErrorKind kind;
  Path path;
  std::string description;
  std::string name;  ///< property name for required/additional
  std::size_t first = 0, second = 0;  ///< indexes for unique
};

/// One valijson error: its description, and its context (the path from
/// "<root>", array indexes in brackets).
[[nodiscard]] RawError classify(const std::string& description, const std::vector<std::string>& context);

}  // namespace pipec::schema
