#pragma once
// Amazon Resource Names: arn:partition:service:region:account:resource.
// Used where a policy names resources and where an ARN names a role or a
// pipeline, and to tell whether an ARN written with IAM's wildcards can
// name a resource of a type whose format IAM publishes.

#include <optional>
#include <string_view>

namespace pipec::aws {

struct Arn {
  std::string_view partition, service, region, account, resource;
};

/// The fields of `text` when it starts with "arn:" and has the five
/// colons an ARN has (the resource part may hold more).
[[nodiscard]] std::optional<Arn> split_arn(std::string_view text);

/// Whether `text` is an account ID: 12 decimal digits.
[[nodiscard]] bool is_account_id(std::string_view text);

/// The account of an IAM ARN (a role, a user, the account's root), when it
/// names one by its 12 digits.
[[nodiscard]] std::optional<std::string_view> iam_account(std::string_view arn);

/// Whether two patterns, where '*' stands for any run of characters and '?'
/// for one, can both match one text: "arn:aws:ecr:*:*:repository/web" and
/// IAM's "arn:*:ecr:*:*:repository/*" can; "…:web" and "…:repository/*"
/// cannot.
[[nodiscard]] bool patterns_overlap(std::string_view a, std::string_view b);

}  // namespace pipec::aws
