#pragma once
// Everything one run read: the files, their documents, and the model lowered
// from them. Rules receive a const Workspace and nothing else; cross-file
// checks (a rule and the pipeline it targets) look things up here.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/azure_tasks.h"
#include "model/events.h"
#include "model/iam_policy.h"
#include "model/image_uris.h"
#include "model/kind.h"
#include "model/pipeline.h"
#include "model/secrets.h"
#include "source/source_file.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::model {

struct LoadedFile {
  source::FileId file = source::kNoFile;
  Kind kind = Kind::unknown;
  bool named = false;                    ///< given on the command line (not found in a folder)
  bool kind_forced = false;              ///< --kind
  std::optional<std::string> load_error;  ///< why it could not be read
  const syntax::Document* document = nullptr;
  std::vector<syntax::Issue> issues;     ///< from reading the text (its own and embedded documents)
  std::vector<Secret> secrets;           ///< credentials written in it, masked in all output
  /// CloudFormation: the values a parameter may take that the template
  /// writes, its Default and each of its AllowedValues. A finding there is
  /// about a value a deployment may not use.
  struct ParameterValue {
    source::Span span;
    std::string parameter;
    bool is_default = true;  ///< else one of AllowedValues
  };
  std::vector<ParameterValue> parameter_values;
  /// Named by another file (a suite's event) and not what was expected: its
  /// issues are one that shows nothing of it, and no output shows its text.
  bool withheld = false;
};

/// A CodeBuild buildspec: a file of its own, or a project's Source.BuildSpec
/// in a template (read as a YAML document of its own whose offsets map back
/// into the template).
struct BuildspecRef {
  const syntax::Document* document = nullptr;
  syntax::NodeId root = syntax::kNoNode;
};

class Workspace {
 public:
  Workspace() = default;
  Workspace(Workspace&&) = default;
  Workspace& operator=(Workspace&&) = default;

  source::SourceSet sources;
  std::vector<LoadedFile> files;

  std::vector<Pipeline> pipelines;
  std::vector<EventRule> event_rules;
  std::vector<PatternRef> patterns;             ///< from pattern files and rules
  std::vector<TargetSet> target_sets;
  std::vector<InputTransformer> transformers;   ///< from transformer and paths files and targets
  std::vector<Policy> policies;                 ///< IAM policies, from templates and policy files
  std::vector<Role> roles;                      ///< the IAM roles templates declare
  std::vector<BuildspecRef> buildspecs;         ///< buildspec files, and those templates' projects hold
  std::vector<AzureTask> azure_tasks;           ///< task steps of Azure Pipelines files
  std::vector<ImageUriRef> image_uris;          ///< image URIs, where files write them (model/image_uris.h)

  /// Takes ownership of a document; the pointer stays valid for the
  /// workspace's lifetime.
  const syntax::Document* keep(syntax::Document document) {
    return keep(std::make_unique<syntax::Document>(std::move(document)));
  }
  /// The same for a document already on the heap: it does not move, so
  /// what was lowered from it (a Pipeline's `document`) stays valid.
  const syntax::Document* keep(std::unique_ptr<syntax::Document> document) {
    documents_.push_back(std::move(document));
    return documents_.back().get();
  }

  /// The pipeline whose name is `name`, if one was read. When several were
  /// (a folder of variants), the one whose file is nearest to `near` in the
  /// folder tree: a rule's targets refer to the pipeline beside them.
  [[nodiscard]] const Pipeline* pipeline_named(std::string_view name, source::FileId near) const;
  /// The pipeline a target starts, if pipec read it: one the target's own
  /// template declares (the Arn refers to it), else the pipeline named by a
  /// literal ARN, nearest to the targets' file. `at` is where the target
  /// names it.
  struct TargetedPipeline {
    const Pipeline* pipeline = nullptr;
    source::Span at;
  };
  [[nodiscard]] std::optional<TargetedPipeline> targeted_pipeline(const TargetSet& set, const Target& target) const;
  /// The index of the rule whose Name is `name`, nearest to `near` in the
  /// same way.
  [[nodiscard]] std::optional<std::size_t> event_rule_named(std::string_view name, source::FileId near) const;
  /// The loaded file a document belongs to (by its root file).
  [[nodiscard]] const LoadedFile* file_of(source::FileId file) const;

  /// Indexes `policies` by the file their logical ID is declared in and the
  /// roles they name, once lowering is done: asking which policies a role
  /// has is then not a walk over every policy (quadratic in a folder of
  /// templates, or in one template of many roles).
  void index_policies();
  /// Indices into `policies` of those declared in file `file` that name the
  /// role `role` (its logical ID), or nullptr when the index is missing or
  /// stale (policies were added since): the caller then walks them all.
  [[nodiscard]] const std::vector<std::size_t>* policies_of_role(source::FileId file, std::string_view role) const;

 private:
  std::vector<std::unique_ptr<syntax::Document>> documents_;
  std::vector<std::map<std::string, std::vector<std::size_t>, std::less<>>> policies_by_role_;  // by file
  std::size_t policies_indexed_ = 0;
  bool policies_index_built_ = false;
};

}  // namespace pipec::model
