#include "offline/pattern_test.h"

#include <algorithm>

#include <fmt/core.h>

#include "eventbridge/machine.h"
#include "offline/declarations.h"
#include "offline/inputs.h"
#include "offline/verdicts.h"
#include "syntax/json/json_reader.h"

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

// Matches each line of a JSON-lines stream against `pattern`, adding its
// text to `sources` so verdicts and errors point at the line.
// A line that reads cleanly gets the same verdict from the fast path as from
// its document; only the decisions, which point into the document, need the
// document.
void match_stream(source::SourceSet& sources, const std::string& name, std::string text,
                  const eventbridge::CompiledPattern& pattern, const PatternTestRequest& request,
                  std::vector<PatternTest::Verdict>& verdicts) {
  const source::FileId stream = sources.add(name, std::move(text));
  const source::SourceFile& file = sources.file(stream);
  eventbridge::MachineBuilder builder;
  builder.add("pattern", pattern);
  const auto machine = std::move(builder).build();
  eventbridge::Machine::Scratch scratch;
  std::vector<std::uint32_t> matched;
  verdicts.reserve(verdicts.size() + file.line_count());
  for (std::uint32_t line = 1; line <= file.line_count(); ++line) {
    const std::string_view event_text = file.line_text(line);
    if (event_text.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank lines separate nothing
    PatternTest::Verdict verdict;
    verdict.event = fmt::format("{}:{}", name, line);
    verdict.streamed = true;
    if (machine.match_text(event_text, matched, scratch, eventbridge::TextKeys::unique)) {
      verdict.result.matched = !matched.empty();
      if (!(verdict.result.matched ? request.explain_stream_matches : request.explain_stream_mismatches)) {
        verdicts.push_back(std::move(verdict));
        continue;
      }
    }
    // Decisions that point into the event (JSON output) need the line as a
    // file of its own whose every offset maps into the stream; messages
    // alone, only the line read on its own, and then forgotten.
    source::SourceSet own;
    source::SourceSet& home = request.explain_stream_matches ? sources : own;
    source::FileId id = source::kNoFile;
    if (request.explain_stream_matches) {
      const std::uint32_t start = file.line_start(line);
      std::vector<std::uint32_t> offsets(event_text.size() + 1);
      for (std::uint32_t i = 0; i < offsets.size(); ++i) offsets[i] = start + i;
      id = sources.add_embedded(stream, std::string(event_text), std::move(offsets));
    } else {
      id = own.add(name, std::string(event_text));
    }
    const syntax::JsonResult read = syntax::read_json(home, id);
    if (!read.issues.empty()) {
      // The column on the line, whichever file holds it.
      const auto at = home.line_col(home.to_root(read.issues.front().span).file, home.to_root(read.issues.front().span).begin);
      verdict.error = fmt::format("not JSON: {} (column {})", read.issues.front().message, at.column);
    } else if (auto invalid = invalid_event(read.document)) {
      verdict.error = "Parameter Event is not valid. (" + invalid->label + ")";
    } else {
      verdict.result = eventbridge::match(pattern, read.document);
      if (!request.explain_stream_matches) {
        for (auto& d : verdict.result.decisions) d.event_value = {};  // pointed into `own`
      }
    }
    verdicts.push_back(std::move(verdict));
  }
}

}  // namespace

bool PatternTest::broken() const { return pattern_broken || !refusal.empty() || !invalid_pattern.empty(); }

bool PatternTest::event_errors() const {
  return std::any_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.error.empty(); });
}

bool PatternTest::all_match() const {
  return std::all_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return v.error.empty() && v.result.matched; });
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
  if (request.event_stream) {
    auto text = read_event_stream(fs, *request.event_stream, request.stream_text, out.refusal);
    if (!text) return out;
    match_stream(out.inputs->workspace.sources, event_stream_name(*request.event_stream), std::move(*text), compiled.pattern,
                 request, out.verdicts);
  }
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
  return out;
}

}  // namespace pipec::offline
