#pragma once
// Amazon ECR image URIs: REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST], where
// REGISTRY is ACCOUNT.dkr.ecr.REGION.amazonaws.com (or .amazonaws.com.cn in
// China), its FIPS form dkr.ecr-fips, or the dual-stack ACCOUNT.dkr-ecr.
// REGION.on.aws. Sources: the ECR API's AuthorizationData.proxyEndpoint and
// RepositoryName; the ECS API's ContainerDefinition.image (sha256 digests of
// 64 hexadecimal digits); the AWS General Reference's ECR endpoints; the OCI
// distribution spec's tag grammar.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::aws {

/// The parts of a URI whose host is an ECR registry's, as written (each
/// may be malformed: `check_ecr_image_uri` says which).
struct EcrImageUri {
  std::string_view account, region, repository, tag, digest;
  std::size_t account_at = 0, region_at = 0, repository_at = 0, tag_at = 0, digest_at = 0;  ///< offsets in the URI
};

/// Nothing when the host is not an ECR registry's (Docker Hub, ECR Public,
/// another registry): only ECR's form is known.
[[nodiscard]] std::optional<EcrImageUri> split_ecr_image_uri(std::string_view uri);

struct ImageUriProblem {
  std::size_t at = 0, size = 0;  ///< the part, in the URI
  std::string message;           ///< "account \"12345678901\" has 11 digits, expected 12"
};

/// What is wrong with an ECR image URI's parts (the Region is judged by the caller).
[[nodiscard]] std::vector<ImageUriProblem> check_ecr_image_uri(const EcrImageUri& uri);

/// A literal ECR image URI inside free text (a buildspec command that writes
/// imagedefinitions.json): REGISTRY/PATH with an optional :TAG or
/// @sha256:DIGEST, REGISTRY being ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn].
struct UriInText {
  std::size_t at = 0, size = 0;
};

/// Every such URI in `text`, left to right, none overlapping: what
/// std::regex_search would find, one after the other, with
///   [0-9A-Za-z_]+\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/
///   [a-zA-Z0-9._/-]+(?::[A-Za-z0-9_.-]+|@sha256:[0-9a-fA-F]+)?
/// (a unit test holds it to that), in one pass and at any length.
[[nodiscard]] std::vector<UriInText> find_ecr_image_uris(std::string_view text);

/// ECR's repository name pattern (botocore ecr RepositoryName), 2 to 256 characters.
[[nodiscard]] bool is_ecr_repository_name(std::string_view name);

}  // namespace pipec::aws
