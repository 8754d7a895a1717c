#include "rules/registry.h"

#include <vector>

#include "check/rule.h"
#include "util/spelling.h"

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

std::optional<std::string> closest_rule_word(std::string_view word) {
  std::vector<std::string_view> words;
  for (const check::Rule* rule : kRules) {
    words.push_back(rule->meta.id);
    words.push_back(rule->meta.name);
  }
  return util::closest_match(word, words);
}

}  // namespace pipec::rules
