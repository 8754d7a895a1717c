#pragma once
// AWS partitions and their Regions, as the AWS SDK knows them (@aws-sdk/core's
// partitions data, generated into generated/regions.inc). A Region that has
// the form of its partition's names but is not listed may be new; one that
// does not even have the form is a mistake.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::aws {

/// Whether `id` is one of AWS's partitions (aws, aws-cn, aws-us-gov, …).
[[nodiscard]] bool partition_exists(std::string_view id);

enum class RegionVerdict {
  known,     ///< listed in a partition
  unlisted,  ///< has the form of a partition's Region names, but is not listed (new, or a typo)
  malformed, ///< matches no partition's form ("Europe", "us-east1")
};

[[nodiscard]] RegionVerdict judge_region(std::string_view name);
/// The partition a Region (listed, or of its form) belongs to.
[[nodiscard]] std::optional<std::string_view> partition_of(std::string_view region);
/// Every listed Region, sorted.
[[nodiscard]] std::vector<std::string> all_regions();

}  // namespace pipec::aws
