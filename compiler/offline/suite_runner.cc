#include "offline/suite_runner.h"

#include <algorithm>
#include <deque>

#include <fmt/core.h>

#include "diag/render.h"
#include "model/classify.h"
#include "model/walk.h"
#include "offline/declarations.h"
#include "offline/inputs.h"
#include "offline/suite.h"
#include "offline/verdicts.h"
#include "syntax/compare.h"
#include "syntax/json/json_reader.h"
#include "util/text.h"

namespace pipec::offline {

namespace {

/// How much of a target's input a failure shows.
constexpr std::size_t kShownInput = 600;

// -- one case -------------------------------------------------------------------

class CaseRunner {
 public:
  CaseRunner(const Suite& suite, const driver::LintRun& inputs) : suite_(suite), inputs_(inputs), ws_(inputs.workspace) {}

  CaseResult run(const SuiteCase& c) {
    CaseResult out;
    out.name = c.name;
    outcome_ = &out;
    run_case(c);
    outcome_ = nullptr;
    return out;
  }

 private:
  diag::Diagnostic& fail(source::Span span, std::string message) {
    outcome_->passed = false;
    diag::Diagnostic d;
    d.title = "fail";
    d.severity = diag::Severity::error;
    d.span = span;
    d.message = std::move(message);
    outcome_->diagnostics.push_back(std::move(d));
    return outcome_->diagnostics.back();
  }

  void explain(std::vector<diag::Diagnostic> more) {
    for (auto& d : more) outcome_->diagnostics.push_back(std::move(d));
  }

  std::string files_named(const SuiteCase& c) const {
    return c.rule_files.size() == 1 ? c.rule_files.front() : util::quote_list(c.rule_files, "and");
  }

  std::string event_name(const SuiteEvent& e) const {
    if (!e.path.empty()) return e.path;
    const auto where = diag::locate(ws_.sources, e.span);
    return fmt::format("the event at {}:{}", where.path, where.start.line);
  }

  const syntax::Document* event_document(const SuiteEvent& e) {
    if (!e.path.empty()) return inputs_.document(e.path);
    inline_events_.push_back(suite_.document->subtree(e.inline_event));
    return &inline_events_.back();
  }

  void run_case(const SuiteCase& c) {
    for (const auto& f : c.rule_files) {
      if (inputs_.has_errors_in(f)) {
        fail(c.rule_span, fmt::format("{} has errors (above), so the case cannot run", f));
        return;
      }
    }
    for (const auto& e : c.events) {
      if (!e.path.empty() && (inputs_.has_errors_in(e.path) || inputs_.document(e.path) == nullptr)) {
        fail(e.span, fmt::format("{} has errors (above), so the case cannot run", e.path));
        return;
      }
    }

    // The rule: a pattern in the case, or one the files declare.
    Declarations declared;
    std::optional<DeclaredRule> rule;
    if (c.pattern != syntax::kNoNode) {
      inline_patterns_.push_back(model::PatternRef{suite_.document, c.pattern});
      DeclaredRule r;
      r.pattern = &inline_patterns_.back();
      r.name = "the case's pattern";
      r.span = suite_.document->node(c.pattern).span;
      rule = std::move(r);
    } else {
      declared = declared_in(ws_, inputs_.files(c.rule_files));
      if (!declared.rules.empty() || c.select) {
        auto chosen = choose_rule(declared, c.select, files_named(c));
        if (const auto* message = std::get_if<std::string>(&chosen)) {
          auto& d = fail(c.select ? c.select_span : c.rule_span, *message);
          if (!c.select) d.help.push_back("name the rule with \"select: NAME\"");
          return;
        }
        rule = std::get<DeclaredRule>(std::move(chosen));
      }
    }

    // Whether it matches: what the case says, or implied by a payload.
    // A payload implies a match, when there is a pattern to run.
    const bool checks_match = c.match.has_value() ||
                              (rule && rule->pattern != nullptr && !unresolved_reason(*rule->pattern));
    std::optional<eventbridge::CompileResult> compiled;
    if (checks_match) {
      if (!rule) {
        fail(c.match_span.valid() ? c.match_span : c.rule_span,
             fmt::format("{} declares no event pattern, so there is nothing to match", files_named(c)));
        return;
      }
      if (rule->pattern == nullptr) {
        fail(c.rule_span, fmt::format("rule {} has no event pattern (a schedule, or a pattern pipec cannot read)",
                                      util::quote(rule->name)));
        return;
      }
      if (const auto reason = unresolved_reason(*rule->pattern)) {
        fail(rule->span.valid() ? rule->span : c.rule_span, *reason);
        return;
      }
      compiled = compile_rule_pattern(*rule->pattern, ws_.sources, suite_.numbers_by_value);
      if (!compiled->ok()) {
        fail(c.rule_span.valid() ? c.rule_span : rule->span,
             compiled->refused() ? "the pattern is invalid: EventBridge refuses it" : "pipec cannot run this pattern");
        explain(pattern_errors(*compiled));
        return;
      }
    }

    const bool expected = c.match.value_or(true);
    std::vector<const syntax::Document*> documents;
    for (const auto& e : c.events) {
      const syntax::Document* event = event_document(e);
      documents.push_back(event);
      if (auto invalid = invalid_event(*event)) {
        fail(e.span, fmt::format("{} is not a JSON object, so the case cannot run", event_name(e)));
        explain({std::move(*invalid)});
        return;
      }
      if (!compiled) continue;
      const auto result = eventbridge::match(compiled->pattern, *event);
      outcome_->events.push_back({event_name(e), result.matched});
      const source::Span expectation = c.match_span.valid() ? c.match_span : c.payload_span;
      if (expected && !result.matched) {
        fail(expectation, fmt::format("{} does not match {}, and the case expects it to", event_name(e), rule->name))
            .label = "expected a match";
        std::vector<diag::Diagnostic> why;
        for (const auto& d : result.decisions) why.push_back(no_match(d, event_name(e), compiled->pattern.branches.size()));
        explain(std::move(why));
      } else if (!expected && result.matched) {
        auto& d = fail(expectation, fmt::format("{} matches {}, and the case expects no match", event_name(e), rule->name));
        d.label = "expected no match";
        for (const auto& decision : result.decisions) {
          const auto where = diag::locate(ws_.sources, decision.pattern_value);
          d.notes.push_back(fmt::format("{} ({}:{}:{})", decision.message, where.path, where.start.line, where.start.column));
        }
      }
    }
    if (!outcome_->passed || !c.checks_payload() || c.events.size() != 1) return;
    check_payload(c, declared, rule ? &*rule : nullptr, *documents.front());
  }

