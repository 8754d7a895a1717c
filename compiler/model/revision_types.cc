#include "model/revision_types.h"

namespace pipec::model {

namespace {

constexpr std::string_view kGit[] = {"CodeCommit", "CodeStarSourceConnection", "GitHub"};
constexpr std::string_view kEcr[] = {"ECR"};
constexpr std::string_view kS3[] = {"S3"};

constexpr RevisionType kTypes[] = {
    {"COMMIT_ID", "commit-id", "$.detail.commitId", kGit},
    {"IMAGE_DIGEST", "image-digest", "$.detail.image-digest", kEcr},
    {"S3_OBJECT_VERSION_ID", "s3-object-version-id", "$.detail.object.version-id", kS3},
    {"S3_OBJECT_KEY", "s3-object-key", "$.detail.object.key", kS3},
};

constexpr std::string_view kNames[] = {kTypes[0].type, kTypes[1].type, kTypes[2].type, kTypes[3].type};
static_assert(std::size(kNames) == std::size(kTypes));

}  // namespace

std::span<const RevisionType> revision_types() { return kTypes; }

std::span<const std::string_view> revision_type_names() { return kNames; }

const RevisionType* find_revision_type(std::string_view type) {
  for (const auto& t : kTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

const RevisionType* find_revision_word(std::string_view word) {
  for (const auto& t : kTypes) {
    if (t.word == word) return &t;
  }
  return nullptr;
}

}  // namespace pipec::model
