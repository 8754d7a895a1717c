#include "offline/pattern_test.h"

#include <algorithm>

#include <fmt/core.h>

#include "offline/declarations.h"
#include "offline/inputs.h"
#include "offline/verdicts.h"

namespace pipec::offline {

bool PatternTest::broken() const { return inputs->has_errors() || !refusal.empty() || !invalid_pattern.empty(); }

bool PatternTest::event_errors() const {
  return std::any_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.error.empty(); });
}

bool PatternTest::all_match() const {
  return std::all_of(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return v.error.empty() && v.result.matched; });
}

PatternTest test_pattern(const source::FileSystem& fs, const PatternTestRequest& request) {
  PatternTest out;
  out.inputs = read_inputs(
      fs, {{request.declaring}, request.events, {}, request.vars, request.max_file_size, {request.declaring}});
  if (out.inputs->has_errors()) return out;
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
  out.branches = compiled.pattern.branches.size();
  for (const auto& path : request.events) {
    PatternTest::Verdict verdict;
    verdict.event = path;
    const syntax::Document* event = out.inputs->document(path);
    if (event == nullptr) continue;  // reported among the inputs' problems
    if (auto invalid = invalid_event(*event)) {
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