  void check_payload(const SuiteCase& c, const Declarations& declared, const DeclaredRule* rule, const syntax::Document& event) {
    auto chosen = choose_target(declared, rule, c.target, c.rule_files.empty() ? "the case" : files_named(c));
    if (const auto* message = std::get_if<std::string>(&chosen)) {
      auto& d = fail(c.payload_span, fmt::format("the case expects a payload, but {}", *message));
      if (c.target) d.help.push_back("name the target with \"target: ID\"");
      return;
    }
    const DeclaredTarget& target = std::get<DeclaredTarget>(chosen);
    if (const auto reason = unresolved_reason(target)) {
      fail(target.span, *reason);
      return;
    }
    if (auto refused = target_errors(target, ws_.sources); !refused.empty()) {
      fail(c.payload_span, fmt::format("target {} is one EventBridge refuses", util::quote(target.name)));
      explain(std::move(refused));
      return;
    }
    const auto rendered = target_input(target, ws_, event, render_options(ws_, rule, target, {c.rule_name, c.rule_arn, c.ingestion_time}));
    auto problems = input_problems(rendered, target, false);
    const bool refused = std::any_of(problems.begin(), problems.end(),
                                     [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
    const std::string shown = rendered.text.size() > kShownInput ? rendered.text.substr(0, kShownInput) + "…" : rendered.text;
    if (refused) {
      auto& d = fail(c.payload_span, fmt::format("target {} would not accept its input", util::quote(target.name)));
      d.notes.push_back("the target receives: " + shown);
      explain(std::move(problems));
      return;
    }

    if (c.payload_text) {
      if (rendered.text != *c.payload_text) {
        auto& d = fail(c.payload_span, "the target receives other text");
        d.label = "expected";
        d.notes.push_back("the target receives: " + util::quote(shown, kShownInput));
        explain(std::move(problems));
      }
      return;
    }
    source::SourceSet scratch;
    const source::FileId file = scratch.add("the target's input", rendered.text);
    const auto parsed = syntax::read_json(scratch, file);
    const bool json = parsed.issues.empty() && !parsed.document.empty();
    if (!json) {
      auto& d = fail(c.payload_span, "the target receives text that is not JSON, and the case expects a JSON value");
      d.help.push_back("compare text with \"payload-text\"");
      d.notes.push_back("the target receives: " + shown);
      return;
    }
    const auto difference = syntax::first_difference(*suite_.document, c.payload, parsed.document, parsed.document.root());
    if (!difference) return;
    const source::Span at = suite_.document->node(difference->expected).span;
    auto& d = fail(at, fmt::format("the payload differs at {}: {}", difference->pointer.empty() ? "the top" : difference->pointer,
                                   difference->reason));
    d.label = "expected";
    if (difference->actual != syntax::kNoNode) {
      const auto& actual = parsed.document.node(difference->actual).span;
      const source::Span from = rendered.template_span(actual.begin, actual.end);
      if (from.valid() && target.mode == InputMode::transformer) d.related.push_back({from, "the template gives this"});
    }
    d.notes.push_back("the target receives: " + shown);
    explain(std::move(problems));
  }

  const Suite& suite_;
  const driver::LintRun& inputs_;
  const model::Workspace& ws_;
  std::deque<syntax::Document> inline_events_;
  std::deque<model::PatternRef> inline_patterns_;
  CaseResult* outcome_ = nullptr;
};

/// The files a suite names, from a first look at it alone: the real read
/// comes after, in one run with those files, so that a failure can point
/// into the suite, the rule and the event at once.
Suite files_named_by(const source::FileSystem& fs, const std::string& path, std::uint64_t max_file_size,
                     schema::Validator& validator, const model::Boundary* boundary, std::unique_ptr<driver::LintRun>& holder) {
  holder = read_inputs(fs, {{}, {}, {path}, {}, max_file_size});
  const syntax::Document* document = holder->document(path);
  if (document == nullptr) return {};
  return read_suite(*document, path, validator, boundary).suite;
}

SuiteResult run_suite(const source::FileSystem& fs, const std::string& path, const SuiteRunRequest& request,
                      schema::Validator& validator) {
  SuiteResult out;
  out.path = path;
  const model::Boundary boundary(fs, path);
  const model::Boundary* limit = request.read_outside_repository ? nullptr : &boundary;
  std::unique_ptr<driver::LintRun> first_look;
  const Suite named = files_named_by(fs, path, request.max_file_size, validator, limit, first_look);
  dsl::Vars vars = named.vars;
  for (const auto& [k, v] : request.vars) vars[k] = v;
  InputFiles files{named.rule_files(), named.event_files(), {path}, vars, request.max_file_size};
  files.named_by_suite = true;
  files.read_outside_repository = request.read_outside_repository;
  out.inputs = read_inputs(fs, files);

  const syntax::Document* document = out.inputs->document(path);
  SuiteRead read;
  if (document != nullptr) read = read_suite(*document, path, validator, limit);
  out.problems = std::move(read.problems);
  out.broken = document == nullptr || out.inputs->has_errors_in(path) || !out.problems.empty();
  if (out.broken) return out;

  CaseRunner run(read.suite, *out.inputs);
  for (const auto& c : read.suite.cases) {
    if (request.filter && c.name.find(*request.filter) == std::string::npos) {
      ++out.filtered_out;
      continue;
    }
    out.cases.push_back(run.run(c));
  }
  return out;
}

}  // namespace

std::vector<std::string> find_suites(const source::FileSystem& fs, const std::string& folder) {
  const model::Walk walk =
      model::walk_folder(fs, folder, [](std::string_view name, const std::string&) { return model::is_test_suite_name(name); });
  std::vector<std::string> paths;
  for (const auto& file : walk.files) paths.push_back(file.path);
  return paths;
}

SuiteRun run_suites(const source::FileSystem& fs, const SuiteRunRequest& request) {
  SuiteRun out;
  const std::vector<std::string> paths = request.paths.empty() ? std::vector<std::string>{"."} : request.paths;
  std::vector<std::string> suites;
  for (const auto& p : paths) {
    const source::Entry entry = fs.stat(p);
    if (entry.type == source::EntryType::directory) {
      for (auto& s : find_suites(fs, p)) suites.push_back(std::move(s));
    } else if (entry.type == source::EntryType::file) {
      suites.push_back(p);
    } else {
      out.missing.push_back(p);
    }
  }
  if (!out.missing.empty()) return out;
  if (suites.empty()) out.searched = paths;
  schema::Validator validator;
  for (const auto& path : suites) out.suites.push_back(run_suite(fs, path, request, validator));
  return out;
}

}  // namespace pipec::offline
