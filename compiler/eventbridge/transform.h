#pragma once
// What EventBridge delivers to a target through an input transformer
// (EventBridge user guide, "Transforming target input"), for one event:
//
// - Each InputPathsMap key names the value its JSON path selects (json_path.h).
// - A placeholder inside a JSON string ("revisionValue": "<digest>") gets the
//   value's raw text: a string without its quotes, a number or boolean as
//   JSON. EventBridge does not escape it, so a quote or backslash in the value
//   breaks the JSON around it. An object or array there becomes compact JSON
//   with every '"' removed ("{acc_id:0a787ecb-4015,sf_id:baz}"), except in a
//   template that is a JSON object, where EventBridge delivers nothing.
// - A placeholder outside a string ("revisionValue": <digest>) gets the value
//   as JSON: a string with its quotes, numbers, objects and arrays as JSON.
//   (That a quote inside such a string is escaped is not recorded; it keeps
//   the JSON valid.)
// - A path that selects nothing gives an empty string: no text inside
//   quotes, "" outside them (not what the user guide says: "that variable
//   isn't created"; what the service does).
// - Predefined: <aws.events.rule-name>, <aws.events.rule-arn>,
//   <aws.events.event.ingestion-time> (strings), <aws.events.event> (the
//   envelope without "detail", "detail-type" named "detailType", in the
//   order id, account, detailType, time, source, region, resources,
//   version) and <aws.events.event.json> (the whole event), the last two
//   meant as JSON values.
// - A template that is not JSON ("<instance> is in state <status>", which
//   the API reference shows) gets strings as their text, without quotes,
//   and is text for the targets that take text. (What the service renders
//   for it is not recorded; the user guide's example gives the text.)
//
// Also the checks EventBridge makes at PutTargets (at most 100 paths, key
// names, reserved names, template length) and the placement rules of the
// API reference (no placeholder as an object key). <aws.events.event>
// inside a string, which the user guide forbids but no recording shows
// refused, is a warning of render().

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/events.h"
#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

struct TransformError {
  source::Span span;
  std::string message;
};

struct RenderOptions {
  /// <aws.events.rule-name>.
  std::string rule_name = "rule";
  /// <aws.events.rule-arn>; empty: arn:aws:events:<region>:<account>:rule/<rule_name>, with the event's
  /// "region" and "account" (us-east-1 and 123456789012 when it has none), and rule/<bus>/<rule_name> for a
  /// rule on a custom bus.
  std::string rule_arn;
  /// The rule's event bus (EventBusName: a name or an ARN); empty or "default": the default bus.
  std::string event_bus;
  /// <aws.events.event.ingestion-time>; empty: the event's "time", else 1970-01-01T00:00:00Z.
  std::string ingestion_time;
  /// The target takes JSON (CodePipeline, Lambda, Step Functions, ...): the rendered text must parse,
  /// even from a template that is not JSON (a JSON template must render JSON for any target).
  bool json_target = true;
  /// The target's Id, for PutTargets' messages; empty when there is none.
  std::string target_id;
};

struct RenderedPlaceholder {
  std::string name;
  source::Span span;     ///< "<name>" in the template
  bool quoted = false;   ///< inside a JSON string: raw text
  bool defined = true;   ///< an InputPathsMap key or a predefined variable
  bool missing = false;  ///< its path selected nothing; rendered as an empty string
  std::string text;      ///< what it became
  std::size_t output_begin = 0, output_end = 0;  ///< where, in RenderResult::text
};

struct RenderResult {
  std::string text;
  std::vector<RenderedPlaceholder> placeholders;
  std::vector<TransformError> errors;    ///< refused by EventBridge, or not JSON for a JSON target
  /// errors[0, transformer_errors) are check_transformer's (the same for
  /// every event); the rest are this event's.
  std::size_t transformer_errors = 0;
  std::vector<TransformError> warnings;  ///< paths that selected nothing in this event
  /// The template offset each byte of `text` comes from (the placeholder's
  /// first byte for a value), and one more entry for the end.
  std::vector<std::uint32_t> origin;
  source::FileId template_file = source::kNoFile;

  /// Where bytes [begin, end) of `text` come from in the template.
  [[nodiscard]] source::Span template_span(std::size_t begin, std::size_t end) const;
};

/// aws.events.rule-arn, aws.events.rule-name, aws.events.event,
/// aws.events.event.ingestion-time, aws.events.event.json.
[[nodiscard]] std::span<const std::string_view> predefined_variables();

/// What EventBridge refuses in a transformer whatever the event. PutTargets'
/// words name the target by its Id when it has one.
[[nodiscard]] std::vector<TransformError> check_transformer(const model::InputTransformer& transformer,
                                                            const source::SourceSet& sources,
                                                            std::string_view target_id = {});

/// The input the target receives for `event`. Includes check_transformer's errors.
[[nodiscard]] RenderResult render(const model::InputTransformer& transformer, const source::SourceSet& sources,
                                  const syntax::Document& event, const RenderOptions& options = {});

}  // namespace pipec::eventbridge
