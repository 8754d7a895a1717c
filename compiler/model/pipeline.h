#pragma once
// A CodePipeline pipeline as every front end lowers it: the API's JSON
// (create-pipeline / get-pipeline), CloudFormation, and .pipe files.
// Rules see only this. Fields are optional where a document may lack them;
// the schema rules report what is missing, the semantic rules skip it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/dialect.h"
#include "model/located.h"

namespace pipec::model {

struct ActionType {
  std::optional<Text> category, owner, provider, version;
};

struct ConfigEntry {
  Text key;
  Text value;  ///< a string value; other JSON types keep their text as written
};

struct Action {
  std::optional<Text> name;
  ActionType type;
  std::vector<ConfigEntry> configuration;
  syntax::NodeId configuration_node = syntax::kNoNode;
  std::vector<Text> inputs;   ///< inputArtifacts[].name
  std::vector<Text> outputs;  ///< outputArtifacts[].name
  syntax::NodeId inputs_node = syntax::kNoNode;
  syntax::NodeId outputs_node = syntax::kNoNode;
  std::optional<Located<long long>> run_order;
  std::optional<Text> region, namespace_, role_arn;
  // CloudFormation: parts given by an intrinsic function ({"Ref": …},
  // {"Fn::If": …}), which only a deployment resolves. Rules that need the
  // whole of a part skip it rather than guess.
  bool inputs_unresolved = false;         ///< InputArtifacts, or a name in it
  bool outputs_unresolved = false;        ///< OutputArtifacts, or a name in it
  bool configuration_unresolved = false;  ///< Configuration as a whole
  bool order_unresolved = false;          ///< RunOrder
  bool namespace_unresolved = false;      ///< Namespace
  source::Span span;  ///< the action object
  syntax::NodeId node = syntax::kNoNode;
  std::size_t stage_index = 0;

  [[nodiscard]] std::string_view category() const { return type.category ? std::string_view(type.category->value) : ""; }
  [[nodiscard]] std::string_view owner() const { return type.owner ? std::string_view(type.owner->value) : ""; }
  [[nodiscard]] std::string_view provider() const { return type.provider ? std::string_view(type.provider->value) : ""; }
  [[nodiscard]] std::string_view display_name() const { return name ? std::string_view(name->value) : "(unnamed)"; }
  /// Effective run order (CodePipeline's default is 1).
  [[nodiscard]] long long order() const { return run_order ? run_order->value : 1; }
  [[nodiscard]] const ConfigEntry* config(std::string_view key) const;
  /// Where to point for the action as a whole: its name, else its object.
  [[nodiscard]] source::Span anchor() const { return name ? name->span : span; }
  [[nodiscard]] bool is(std::string_view owner_, std::string_view category_, std::string_view provider_) const {
    return owner() == owner_ && category() == category_ && provider() == provider_;
  }
};

struct Stage {
  std::optional<Text> name;
  std::vector<Action> actions;
  source::Span span;
  syntax::NodeId node = syntax::kNoNode;
  syntax::NodeId actions_node = syntax::kNoNode;
  std::size_t position = 0;  ///< index in the declaration's list of stages (which may hold items pipec cannot read)
  bool actions_unresolved = false;  ///< CloudFormation: Actions, or an item of it, is an intrinsic function

