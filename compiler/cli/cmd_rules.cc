#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "rules/registry.h"

namespace pipec::cli {

int run_rules(const RulesOptions& options, Output& output) {
  const auto rules = rules::registry();
  if (options.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto* rule : rules) {
      list.push_back({{"id", rule->meta.id},
                      {"name", rule->meta.name},
                      {"category", rule->meta.category},
                      {"severity", diag::to_string(rule->meta.default_severity)},
                      {"summary", rule->meta.summary},
                      {"help_uri", rule->meta.help_uri}});
    }
    output.out += list.dump(2) + "\n";
    return kExitClean;
  }
  if (options.format != "text") {
    output.err += fmt::format("pipec: unknown format \"{}\"; expected text or json\n", options.format);
    return kExitUsage;
  }
  std::size_t width = 0;
  for (const auto* rule : rules) width = std::max(width, rule->meta.name.size());
  for (const auto* rule : rules) {
    output.out += fmt::format("{}  {:<{}}  {:<7}  {}\n", rule->meta.id, rule->meta.name, width,
                              diag::to_string(rule->meta.default_severity), rule->meta.summary);
  }
  return kExitClean;
}

}  // namespace pipec::cli
