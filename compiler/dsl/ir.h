#pragma once
// What a .pipe file means once resolved: constants substituted, ${…}
// interpolated, references checked, run orders numbered. Every piece keeps
// the span it came from. The lint documents and every emitter start here.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.h"
#include "dsl/vocabulary.h"
#include "syntax/document.h"

namespace pipec::dsl::ir {

/// A pseudo-parameter: known to CloudFormation, given with --var otherwise.
enum class Pseudo { account, region, partition };
[[nodiscard]] std::string_view pseudo_name(Pseudo p);          ///< "account"
[[nodiscard]] std::string_view pseudo_cloudformation(Pseudo p);  ///< "AWS::AccountId"
/// What lint reads a pseudo-parameter as when no --var gives it.
[[nodiscard]] std::string_view pseudo_stand_in(Pseudo p);

/// Text that may hold pseudo-parameters.
struct Text {
  struct Piece {
    bool pseudo = false;
    Pseudo parameter = Pseudo::account;
    std::string literal;  ///< literal text; with `pseudo`, unused
    source::Span span;
    std::string ref;      ///< CloudFormation only: ${LogicalId} of a resource in the template
    /// A template parameter (`parameter NAME = "default"`): ${NAME} in
    /// CloudFormation; elsewhere the --var of that name, else `literal`, its default.
    std::string template_parameter{};
  };
  std::vector<Piece> pieces;
  source::Span span;

  [[nodiscard]] static Text literal(std::string text, source::Span span = {});
  /// A pseudo-parameter alone.
  [[nodiscard]] static Text pseudo(Pseudo parameter, source::Span span = {});
  /// A resource of the template being written, as Fn::Sub's ${LogicalId} (CloudFormation only).
  [[nodiscard]] static Text reference(std::string logical_id);
  /// The pieces of `parts`, in order.
  [[nodiscard]] static Text concat(std::initializer_list<Text> parts, source::Span span = {});
  [[nodiscard]] bool has_pseudo() const;
  /// The text with pseudo-parameters from `vars`, or their stand-ins where
  /// `vars` lacks them and `stand_ins` is set; nothing if one stays unknown.
  [[nodiscard]] std::optional<std::string> resolve(const std::map<std::string, std::string>& vars, bool stand_ins) const;
  /// The first pseudo-parameter `vars` does not give, if any.
  [[nodiscard]] const Piece* missing(const std::map<std::string, std::string>& vars) const;
};

struct JsonMember;

/// A JSON value under construction: what the lint documents and the
/// emitters are made of. Object members keep their order.
struct Json {
  enum class Kind { object, array, text, number, boolean, null, ref, get_att };
  Kind kind = Kind::null;
  source::Span span;
  Text text;          ///< text; number/boolean as literal text; ref/get_att: the logical id (and .Attr)
  std::vector<JsonMember> members;
  std::vector<Json> items;

  [[nodiscard]] static Json object(source::Span span);
  [[nodiscard]] static Json array(source::Span span);
  [[nodiscard]] static Json string(Text t);
  [[nodiscard]] static Json string(std::string s, source::Span span = {});
  [[nodiscard]] static Json number(std::string s, source::Span span);
  [[nodiscard]] static Json boolean(bool b, source::Span span);
  /// CloudFormation intrinsics: { "Ref": id } and { "Fn::GetAtt": [id, attr] } ("Id.Attr").
  [[nodiscard]] static Json ref(std::string id, source::Span span);
  [[nodiscard]] static Json get_att(std::string id_attr, source::Span span);