  [[nodiscard]] std::string_view display_name() const { return name ? std::string_view(name->value) : "(unnamed)"; }
  [[nodiscard]] source::Span anchor() const { return name ? name->span : span; }
};

/// Where a pipeline keeps its artifacts: S3, maybe encrypted with a KMS key.
struct ArtifactStore {
  std::optional<Text> region;    ///< in artifactStores: the Region it serves (the map's key, or Region)
  std::optional<Text> location;  ///< the bucket
  std::optional<Text> kms_key;   ///< encryptionKey.id
  source::Span span;             ///< the store object
  syntax::NodeId node = syntax::kNoNode;
};

/// A pipeline-level trigger (V2): which source action's Git events start
/// the pipeline.
struct Trigger {
  std::optional<Text> provider_type;       ///< CodeStarSourceConnection
  std::optional<Text> source_action_name;  ///< gitConfiguration.sourceActionName
  bool push = false, pull_request = false;  ///< whether it has push / pullRequest filters
  source::Span span;
  syntax::NodeId node = syntax::kNoNode;
};

struct Pipeline {
  /// Where it was written: one lowering serves the API's camelCase and
  /// CloudFormation's PascalCase; a .pipe file lowers through the API's
  /// shape (fixes can be shown in the DSL).
  Dialect dialect = Dialect::api;
  const syntax::Document* document = nullptr;
  syntax::NodeId declaration = syntax::kNoNode;  ///< the pipeline object
  std::optional<Text> name, role_arn, pipeline_type, execution_mode;
  /// artifactStore (one Region), or artifactStores (one per Region); the nodes, where written.
  std::optional<ArtifactStore> artifact_store;
  std::vector<ArtifactStore> artifact_stores;
  syntax::NodeId artifact_store_node = syntax::kNoNode;
  syntax::NodeId artifact_stores_node = syntax::kNoNode;
  bool artifact_stores_unresolved = false;  ///< CloudFormation: a store is given by an intrinsic function
  /// variables and triggers (V2 pipelines only), where written.
  syntax::NodeId variables_node = syntax::kNoNode;
  syntax::NodeId triggers_node = syntax::kNoNode;
  std::vector<Trigger> triggers;      ///< the triggers that are objects (CloudFormation: not intrinsic functions)
  std::vector<Text> variables;        ///< the names of the pipeline-level variables
  bool variables_unresolved = false;  ///< CloudFormation: Variables, an item or a name is an intrinsic function
  std::vector<Stage> stages;
  syntax::NodeId stages_node = syntax::kNoNode;
  source::Span span;
  /// .pipe files: the Region the pipeline runs in, as lint reads ${region}
  /// (its --var, else the stand-in): with a single artifactStore, an action
  /// there is not cross-Region.
  std::optional<std::string> home_region;
  /// Whether home_region is the stand-in (no --var region, no `let region`):
  /// then it is a guess, and nothing is required of that Region.
  bool home_region_assumed = false;
  /// CloudFormation: the resource's logical ID (its key under "Resources"),
  /// which names the pipeline in messages when "Name" is not literal text.
  std::optional<Text> logical_id;
  bool stages_unresolved = false;  ///< CloudFormation: Stages, or an item of it, is an intrinsic function

  [[nodiscard]] std::string_view display_name() const {
    return name ? std::string_view(name->value) : logical_id ? std::string_view(logical_id->value) : "(unnamed)";
  }
  [[nodiscard]] source::Span anchor() const { return name ? name->span : span; }
  /// The action named `name`, if any.
  [[nodiscard]] const Action* action(std::string_view name) const;
  /// The store of artifactStores for `region`, if any.
  [[nodiscard]] const ArtifactStore* store_in(std::string_view region) const;
  /// The action that outputs `artifact`, if any.
  [[nodiscard]] const Action* producer(std::string_view artifact) const;
  /// Whether every stage, action and artifact list is known: nothing in the
  /// structure is an intrinsic function (always true outside CloudFormation).
  [[nodiscard]] bool fully_resolved() const;
  /// Whether the first stage of the declaration and its actions are known
  /// (in a template, the first item of Stages may be an intrinsic function).
  [[nodiscard]] bool first_stage_resolved() const;
};

/// An ECR source action with the repository it reads written out: the image
/// a push of which starts the pipeline, and that the pipeline deploys.
struct EcrSource {
  const Action* action = nullptr;
  const ConfigEntry* repository = nullptr;
  const ConfigEntry* tag = nullptr;  ///< null: "latest", the action's default
  [[nodiscard]] std::string_view tag_value() const { return tag ? std::string_view(tag->value.value) : "latest"; }
};

/// The pipeline's ECR source actions whose configuration pipec can read and
/// that name their repository.
[[nodiscard]] std::vector<EcrSource> ecr_sources(const Pipeline& p);

/// Lowers a CodePipeline declaration in the API's JSON: `root` is either
/// {"pipeline": {...}, "metadata": …} or the declaration itself.
[[nodiscard]] Pipeline lower_api_pipeline(const syntax::Document& document, syntax::NodeId root);

/// Lowers the "Properties" of an AWS::CodePipeline::Pipeline resource
/// (PascalCase keys). Values that are intrinsic functions are not literal
/// text: they are left out, and lists that hold one are marked unresolved.
[[nodiscard]] Pipeline lower_cloudformation_pipeline(const syntax::Document& document, syntax::NodeId properties);

}  // namespace pipec::model
