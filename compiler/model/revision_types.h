#pragma once
// The revision types of StartPipelineExecution's SourceRevisionOverride
// (CodePipeline API Reference, SourceRevisionOverride.revisionType), with
// the word a .pipe file uses for each and where an event carries the
// value. The one list: the DSL, the payload check and the rules read it here.

#include <span>
#include <string_view>

namespace pipec::model {

struct RevisionType {
  std::string_view type;        ///< IMAGE_DIGEST, as StartPipelineExecution takes it
  std::string_view word;        ///< image-digest, as a .pipe file writes it
  std::string_view event_path;  ///< $.detail.image-digest: where an event carries it by default
  /// The source action providers whose revisions it names (CodePipeline API
  /// Reference, SourceRevisionOverride: a commit for CodeCommit and the git
  /// connections, a digest for ECR, a version or key for S3).
  std::span<const std::string_view> providers;
};

/// In the API's order: COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_VERSION_ID, S3_OBJECT_KEY.
[[nodiscard]] std::span<const RevisionType> revision_types();
/// Their API names, in the same order.
[[nodiscard]] std::span<const std::string_view> revision_type_names();
[[nodiscard]] const RevisionType* find_revision_type(std::string_view type);
[[nodiscard]] const RevisionType* find_revision_word(std::string_view word);

}  // namespace pipec::model
