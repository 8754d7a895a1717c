#pragma once
// A rule's documentation page: its metadata, its rationale, and the example
// from its tests (tests/rules/<ID>-<name>/: the bad input with the output it
// must produce, and the fixed version). `pipec explain` prints it and
// `pipec docs` writes it to docs/rules/.

#include <string>

#include "check/rule.h"

namespace pipec::docs {

[[nodiscard]] std::string rule_page(const check::Rule& rule);
[[nodiscard]] std::string rule_page_name(const check::Rule& rule);  ///< "CP2001-ecs-deploy-reads-image-detail.md"
[[nodiscard]] std::string rules_index();                            ///< docs/rules/README.md

}  // namespace pipec::docs
