#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "docs/rule_page.h"
#include "rules/registry.h"

namespace pipec::cli {

int run_explain(const std::string& rule, Output& output) {
  const check::Rule* found = rules::find_rule(rule);
  if (found == nullptr) {
    output.err += fmt::format("pipec: no rule \"{}\"; `pipec rules` lists them\n", rule);
    return kExitUsage;
  }
  output.out += docs::rule_page(*found);
  return kExitClean;
}

}  // namespace pipec::cli
