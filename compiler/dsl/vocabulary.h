#pragma once
// The words of the DSL and what they mean in CodePipeline: each action kind
// with its action type and settings, and the statements of pipelines, rules
// and triggers. The parser takes arities and spellings from here (and
// suggests the nearest word for a typo); the lowering takes the CodePipeline
// keys. One table, so the two never disagree.

#include <optional>
#include <span>
#include <string_view>

#include "model/revision_types.h"

namespace pipec::dsl {

/// How a setting's value becomes configuration.
enum class ValueType {
  text,     ///< a string (or a constant holding one)
  boolean,  ///< true / false, written as "true" / "false"
  number,   ///< a whole number, written as a string
  choice,   ///< one of `choices` (a name), written as the matching CodePipeline value
};

struct Choice {
  std::string_view word;   ///< in the DSL
  std::string_view value;  ///< in CodePipeline
};

struct SettingInfo {
  std::string_view word;        ///< in the DSL ("repository")
  std::string_view key;         ///< CodePipeline configuration key ("RepositoryName"), or special
  ValueType type = ValueType::text;
  bool required = false;
  std::span<const Choice> choices{};
  std::string_view help;        ///< one line, for messages and docs
};

struct ActionKind {
  std::string_view word;  ///< "ecr"
  std::string_view category, owner, provider, version;
  std::span<const SettingInfo> settings;
  std::string_view help;
};

/// Every action kind, in the order docs/dsl.md lists them.
[[nodiscard]] std::span<const ActionKind> action_kinds();
[[nodiscard]] const ActionKind* find_action_kind(std::string_view word);
[[nodiscard]] const SettingInfo* find_setting(const ActionKind& kind, std::string_view word);

/// Settings every action takes, whatever its kind (region, namespace, role).
[[nodiscard]] std::span<const SettingInfo> common_action_settings();

/// Statements allowed in each block, for messages and suggestions.
[[nodiscard]] std::span<const std::string_view> top_level_words();     ///< let, pipeline, rule
[[nodiscard]] std::span<const std::string_view> pipeline_words();      ///< type, role, store, mode, variable, trigger, stage
/// What a `trigger ACTION push { … }` (or pull-request) filters on.
[[nodiscard]] std::span<const std::string_view> git_filter_words(bool pull_request);
[[nodiscard]] std::span<const std::string_view> rule_words();          ///< on, pattern, start, description, state, bus
[[nodiscard]] std::span<const std::string_view> start_words();         ///< revision, variable, role, id
[[nodiscard]] std::span<const std::string_view> pattern_operators();   ///< prefix, suffix, …

/// `notify TOPIC on [failed, …]`: the words of pipeline events.
struct NotificationEvent {
  std::string_view word;  ///< "failed"
  std::string_view id;    ///< "codepipeline-pipeline-pipeline-execution-failed"
};
[[nodiscard]] std::span<const NotificationEvent> notification_events();

/// `on ecr <event>` shortcuts.
struct TriggerKind {
  std::string_view source;       ///< "ecr"
  std::string_view event;        ///< "push"
  std::string_view event_source;  ///< "aws.ecr"
  std::string_view detail_type;  ///< "ECR Image Action"
  std::string_view action_type;  ///< detail.action-type it implies ("PUSH"), or ""
  std::span<const std::string_view> filters;  ///< the filter words it takes
};
[[nodiscard]] std::span<const TriggerKind> trigger_kinds();
[[nodiscard]] const TriggerKind* find_trigger(std::string_view source, std::string_view event);

/// Detail field of an `on` filter word ("repository" -> "repository-name").
[[nodiscard]] std::optional<std::string_view> filter_field(std::string_view word);

/// `revision ACTION = <type>` names a revision type by its word (image-digest).
using RevisionKind = model::RevisionType;

}  // namespace pipec::dsl
