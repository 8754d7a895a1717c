#pragma once
// The verdicts the EventBridge commands share, as diagnostics: a pattern
// EventBridge refuses, an event a pattern does not match, a transformer
// EventBridge refuses, and what is wrong with the input a target receives.
// `pipec test-pattern`, `pipec transform` and `pipec test` all say these
// things in the same words.

#include <optional>
#include <string>
#include <vector>

#include "offline/declarations.h"
#include "diag/diagnostic.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "eventbridge/transform.h"

namespace pipec::offline {

/// The rule's pattern compiled for matching, exact numbers compared by value
/// as the service compares them or, without `numbers_by_value`, as text (the
/// user guide's reading).
[[nodiscard]] eventbridge::CompileResult compile_rule_pattern(const model::PatternRef& pattern,
                                                              const source::SourceSet& sources, bool numbers_by_value);

/// What TestEventPattern refuses in an event whatever the pattern: an event
/// that is not a JSON object (a string, an array, a number) is "Parameter
/// Event is not valid.", at the event's value. Nothing for an object.
[[nodiscard]] std::optional<diag::Diagnostic> invalid_event(const syntax::Document& event);

/// A warning naming the envelope fields TestEventPattern requires that the
/// event (an object) lacks: id, account, source, time, region, detail-type.
/// Never resources, which the service does not require. Nothing for a
/// complete envelope.
[[nodiscard]] std::optional<diag::Diagnostic> incomplete_envelope(const syntax::Document& event);

/// PutRule's refusals of a pattern, one diagnostic each, and what keeps
/// pipec from running it (its own limits, said as such).
[[nodiscard]] std::vector<diag::Diagnostic> pattern_errors(const eventbridge::CompileResult& compiled);

/// What the compiler warns about in a pattern EventBridge accepts (a
/// number past the documented range, an undocumented operator, …).
[[nodiscard]] std::vector<diag::Diagnostic> pattern_warnings(const eventbridge::CompileResult& compiled);

/// One decision of a failed match, at the pattern value, with the event's
/// value beside it. `branches` is the pattern's number of $or branches.
[[nodiscard]] diag::Diagnostic no_match(const eventbridge::Decision& decision, const std::string& event_path,
                                        std::size_t branches);

/// PutTargets' refusals of the target, whatever the event: more than one of
/// Input, InputPath and InputTransformer, and what is wrong with its
/// transformer, including a transformer with no InputTemplate, which cannot
/// be rendered.
[[nodiscard]] std::vector<diag::Diagnostic> target_errors(const DeclaredTarget& target, const source::SourceSet& sources);

/// What the target is told about its rule: <aws.events.rule-name> from the
/// rule's Name (or the PutTargets' Rule), unless `rule_name` says; the bus
/// of the default ARN from the rule's (or the PutTargets') EventBusName; the
/// ARN and ingestion time from `rule_arn` and `ingestion_time` when given.
struct RenderOverrides {
  std::optional<std::string> rule_name, rule_arn, ingestion_time;
};
[[nodiscard]] eventbridge::RenderOptions render_options(const model::Workspace& workspace, const DeclaredRule* rule,
                                                        const DeclaredTarget& target, const RenderOverrides& overrides);

/// What is wrong with a rendered input: render()'s errors and warnings, and
/// for a pipeline target (or when `as_pipeline_input`), what
/// StartPipelineExecution refuses in it.
[[nodiscard]] std::vector<diag::Diagnostic> input_problems(const eventbridge::RenderResult& rendered,
                                                           const DeclaredTarget& target, bool as_pipeline_input);

}  // namespace pipec::offline
