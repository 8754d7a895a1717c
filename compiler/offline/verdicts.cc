#include "offline/verdicts.h"

#include <fmt/core.h>

#include "eventbridge/pipeline_input.h"
#include "util/text.h"

namespace pipec::offline {

namespace {

diag::Diagnostic error_at(source::Span span, std::string message) {
  diag::Diagnostic d;
  d.severity = diag::Severity::error;
  d.span = span;
  d.message = std::move(message);
  return d;
}

// The fields TestEventPattern requires of an event (its API reference lists
// resources too, but the service accepts events without it).
constexpr std::string_view kEnvelope[] = {"id", "account", "source", "time", "region", "detail-type"};

std::string_view kind_words(syntax::NodeKind kind) {
  switch (kind) {
    case syntax::NodeKind::array: return "a JSON array";
    case syntax::NodeKind::string: return "a JSON string";
    case syntax::NodeKind::number: return "a JSON number";
    case syntax::NodeKind::boolean: return "a JSON boolean";
    case syntax::NodeKind::null: return "null";
    default: return "not JSON";
  }
}

// Targets that take only JSON: their services read the input as JSON.
bool takes_json(const DeclaredTarget& target) {
  if (target.pipeline) return true;
  if (target.target == nullptr || !target.target->arn) return false;
  const std::string& arn = target.target->arn->value;
  for (const std::string_view service : {":lambda:", ":states:", ":codepipeline:", ":codebuild:", ":ecs:", ":batch:"}) {
    if (arn.find(service) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::optional<diag::Diagnostic> invalid_event(const syntax::Document& event) {
  if (event.empty()) return std::nullopt;  // unreadable: reported where it was read
  const auto& root = event.node(event.root());
  if (root.kind == syntax::NodeKind::object || root.kind == syntax::NodeKind::invalid) return std::nullopt;
  auto d = error_at(root.span, "invalid event: Parameter Event is not valid.");
  d.label = fmt::format("{}, not an object", kind_words(root.kind));
  d.notes.push_back("TestEventPattern refuses an event that is not a JSON object (ValidationException), so no "
                    "pattern is matched against it");
  return d;
}

std::optional<diag::Diagnostic> incomplete_envelope(const syntax::Document& event) {
  if (event.empty() || !event.is(event.root(), syntax::NodeKind::object)) return std::nullopt;
  std::vector<std::string> missing;
  for (const auto key : kEnvelope) {
    if (event.get(event.root(), key) == syntax::kNoNode) missing.emplace_back(key);
  }
  if (missing.empty()) return std::nullopt;
  diag::Diagnostic d;
  d.severity = diag::Severity::warning;
  d.span = event.node(event.root()).span;
  d.message = fmt::format("the event has no {}, which TestEventPattern requires", util::quote_list(missing, "or"));
  d.notes.push_back("TestEventPattern refuses an event without its envelope (\"Parameter Event is not valid.\"); "
                    "events EventBridge delivers always have these fields. The verdict here is the pattern's on "
                    "the fields the event has");
  return d;
}

eventbridge::CompileResult compile_rule_pattern(const model::PatternRef& pattern, const source::SourceSet& sources,
                                                bool numbers_by_value) {
  eventbridge::CompileOptions options;
  options.sources = &sources;
  options.exact_numbers_by_value = numbers_by_value;
  options.serialized = pattern.cloudformation;
  return eventbridge::compile_pattern(*pattern.document, pattern.root, options);
}

std::vector<diag::Diagnostic> pattern_errors(const eventbridge::CompileResult& compiled) {
  std::vector<diag::Diagnostic> out;
  for (const auto& e : compiled.errors) {
    if (e.problem == eventbridge::PatternProblem::pipec_limit) {
      auto d = error_at(e.span, e.message);
      d.notes.push_back("EventBridge may accept this pattern; pipec does not expand that many combinations");
      out.push_back(std::move(d));
      continue;
    }
    auto d = error_at(e.span, fmt::format("invalid event pattern: {}", e.message));
    if (!e.note.empty()) d.notes.push_back(e.note);
    d.notes.push_back("EventBridge refuses this pattern (PutRule and TestEventPattern fail with InvalidEventPatternException)");
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<diag::Diagnostic> pattern_warnings(const eventbridge::CompileResult& compiled) {
  std::vector<diag::Diagnostic> out;
  for (const auto& w : compiled.warnings) {
    auto d = error_at(w.span, w.message);
    d.severity = diag::Severity::warning;
    out.push_back(std::move(d));
  }
  return out;
}

diag::Diagnostic no_match(const eventbridge::Decision& d, const std::string& event_path, std::size_t branches) {
  diag::Diagnostic out;
  out.title = "no match";
  out.severity = diag::Severity::error;
  const std::string branch = branches > 1 ? fmt::format("$or branch {}: ", d.branch + 1) : std::string();
  out.message = fmt::format("{}: {}{}", event_path, branch, d.message);
  out.span = d.pattern_value.valid() ? d.pattern_value : d.pattern_key;
  out.label = d.event_value.valid() ? "the pattern" : "not in the event";
  if (d.event_value.valid()) out.related.push_back({d.event_value, "the event"});
  return out;
}

std::vector<diag::Diagnostic> target_errors(const DeclaredTarget& target, const source::SourceSet& sources) {
  std::vector<diag::Diagnostic> out;
  if (target.input_keys.size() > 1) {
    // PutTargets' words (localstack test_put_event_input_path_and_input_transformer).
    const std::string id = target.target != nullptr && target.target->id ? target.target->id->value : target.name;
    auto d = error_at(target.input_keys[1],
                      fmt::format("Only one of Input, InputPath, or InputTransformer must be provided for target {}.", id));
    d.related.push_back({target.input_keys[0], "the first"});
    d.notes.push_back("EventBridge refuses this target (PutTargets fails)");
    out.push_back(std::move(d));
    return out;
  }
  if (target.mode != InputMode::transformer) return out;
  if (!target.transformer->input_template) {
    auto d = error_at(target.transformer->span, "this input transformer has no InputTemplate, so there is nothing to render");
    d.notes.push_back("a file holding only InputPathsMap is half a transformer: give a file or target with both "
                      "InputPathsMap and InputTemplate");
    out.push_back(std::move(d));
    return out;
  }
  const std::string id = target.target != nullptr && target.target->id ? target.target->id->value : std::string();
  for (const auto& e : eventbridge::check_transformer(*target.transformer, sources, id)) {
    out.push_back(error_at(e.span, "invalid input transformer: " + e.message));
  }
  if (!out.empty()) out.back().notes.push_back("EventBridge refuses this transformer (PutTargets fails)");
  return out;
}

eventbridge::RenderOptions render_options(const model::Workspace& ws, const DeclaredRule* rule, const DeclaredTarget& target,
                                          const RenderOverrides& overrides) {
  eventbridge::RenderOptions options;
  if (overrides.rule_name) {
    options.rule_name = *overrides.rule_name;
  } else if (rule != nullptr && rule->rule && ws.event_rules[*rule->rule].name) {
    options.rule_name = ws.event_rules[*rule->rule].name->value;
  } else if (target.set != nullptr && target.set->rule) {
    options.rule_name = target.set->rule->value;
  }
  if (rule != nullptr && rule->rule && ws.event_rules[*rule->rule].event_bus) {
    options.event_bus = ws.event_rules[*rule->rule].event_bus->value;
  } else if (target.set != nullptr && target.set->event_bus) {
    options.event_bus = target.set->event_bus->value;
  }
  if (overrides.rule_arn) options.rule_arn = *overrides.rule_arn;
  if (overrides.ingestion_time) options.ingestion_time = *overrides.ingestion_time;
  if (target.target != nullptr && target.target->id) options.target_id = target.target->id->value;
  options.json_target = takes_json(target);
  return options;
}

std::vector<diag::Diagnostic> input_problems(const eventbridge::RenderResult& rendered, const DeclaredTarget& target,
                                             bool as_pipeline_input) {
  std::vector<diag::Diagnostic> out;
  for (const auto& e : rendered.errors) out.push_back(error_at(e.span, e.message));
  for (const auto& w : rendered.warnings) {
    auto d = error_at(w.span, w.message);
    d.severity = diag::Severity::warning;
    out.push_back(std::move(d));
  }
  if ((target.pipeline || as_pipeline_input) && target.mode == InputMode::transformer && rendered.errors.empty()) {
    for (const auto& e : eventbridge::check_pipeline_payload(rendered)) {
      auto d = error_at(e.span, e.message);
      d.notes.push_back("CodePipeline refuses this StartPipelineExecution input, and the pipeline does not start");
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace pipec::offline
