#include "aws/regions.h"

#include <algorithm>
#include <cstdint>
#include <regex>

namespace pipec::aws {

namespace {

struct Range {
  std::uint32_t first, count;
};
struct PartitionRow {
  std::string_view id;
  std::string_view region_pattern;  ///< ECMAScript, as the partitions data writes it
  std::string_view dns_suffix;
  Range regions;
};

using namespace std::string_view_literals;
#include "aws/generated/regions.inc"

const std::vector<std::regex>& patterns() {
  static const std::vector<std::regex> compiled = [] {
    std::vector<std::regex> out;
    for (const auto& p : kPartitions) out.emplace_back(std::string(p.region_pattern), std::regex::ECMAScript);
    return out;
  }();
  return compiled;
}

}  // namespace

bool partition_exists(std::string_view id) {
  return std::any_of(std::begin(kPartitions), std::end(kPartitions), [&](const PartitionRow& p) { return p.id == id; });
}

RegionVerdict judge_region(std::string_view name) {
  if (std::find(std::begin(kRegions), std::end(kRegions), name) != std::end(kRegions)) return RegionVerdict::known;
  if (name.size() > 64) return RegionVerdict::malformed;
  const std::string text(name);
  for (const auto& pattern : patterns()) {
    if (std::regex_match(text, pattern)) return RegionVerdict::unlisted;
  }
  return RegionVerdict::malformed;
}

std::optional<std::string_view> partition_of(std::string_view region) {
  for (const auto& p : kPartitions) {
    for (std::uint32_t i = 0; i < p.regions.count; ++i) {
      if (kRegions[p.regions.first + i] == region) return p.id;
    }
  }
  if (region.size() > 64) return std::nullopt;
  const std::string text(region);
  const auto& compiled = patterns();
  for (std::size_t i = 0; i < std::size(kPartitions); ++i) {
    if (std::regex_match(text, compiled[i])) return kPartitions[i].id;
  }
  return std::nullopt;
}

std::vector<std::string> all_regions() {
  std::vector<std::string> out(std::begin(kRegions), std::end(kRegions));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pipec::aws
