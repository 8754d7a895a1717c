#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "rules/registry.h"

TEST_CASE("the registry is sorted by id, ids and names are unique, names are kebab-case") {
  const auto rules = pipec::rules::registry();
  REQUIRE_FALSE(rules.empty());
  const std::regex id("^CP[0-9]{4}$");
  const std::regex name("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& m = rules[i]->meta;
    INFO(m.id << " " << m.name);
    CHECK(std::regex_match(std::string(m.id), id));
    CHECK(std::regex_match(std::string(m.name), name));
    CHECK(names.insert(m.name).second);
    if (i > 0) CHECK(rules[i - 1]->meta.id < m.id);
    CHECK_FALSE(m.summary.empty());
    CHECK(m.summary.back() != '.');
    CHECK(std::islower(static_cast<unsigned char>(m.summary.front())));
    CHECK(m.rationale.find("## What it checks") != std::string_view::npos);
    // Only the rules about other rules' findings are made by the driver.
    CHECK((rules[i]->check != nullptr) != (m.category == "suppression"));
  }
}

TEST_CASE("every rule has a page in docs/rules/") {
  const std::filesystem::path docs = std::filesystem::path(PIPEC_SOURCE_DIR) / "docs" / "rules";
  for (const auto* rule : pipec::rules::registry()) {
    const auto page = docs / (std::string(rule->meta.id) + "-" + std::string(rule->meta.name) + ".md");
    INFO(page.string());
    CHECK(std::filesystem::exists(page));
  }
}
