#pragma once
// The files of tests/rules/, compiled in for the rule pages.

#include <span>

#include "util/embedded.h"

namespace pipec::docs {

using util::EmbeddedFile;

[[nodiscard]] std::span<const EmbeddedFile> rule_examples();

}  // namespace pipec::docs
