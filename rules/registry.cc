#include "rules/registry.h"

#include "check/rule.h"

namespace pipec::rules {

// Every rule: declared and listed, sorted by id, by the build from the rule
// files (cmake/rule_registry.cmake). kRules is the list.
#include "rules/rule_list.inc"

std::span<const check::Rule* const> registry() { return kRules; }

const check::Rule* find_rule(std::string_view id_or_name) {
  for (const check::Rule* rule : kRules) {
    if (rule->meta.id == id_or_name || rule->meta.name == id_or_name) return rule;
  }
  return nullptr;
}

}  // namespace pipec::rules
