#include "offline/transform.h"

#include <algorithm>

#include <fmt/core.h>

#include "eventbridge/match.h"
#include "offline/declarations.h"
#include "offline/event_stream.h"
#include "offline/inputs.h"
#include "offline/verdicts.h"
#include "util/text.h"

namespace pipec::offline {

bool Transform::broken() const { return !payload.has_value(); }

namespace {

bool has_error(const std::vector<diag::Diagnostic>& problems) {
  return std::any_of(problems.begin(), problems.end(),
                     [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
}

}  // namespace

bool Transform::failed() const { return has_error(problems) || lines_failed > 0; }

bool Transform::line_errors() const { return line_errors_seen > 0 || !stream_error.empty(); }

Transform transform(const source::FileSystem& fs, const TransformRequest& request) {
  Transform out;
  std::vector<std::string> declaring{request.declaring};
  declaring.insert(declaring.end(), request.also.begin(), request.also.end());
  const bool stream = request.event_stream.has_value();
  std::vector<std::string> events;
  if (!stream) events.push_back(request.event);
  out.inputs = read_inputs(fs, {declaring, events, {}, request.vars, request.max_file_size});
  if (out.inputs->has_errors()) return out;
  auto& ws = out.inputs->workspace;
  const syntax::Document* event = nullptr;
  if (!stream) {
    event = out.inputs->document(request.event);
    if (event == nullptr) return out;
    if (auto invalid = invalid_event(*event)) {
      out.refused.push_back(std::move(*invalid));
      return out;
    }
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

  // Whether the rule would send an event at all.
  std::optional<eventbridge::CompileResult> compiled;
  if (rule && rule->pattern != nullptr && !unresolved_reason(*rule->pattern)) {
    compiled = compile_rule_pattern(*rule->pattern, ws.sources, request.numbers_by_value);
    for (auto& w : pattern_warnings(*compiled)) out.problems.push_back(std::move(w));
    if (!compiled->ok()) compiled.reset();
  }
  const auto options = render_options(ws, rule ? &*rule : nullptr, target,
                                      {request.rule_name, request.rule_arn, request.ingestion_time});
  // What the target receives for one event, and what is wrong with it.
  const auto render = [&](const syntax::Document& e, std::vector<diag::Diagnostic>& problems) {
    if (compiled) {
      const auto matched = eventbridge::match(compiled->pattern, e);
      if (!matched.matched && !matched.decisions.empty()) {
        const auto& d = matched.decisions.front();
        diag::Diagnostic w;
        w.severity = diag::Severity::warning;
        w.span = d.pattern_value.valid() ? d.pattern_value : d.pattern_key;
        w.message = fmt::format("rule {} does not match this event: {}", util::quote(rule->name), d.message);
        if (d.event_value.valid()) w.related.push_back({d.event_value, "the event"});
        w.notes.push_back("EventBridge would not send this event to the target; the input below is what it would receive if it did");
        problems.push_back(std::move(w));
      }
    }
    const auto rendered = target_input(target, ws, e, options);
    for (auto& d : input_problems(rendered, target, request.pipeline)) problems.push_back(std::move(d));
    return rendered.text;
  };
  if (!stream) {
    out.payload = render(*event, out.problems);
    return out;
  }

  // A stream: each line as a file of its own, numbered as the line is in
  // the stream, so problems point at the line; a bad line is reported on
  // its own and the others go on.
  const std::string name = event_stream_name(*request.event_stream);
  TransformedLine item;
  const auto each = [&](const EventLine& line) {
    item.event = fmt::format("{}:{}", name, line.number);
    item.error = line.error;
    item.payload.clear();
    item.problems.clear();
    if (item.error.empty()) {
      const LineEvent event = read_line_event(ws.sources, name, line);
      item.error = event.error;
      if (event.error.empty()) item.payload = render(event.document, item.problems);
    }
    if (!item.error.empty()) ++out.line_errors_seen;
    if (has_error(item.problems)) ++out.lines_failed;
    if (request.stream_line) {
      request.stream_line(item);
    } else {
      out.lines.push_back(item);
    }
  };
  StreamSink sink;
  if (request.before_stream) sink.start = [&] { request.before_stream(out); };
  sink.waiting = request.waiting;
  auto end = read_event_lines(fs, *request.event_stream, request.max_file_size, sink, each);
  (end.opened ? out.stream_error : out.refusal) = std::move(end.error);
  if (!out.refusal.empty()) return out;  // the stream could not be opened
  out.payload.emplace();
  return out;
}

}  // namespace pipec::offline
