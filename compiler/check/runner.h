#pragma once
// Runs the selected rules over a workspace and produces the report.

#include <span>
#include <string>
#include <vector>

#include "check/rule.h"
#include "diag/report.h"

namespace pipec::check {

struct RunOptions {
  std::vector<std::string> select;  ///< ids or names; empty = all
  std::vector<std::string> ignore;  ///< ids or names
};

/// A rule matches a selector by id ("CP2001"), name ("ecs-deploy-reads-image-detail"),
/// or id prefix ("CP2" = every 2xxx rule).
[[nodiscard]] bool matches_selector(const diag::RuleMetadata& rule, std::string_view selector);

/// Selectors that name no rule (for a usage error).
[[nodiscard]] std::vector<std::string> unknown_selectors(std::span<const Rule* const> rules,
                                                         const RunOptions& options);

/// The order `run` hands `rules` to its threads, as indexes into `rules`:
/// the costly ones first, each group in the order given.
[[nodiscard]] std::vector<std::size_t> schedule(std::span<const Rule* const> rules);

[[nodiscard]] diag::Report run(const Context& context, std::span<const Rule* const> rules, const RunOptions& options);

}  // namespace pipec::check
