#include "offline/transform.h"

#include <algorithm>

#include <fmt/core.h>

#include "eventbridge/match.h"
#include "offline/declarations.h"
#include "offline/inputs.h"
#include "offline/verdicts.h"
#include "util/text.h"

namespace pipec::offline {

bool Transform::broken() const { return !payload.has_value(); }

bool Transform::failed() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
}

Transform transform(const source::FileSystem& fs, const TransformRequest& request) {
  Transform out;
  std::vector<std::string> declaring{request.declaring};
  declaring.insert(declaring.end(), request.also.begin(), request.also.end());
  out.inputs = read_inputs(fs, {declaring, {request.event}, {}, request.vars, request.max_file_size});
  if (out.inputs->has_errors()) return out;
  const auto& ws = out.inputs->workspace;
  const syntax::Document* event = out.inputs->document(request.event);
  if (event == nullptr) return out;
  if (auto invalid = invalid_event(*event)) {
    out.refused.push_back(std::move(*invalid));
    return out;
  }

  // The target, and the rule it belongs to when the files declare one.
  const Declarations declared = declared_in(ws, out.inputs->files(declaring));
  std::optional<DeclaredRule> rule;
  if (request.rule) {
    auto chosen = choose_rule(declared, request.rule, request.declaring);
    if (const auto* message = std::get_if<std::string>(&chosen)) {
      out.refusal = *message;
      return out;
    }
    rule = std::get<DeclaredRule>(std::move(chosen));
  }
  auto chosen_target = choose_target(declared, rule ? &*rule : nullptr, request.target, request.declaring);
  if (const auto* message = std::get_if<std::string>(&chosen_target)) {
    out.refusal = *message + (request.target ? "" : "; choose one with --target ID");
    return out;
  }
  const DeclaredTarget& target = std::get<DeclaredTarget>(chosen_target);
  if (!rule && target.set != nullptr && target.set->event_rule) {
    for (const auto& r : declared.rules) {
      if (r.rule == target.set->event_rule) rule = r;
    }
  }
  if (const auto reason = unresolved_reason(target)) {
    out.refusal = *reason;
    return out;
  }
  out.refused = target_errors(target, ws.sources);
  if (!out.refused.empty()) return out;

  // Whether the rule would send this event at all.
  if (rule && rule->pattern != nullptr && !unresolved_reason(*rule->pattern)) {
    const auto compiled = compile_rule_pattern(*rule->pattern, ws.sources, request.numbers_by_value);
    for (auto& w : pattern_warnings(compiled)) out.problems.push_back(std::move(w));
    if (compiled.ok()) {
      const auto matched = eventbridge::match(compiled.pattern, *event);
      if (!matched.matched && !matched.decisions.empty()) {
        const auto& d = matched.decisions.front();
        diag::Diagnostic w;
        w.severity = diag::Severity::warning;
        w.span = d.pattern_value.valid() ? d.pattern_value : d.pattern_key;
        w.message = fmt::format("rule {} does not match this event: {}", util::quote(rule->name), d.message);
        if (d.event_value.valid()) w.related.push_back({d.event_value, "the event"});
        w.notes.push_back("EventBridge would not send this event to the target; the input below is what it would receive if it did");
        out.problems.push_back(std::move(w));
      }
    }
  }

  const auto rendered = target_input(target, ws, *event,
                                     render_options(ws, rule ? &*rule : nullptr, target,
                                                    {request.rule_name, request.rule_arn, request.ingestion_time}));
  for (auto& d : input_problems(rendered, target, request.pipeline)) out.problems.push_back(std::move(d));
  out.payload = rendered.text;
  return out;
}

}  // namespace pipec::offline
