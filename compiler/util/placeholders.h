#pragma once
// Placeholders left in text meant to be a value: what a template, a
// document's example or a copy-paste leaves for someone to fill in, and no
// tool substitutes.

#include <optional>
#include <string_view>

namespace pipec::util {

/// A ${…} that nothing substitutes: CloudFormation's ${AWS::AccountId} or
/// ${Bucket} outside Fn::Sub, or a template's placeholder. IAM's own policy
/// variables (${aws:username}, ${s3:prefix}, ${*}) have one colon or are one
/// character, and are not returned.
[[nodiscard]] std::optional<std::string_view> unsubstituted_placeholder(std::string_view text);

/// {$NAME}: a ${NAME} placeholder with its two first characters swapped (the
/// ECR push task's documentation prints one).
[[nodiscard]] std::optional<std::string_view> swapped_placeholder(std::string_view text);

/// <account-id>, <bucket>: text meant to be replaced.
[[nodiscard]] std::optional<std::string_view> angle_placeholder(std::string_view text);

}  // namespace pipec::util
