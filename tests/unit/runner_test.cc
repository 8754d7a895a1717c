#include <catch2/catch.hpp>
#include <vector>

#include "check/runner.h"
#include "rules/registry.h"

using pipec::check::Cost;
using pipec::check::Rule;

namespace {

Rule costing(Cost cost) {
  Rule rule{};
  rule.cost = cost;
  return rule;
}

}  // namespace

TEST_CASE("the costly rules are handed out first, each group in its order") {
  const Rule a = costing(Cost::light), b = costing(Cost::heavy), c = costing(Cost::light), d = costing(Cost::heavy);
  const std::vector<const Rule*> rules{&a, &b, &c, &d};
  CHECK(pipec::check::schedule(rules) == std::vector<std::size_t>{1, 3, 0, 2});
  CHECK(pipec::check::schedule({}).empty());
}

TEST_CASE("the registry's schedule starts with its costly rules") {
  const auto rules = pipec::rules::registry();
  const auto order = pipec::check::schedule(rules);
  REQUIRE(order.size() == rules.size());
  std::size_t heavy = 0;
  for (const auto* rule : rules) heavy += rule->cost == Cost::heavy;
  // Some rules are costly, not all: the schedule has something to order.
  CHECK(heavy > 0);
  CHECK(heavy < rules.size());
  for (std::size_t turn = 0; turn < order.size(); ++turn) {
    INFO(rules[order[turn]]->meta.id);
    CHECK((rules[order[turn]]->cost == Cost::heavy) == (turn < heavy));
    if (turn > 0 && turn != heavy) CHECK(order[turn - 1] < order[turn]);
  }
}