  Json& add(std::string key, Json value, source::Span key_span = {}, std::string alias = {});
  Json& push(Json value);
  [[nodiscard]] const Json* get(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  std::string alias;  ///< the DSL word for this key, for messages ("repository")
  source::Span key_span;
  Json value;
};

struct ConfigEntry {
  const SettingInfo* info = nullptr;
  std::string key;  ///< CodePipeline configuration key
  Text value;
  source::Span key_span;
};

/// The CodeBuild project pipec writes for an action that names none: an
/// `imagedefinitions` step, a `docker` build, a `codebuild` with commands.
struct BuildProject {
  std::vector<Text> commands;       ///< codebuild: the build phase
  std::optional<Text> buildspec;    ///< codebuild: a buildspec file in the input artifact
  std::vector<Text> files;          ///< codebuild: artifacts.files
  std::optional<Text> image;        ///< the build image
  std::optional<Text> compute;      ///< CodeBuild's ComputeType
  bool privileged = false;          ///< Docker in the build (docker: always)
  std::optional<Text> repository, dockerfile, context, tag;  ///< docker
};

/// A container of an `imagedefinitions` step and where its image comes from.
struct ContainerImage {
  Text name;
  std::optional<Name> artifact;  ///< the input whose imageDetail.json names the image (default: the first input)
  std::optional<Text> image;     ///< an image URI as written (a sidecar's)
  source::Span span;
};

struct Action {
  Name name;
  const ActionKind* kind = nullptr;
  std::vector<ConfigEntry> configuration;
  std::vector<Name> inputs, outputs;
  int run_order = 1;
  std::optional<Text> region, namespace_, role;
  std::optional<Text> timeout_minutes;  ///< approval: timeoutInMinutes
  std::optional<Text> container;        ///< imagedefinitions, docker: the (first) container to name
  std::vector<ContainerImage> containers;  ///< imagedefinitions: every container, in order
  bool generated_project = false;       ///< no `project`: pipec writes one (see `project`)
  BuildProject project;                 ///< what pipec's project builds, with generated_project
  source::Span span;
};

/// What CodePipeline does when a stage fails (V2): `on failure rollback`.
struct OnFailure {
  Text result;                      ///< ROLLBACK, FAIL or RETRY
  std::optional<Text> retry_mode;  ///< RETRY: FAILED_ACTIONS or ALL_ACTIONS
  source::Span span;
};

struct Stage {
  Name name;
  std::vector<Action> actions;
  std::optional<OnFailure> on_failure;
  source::Span span;
};

/// Git patterns a trigger filter includes and excludes.
struct GitPatterns {
  std::vector<Text> includes, excludes;
  source::Span span;
};

/// One push or pull-request filter of a V2 trigger.
struct GitFilter {
  bool pull_request = false;
  std::vector<Text> events;  ///< pull requests: OPEN, UPDATED, CLOSED
  std::optional<GitPatterns> branches, tags, paths;
  source::Span span;
};

/// `trigger ACTION push|pull-request { … }`: what starts the pipeline from
/// a connection source; the filters of one action make one trigger.
struct Trigger {
  Name action;
  std::vector<GitFilter> filters;
  source::Span span;
};

struct Store {
  std::optional<Text> bucket;  ///< nothing: `store auto`, a bucket pipec creates
  std::optional<Text> kms, region;
  /// kms is the alias of a key pipec creates (a cross-account pipeline's
  /// store: AWS-managed keys cannot be shared with another account).
  bool generated_key = false;
  source::Span span;
};

struct Variable {
  Name name;
  std::optional<Text> default_value, description;
  source::Span span;
};

/// `notify TOPIC on [failed, …]`: a CodeStar Notifications rule on the pipeline.
struct Notification {
  Text topic;                      ///< the SNS topic's ARN
  std::vector<std::string> events;  ///< event type IDs, in the order written
  std::string detail = "FULL";      ///< FULL or BASIC
  source::Span span;
};

struct Tag {
  Text key, value;
  source::Span span;
};

struct Pipeline {
  Name name;
  std::optional<Text> type, mode;
  std::optional<Text> role;  ///< nothing: `role auto` (or none given), a role pipec creates
  bool role_auto = false;
  std::vector<Store> stores;
  std::vector<Variable> variables;
  std::vector<Trigger> triggers;
  std::vector<Notification> notifications;
  /// Other accounts whose roles run actions of this pipeline: its bucket and
  /// key, where pipec creates them, let them read and write artifacts.
  std::vector<std::string> trusted_accounts;
  std::vector<Tag> tags;
  std::vector<Stage> stages;
  source::Span span;

  [[nodiscard]] const Action* action(std::string_view name) const;
};

struct Revision {
  Name action;
  const RevisionKind* kind = nullptr;
  Text path;  ///< where in the event the value comes from
  source::Span span;
};

struct TargetVariable {
  Name name;
  Text path;
  source::Span span;
};

struct Target {
  Name pipeline;
  std::optional<Text> role;  ///< nothing: a role pipec creates
  std::optional<Text> id;
  std::vector<Revision> revisions;
  std::vector<TargetVariable> variables;
  source::Span span;
};

/// A target other than a pipeline: an SNS topic (`notify`) or a Lambda
/// function (`invoke`), which EventBridge reaches through their own
/// resource policies, with no role.
struct ServiceTarget {
  enum class Service { sns, lambda };
  Service service = Service::sns;
  Text arn;
  std::optional<Text> id;
  source::Span span;
};

struct Rule {
  Name name;
  Json pattern;                     ///< the event pattern, built from `on` or `pattern`
  std::optional<std::string> pattern_file;  ///< `pattern file`: the path as written
  source::Span pattern_span;
  std::optional<Text> description, state, bus;
  std::vector<Target> targets;
  std::vector<ServiceTarget> service_targets;
  /// `from account "…"`: accounts whose events this rule takes; the bus
  /// lets them send (an EventBusPolicy), the pattern requires one of them.
  std::vector<Text> from_accounts;
  source::Span span;
};

/// `parameter NAME = "default" …`: a CloudFormation parameter.
struct Parameter {
  Name name;
  std::string default_value;
  std::optional<Text> description;
  std::vector<std::string> allowed;
  source::Span span;
};

/// `output NAME = value …`: a CloudFormation output.
struct Output {
  Name name;
  Text value;
  std::optional<Text> description;
  source::Span span;
};

struct Program {
  std::vector<Parameter> parameters;
  std::vector<Output> outputs;
  std::vector<Pipeline> pipelines;
  std::vector<Rule> rules;
  /// The pseudo-parameters a `let` of the same name fixes ("account" ->
  /// "123456789012"): what pipec itself writes with them (the artifact
  /// bucket, the roles' ARNs) takes that value too, in every output.
  std::map<std::string, std::string> fixed_pseudo;

  /// The pseudo-parameter values for written-out output: `given` (--var,
  /// the configuration) with the file's own `let`s over them.
  [[nodiscard]] std::map<std::string, std::string> values_over(const std::map<std::string, std::string>& given) const;

  [[nodiscard]] const Pipeline* pipeline(std::string_view name) const;
};

/// Writes the value of each pseudo-parameter `fixed` holds (a `let` of its
/// name) in place of the parameter, everywhere in `json`.
void fix_pseudo(Json& json, const std::map<std::string, std::string>& fixed);

/// A document's value as Json, every node keeping its span (a pattern read
/// from a `pattern file`).
[[nodiscard]] Json json_from_document(const syntax::Document& document, syntax::NodeId node);

}  // namespace pipec::dsl::ir
