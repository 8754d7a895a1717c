#pragma once
// What Amazon ECR sends to EventBridge: the detail types of source "aws.ecr",
// the fields of each one's "detail", and the values of the fields that take
// only a few. Source: Amazon ECR User Guide, "Amazon ECR events and
// EventBridge" (ecr-eventbridge), and the ECR API's enums (ScanStatus,
// ScanFrequency, ScanType).

#include <optional>
#include <span>
#include <string_view>

namespace pipec::model {

struct EcrField {
  std::string_view name;
  std::span<const std::string_view> values;  ///< empty: any value
};

struct EcrEventType {
  std::string_view detail_type;
  std::span<const EcrField> fields;  ///< empty: not described (CloudTrail)
};

inline constexpr std::string_view kEcrSource = "aws.ecr";

[[nodiscard]] std::span<const EcrEventType> ecr_event_types();
[[nodiscard]] const EcrEventType* find_ecr_event_type(std::string_view detail_type);

}  // namespace pipec::model
