#include <algorithm>
#include <fmt/core.h>
#include <set>
#include <tuple>

#include "eventbridge/ecr_samples.h"
#include "eventbridge/json_path.h"
#include "eventbridge/model_pattern.h"
#include "eventbridge/pipeline_input.h"
#include "eventbridge/transform.h"
#include "check/rule.h"
#include "model/cloudformation.h"
#include "model/pipeline_payload.h"
#include "syntax/json/json_reader.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_pipeline_payload {
namespace {

using syntax::NodeId;
using syntax::NodeKind;

bool overlaps(const source::Span& a, const source::Span& b) {
  return a.file == b.file && a.begin < b.end && b.begin < a.end;
}

// Values only a deployment knows: a transformer whose InputPathsMap, or one
// of its paths, is an intrinsic function, or whose InputTemplate is a Fn::Sub
// with ${…} in it (lowered with stand-in values, which would be judged as if
// they were the input).
bool unresolved(const model::InputTransformer& t) {
  if (!t.cloudformation) return false;
  if (t.paths_unresolved) return true;
  const auto& doc = *t.document;
  if (std::any_of(t.paths.begin(), t.paths.end(),
                  [&](const model::PathEntry& e) { return !doc.is(e.path.node, NodeKind::string); })) {
    return true;
  }
  const NodeId input = doc.get(t.node, "InputTemplate");
  if (!model::is_intrinsic(doc, input)) return false;
  NodeId text = doc.members(input).front().value;
  if (doc.is(text, NodeKind::array) && !doc.items(text).empty()) text = doc.items(text)[0];
  const std::string_view s = doc.string(text);
  for (std::size_t at = s.find("${"); at != std::string_view::npos; at = s.find("${", at + 2)) {
    if (at + 2 >= s.size() || s[at + 2] != '!') return true;  // ${!Literal} is plain text
  }
  return false;
}

// For a placeholder whose path selects nothing in the event, the path with
// its first missing step replaced by the event's nearest key:
// "$.detail.imageDigest" -> "$.detail.image-digest".
std::optional<std::string> nearer_path(const std::string& path, const syntax::Document& event) {
  const auto parsed = eventbridge::parse_json_path(path);
  if (!parsed.path || event.empty()) return std::nullopt;
  NodeId node = event.root();
  std::string out = "$";
  for (const auto& step : parsed.path->steps) {
    if (step.kind != eventbridge::JsonPath::Step::Kind::key) return std::nullopt;
    const NodeId next = event.get(node, step.key);
    if (next != syntax::kNoNode) {
      out += "." + step.key;
      node = next;
      continue;
    }
    std::vector<std::string> keys;
    for (const auto& m : event.members(node)) keys.emplace_back(m.key);
    const auto guess = util::closest_match(step.key, keys);
    if (!guess) return std::nullopt;
    return out + "." + *guess;  // the steps after it are a guess too far
  }
  return std::nullopt;
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& set : ws.target_sets) {
    // The rule's pattern decides which sample events reach the target.
    if (!set.event_rule) continue;
    const auto& rule = ws.event_rules[*set.event_rule];
    if (!rule.pattern) continue;
    std::optional<eventbridge::ModelPattern> pattern;
    bool compiled = false;
    for (const auto& target : set.targets) {
      if (!target.transformer) continue;
      // A CodePipeline target: one whose Arn names a pipeline, read or not.
      std::string pipeline;
      if (target.pipeline) {
        pipeline = ws.pipelines[target.pipeline->index].display_name();
      } else if (target.arn) {
        pipeline = model::pipeline_name_from_arn(target.arn->value).value_or("");
      }
      if (pipeline.empty()) continue;
      const auto& t = ws.transformers[*target.transformer];
      if (!t.input_template || unresolved(t)) continue;
      // A template that is not JSON is CP4003's: every rendering would fail the same way.
      const auto& filled = t.input_template->filled;
      if (!filled || std::any_of(filled->issues.begin(), filled->issues.end(),
                                 [](const syntax::Issue& i) { return i.kind == syntax::IssueKind::syntax; })) {
        continue;
      }
      if (!compiled) {
        pattern = eventbridge::compile_model_pattern(*rule.pattern, context.patterns);
        compiled = true;
      }
      if (!pattern) break;  // a pattern EventBridge refuses: CP0103 and friends

      // CP4004 reports a revisionType written in the template that is not a
      // revision type, whatever the event; a payload error at such a literal
      // would say it again. Everything else about the payload, including a
      // revisionType that comes from the event through a placeholder, is
      // only known once rendered, and is this rule's.
      std::vector<source::Span> literal_types;
      for (const auto& o : model::source_revisions(ws.sources, *t.input_template)) {
        if (o.revision_type && !o.revision_type->templated) {
          literal_types.push_back(ws.sources.to_parent(o.revision_type->text.span));
        }
      }

      eventbridge::RenderOptions options;
      if (rule.name) options.rule_name = rule.name->value;
      else if (set.rule) options.rule_name = set.rule->value;
      if (rule.event_bus) options.event_bus = rule.event_bus->value;
      else if (set.event_bus) options.event_bus = set.event_bus->value;
      // The same mistake shows in many events (with their own values in the
      // message): report each place in the template once, with the first event.
      std::set<std::tuple<source::FileId, std::uint32_t, std::uint32_t>> seen;
      for (const auto* sample : eventbridge::samples_of_kinds(pattern->pattern)) {
        const auto rendered = eventbridge::render(t, ws.sources, sample->event, options);
        // check_transformer's errors are the transformer's whatever the event
        // (CP4001 for an undefined placeholder, CP0106 for the paths map);
        // an undefined placeholder also breaks the rendered JSON, so that
        // error is theirs too.
        const bool undefined = std::any_of(rendered.placeholders.begin(), rendered.placeholders.end(),
                                           [](const auto& p) { return !p.defined; });
        std::vector<eventbridge::TransformError> errors;
        if (!undefined) {
          errors.assign(rendered.errors.begin() + static_cast<std::ptrdiff_t>(rendered.transformer_errors),
                        rendered.errors.end());
        }
        for (auto& e : eventbridge::check_pipeline_payload(rendered)) {
          if (std::any_of(literal_types.begin(), literal_types.end(),
                          [&](const source::Span& s) { return overlaps(s, e.span); })) {
            continue;
          }
          errors.push_back(std::move(e));
        }
        for (const auto& e : errors) {
          if (!seen.insert({e.span.file, e.span.begin, e.span.end}).second) continue;
          auto& f = out.report(e.span,
                               fmt::format("the input of pipeline {} is invalid: {}", util::quote(pipeline), e.message))
                        .with_label("CodePipeline refuses this input");
          f.with_note(
              fmt::format("rendered with the bundled {} sample event (samples/ecr-events/{}), an event of a kind the "
                          "rule's pattern matches",
                          util::quote(sample->detail_type), sample->name));
          // A value that rendered as an empty string: its path missed.
          for (const auto& p : rendered.placeholders) {
            if (!p.missing || !overlaps(p.span, e.span)) continue;
            const auto entry = std::find_if(t.paths.begin(), t.paths.end(),
                                            [&](const model::PathEntry& x) { return x.key.value == p.name; });
            if (entry == t.paths.end()) continue;
            f.with_note(
                fmt::format("<{}> is {}, which selects nothing in this event", p.name, util::quote(entry->path.value)));
            if (const auto better = nearer_path(entry->path.value, sample->event)) {
              f.with_help(fmt::format("did you mean {}?", util::quote(*better)));
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace invalid_pipeline_payload

extern const check::Rule kInvalidPipelinePayload{
    {
        .id = "CP4006",
        .name = "invalid-pipeline-payload",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "an input transformer sends a CodePipeline target a StartPipelineExecution input it rejects",
        .rationale = R"md(## What it checks
For each EventBridge target whose `Arn` names a CodePipeline pipeline and whose rule's pattern is known (the
PutRule read with the PutTargets, or the same `AWS::Events::Rule` or `.pipe` declaration), pipec renders the
target's input transformer against each bundled ECR sample event (image push and delete, replication success
and failure, image scan, pull through cache, referrer, scan resource change) of a kind the pattern matches,
exactly as EventBridge would, and checks the result as StartPipelineExecution input. A sample's kind is its
`source`, `detail-type` and the detail fields with a set of values (`result`, `action-type`, `scan-status`, …);
its repository, digest and tags stand in for the real event's, so a pattern on `repository-name` still picks
it. The input must be valid JSON once the event's values are in, with only `sourceRevisions` and `variables`;
each override with `actionName` (1–100 of `A-Za-z0-9.@-_`), `revisionType` and a `revisionValue` of 1–1500
characters; each variable with a `name` and a `value` of 1–1000 characters.

The finding points at the template text the bad value comes from and names the sample event used. When a
placeholder's `InputPathsMap` path selects nothing in that event (the value renders as an empty string), the note says
so and the help suggests the key the event has (`$.detail.imageDigest` → `$.detail.image-digest`).

Not repeated here: a template that is not JSON even before an event fills it (CP4003), a `revisionType`
written in the template that is not a revision type (CP4004), a placeholder not defined in `InputPathsMap`
(CP4001). Transformers whose paths or template are CloudFormation intrinsic functions (`Fn::Sub` with `${…}`)
are skipped: only a deployment knows their values.

## Why it matters
EventBridge accepts the target and delivers every event; CodePipeline rejects each StartPipelineExecution call
and the pipeline never starts. The only trace is the rule's `FailedInvocations` metric.

## How to fix
Follow the message: use the event's hyphenated detail keys in `InputPathsMap` (`$.detail.image-digest`,
`$.detail.image-tag`), spell the payload's keys exactly (`sourceRevisions`, `actionName`, `revisionType`,
`revisionValue`), and quote string placeholders (`"revisionValue": "<digest>"`).

## References
- CodePipeline API Reference: StartPipelineExecution, SourceRevisionOverride, PipelineVariable
- Amazon EventBridge User Guide: Amazon EventBridge input transformation
- Amazon ECR User Guide: Amazon ECR events and EventBridge
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_StartPipelineExecution.html",
    },
    invalid_pipeline_payload::check};

}  // namespace pipec::rules
