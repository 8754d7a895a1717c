#include "offline/pattern_test.h"

#include <algorithm>

#include <fmt/core.h>

#include "eventbridge/machine.h"
#include "offline/declarations.h"
#include "offline/inputs.h"
#include "offline/verdicts.h"

namespace pipec::offline {

namespace {

// Whether the run holds an error in a file other than the events (the
// pattern's file, or a file it names).
bool errors_beside(const driver::LintRun& run, const std::vector<std::string>& events) {
  const auto& sources = run.workspace.sources;
  return std::any_of(run.report.diagnostics.begin(), run.report.diagnostics.end(), [&](const diag::Diagnostic& d) {
    if (d.severity != diag::Severity::error) return false;
    if (!d.span.valid()) return true;
    const std::string& path = sources.file(sources.to_root(d.span).file).path();
    return std::find(events.begin(), events.end(), path) == events.end();
  });
}

// Matches each line of a JSON-lines stream against `pattern`, as it is
// read. A line the fast reader takes (eventbridge/event_text.h) gets the
// verdict its document would get, so only a line that needs its decisions
// pointing into it (JSON output), or that the reader has something to say
// about, is read as a document; decisions with messages only are read off
// the fast reader's fields.
void match_stream(PatternTest& out, const source::FileSystem& fs, const eventbridge::CompiledPattern& pattern,
                  const PatternTestRequest& request) {
  source::SourceSet& sources = out.inputs->workspace.sources;
  const std::string name = event_stream_name(*request.event_stream);
  eventbridge::MachineBuilder builder;
  builder.add("pattern", pattern);
  const auto machine = std::move(builder).build();
  eventbridge::Machine::Scratch scratch;
  eventbridge::Explainer explainer(pattern);
  std::vector<std::uint32_t> matched;
  PatternTest::Verdict verdict;
  const auto decided = [&](std::uint32_t line) {
    if (!verdict.error.empty()) {
      ++out.stream_errors;
    } else if (!verdict.result.matched) {
      ++out.stream_mismatches;
    }
    if (request.stream_verdict) {
      request.stream_verdict(line, verdict);
    } else {
      verdict.event = fmt::format("{}:{}", name, line);
      out.verdicts.push_back(verdict);
    }
  };
  const auto each = [&](const EventLine& line) {
    verdict.error = line.error;
    verdict.result = {};
    if (!line.error.empty()) return decided(line.number);
    if (request.explain_stream_matches) {
      // Every verdict needs its decisions pointing into the line: below.
    } else if (request.explain_stream_mismatches) {
      if (auto explained = explainer.match_text(line.text)) {
        verdict.result = std::move(*explained);
        return decided(line.number);
      }
    } else if (machine.match_text(line.text, matched, scratch, eventbridge::TextKeys::unique)) {
      verdict.result.matched = !matched.empty();
      return decided(line.number);
    }
    // Decisions that point into the event (JSON output) need the line kept,
    // as a file numbered as the line is in the stream; messages alone, only
    // the line read on its own, and then forgotten.
    source::SourceSet own;
    const LineEvent event = read_line_event(request.explain_stream_matches ? sources : own, name, line);
    verdict.error = event.error;
    if (event.error.empty()) {
      verdict.result = explainer.match(event.document);
      if (!request.explain_stream_matches) {
        for (auto& d : verdict.result.decisions) d.event_value = {};  // pointed into `own`
      }
    }
    decided(line.number);
  };
  StreamSink sink;
  if (request.before_stream) sink.start = [&] { request.before_stream(out); };
  sink.waiting = request.waiting;
  auto end = read_event_lines(fs, *request.event_stream, request.max_file_size, sink, each);
  (end.opened ? out.stream_error : out.refusal) = std::move(end.error);
}

}  // namespace

bool PatternTest::broken() const { return pattern_broken || !refusal.empty() || !invalid_pattern.empty(); }

bool PatternTest::event_errors() const {
  return stream_errors > 0 || !stream_error.empty() || std::any_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.error.empty(); });
}

bool PatternTest::all_match() const {
  return stream_mismatches == 0 && stream_errors == 0 && std::all_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return v.error.empty() && v.result.matched; });
}

PatternTest test_pattern(const source::FileSystem& fs, const PatternTestRequest& request) {
  PatternTest out;
  out.inputs = read_inputs(
      fs, {.declaring = {request.declaring},
           .events = request.events,
           .vars = request.vars,
           .max_file_size = request.max_file_size,
           .patterns = {request.declaring}});
  // An event with errors keeps only itself from being matched.
  out.pattern_broken = errors_beside(*out.inputs, request.events);
  if (out.pattern_broken) return out;
  const auto& ws = out.inputs->workspace;

  const Declarations declared = declared_in(ws, out.inputs->files({request.declaring}));
  auto chosen = choose_rule(declared, request.rule, request.declaring);
  if (const auto* message = std::get_if<std::string>(&chosen)) {
    out.refusal = *message + (request.rule ? "" : "; choose one with --rule NAME");
    return out;
  }
  const DeclaredRule& rule = std::get<DeclaredRule>(chosen);
  out.rule = rule.name;
  if (rule.pattern == nullptr) {
    out.refusal = fmt::format("rule {} has no event pattern (a schedule, or a pattern pipec cannot read)", rule.name);
    return out;
  }
  if (const auto reason = unresolved_reason(*rule.pattern)) {
    out.refusal = *reason;
    return out;
  }

  const auto compiled = compile_rule_pattern(*rule.pattern, ws.sources, request.numbers_by_value);
  if (!compiled.ok()) {
    out.invalid_pattern = pattern_errors(compiled);
    return out;
  }
  out.pattern_warnings = pattern_warnings(compiled);
  out.branches = compiled.pattern.branches.size();
  for (const auto& path : request.events) {
    PatternTest::Verdict verdict;
    verdict.event = path;
    const syntax::Document* event = out.inputs->document(path);
    if (event == nullptr) {
      verdict.error = "cannot be read (above)";  // reported among the inputs' problems
    } else if (out.inputs->has_errors_in(path)) {
      verdict.error = "has errors (above)";
    } else if (auto invalid = invalid_event(*event)) {
      verdict.error = "Parameter Event is not valid. (" + invalid->label + ")";
      out.event_problems.push_back(std::move(*invalid));
    } else {
      if (auto incomplete = incomplete_envelope(*event)) out.event_problems.push_back(std::move(*incomplete));
      verdict.result = eventbridge::match(compiled.pattern, *event);
    }
    out.verdicts.push_back(std::move(verdict));
  }
  if (request.event_stream) match_stream(out, fs, compiled.pattern, request);
  return out;
}

}  // namespace pipec::offline
