#pragma once
// The ECR sample events bundled with pipec (samples/ecr-events/), one or two
// per detail type, read once per process into a SourceSet of their own
// (nothing is reported in them): what the cross-file checks put through a
// rule's pattern and a target's input transformer to see what would happen.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventbridge/pattern.h"
#include "model/ecr_events.h"
#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

struct EcrSample {
  std::string name;         ///< "replication-action-failure.json"
  std::string detail_type;  ///< "ECR Replication Action"
  syntax::Document event;
};

/// Every sample, a push first, then a completed replication: a mistake
/// every event shows is reported with the most familiar of them. Read on
/// first use; safe to call from rules running on several threads.
[[nodiscard]] const std::vector<EcrSample>& ecr_samples();

/// Whether the sample is about one image of one repository (a push, a
/// replication, …): one `ecr_sample_about` can rewrite.
[[nodiscard]] bool ecr_sample_names_an_image(const EcrSample& sample);

/// A sample rewritten for one image after another: copied once, then only
/// the strings that name the repository (also inside ARNs) or the tag
/// written again for each image (CP3009 tries a rule's samples on every
/// source of every pipeline it starts; a copy each time was half its work).
/// The sample must be about one image (ecr_sample_names_an_image).
class EcrSampleRewriter {
 public:
  explicit EcrSampleRewriter(const EcrSample& sample);

  /// The sample as it would be for an image of `repository` tagged `tag`,
  /// valid until the next call; null when a name is not one ECR allows.
  /// Its spans are the sample's (nothing is reported in it). Each call
  /// keeps its few strings in the document until the rewriter is gone.
  [[nodiscard]] const syntax::Document* about(std::string_view repository, std::string_view tag);
  /// The document as the last about() left it.
  [[nodiscard]] const syntax::Document& document() const { return event_; }
  [[nodiscard]] syntax::Document take() && { return std::move(event_); }

 private:
  struct Naming {
    syntax::NodeId node;
    std::string_view sample_text;  ///< in event_'s own text, which never moves
  };
  syntax::Document event_;
  std::vector<Naming> naming_repository_;
  syntax::NodeId tag_ = syntax::kNoNode;
  std::string scratch_;
};

/// EcrSampleRewriter for one image: nothing when the sample is not about one
/// repository and tag, or a name is not one ECR allows.
[[nodiscard]] std::optional<syntax::Document> ecr_sample_about(const EcrSample& sample, std::string_view repository,
                                                               std::string_view tag);

/// The samples of the kinds of event `pattern` takes, in ecr_samples()
/// order: those it accepts on the fields that tell events apart by their
/// kind (source, detail-type, a detail field with a fixed set of values such
/// as result or action-type), not on those saying which repository, image,
/// tag or account an event is about. A detail field events of the type
/// never have counts too (no sample of the type passes: CP3004's finding);
/// for a type pipec does not model, only source and detail-type count. A
/// sample stands for every event of its kind, so it reaches a target when
/// the pattern accepts it on those fields.
[[nodiscard]] std::vector<const EcrSample*> samples_of_kinds(const CompiledPattern& pattern);

}  // namespace pipec::eventbridge
