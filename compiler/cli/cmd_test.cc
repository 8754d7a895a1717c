// pipec test: rule tests as a test runner runs them. Each suite
// (docs/testing.md) names rules and events; each case says whether the
// rule matches and what its target receives. One line per case, the reason
// for each failure at the suite line that expected otherwise, a summary.

#include <algorithm>
#include <deque>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/dsl_vars.h"
#include "cli/exit_codes.h"
#include "cli/offline_checks.h"
#include "cli/offline_inputs.h"
#include "cli/rule_choice.h"
#include "cli/test_suite.h"
#include "diag/render.h"
#include "model/classify.h"
#include "model/load.h"
#include "syntax/compare.h"
#include "syntax/json/json_reader.h"
#include "util/text.h"

namespace pipec::cli {

namespace {

/// How much of a target's input a failure shows.
constexpr std::size_t kShownInput = 600;

// -- finding suites -----------------------------------------------------------

void find_suites(const source::FileSystem& fs, const std::string& dir, std::vector<std::string>& out, int depth = 0) {
  if (depth > 64) return;
  auto names = fs.list(dir);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    const std::string path = source::join_path(dir, name);
    const source::Entry entry = fs.stat(path);
    if (entry.type == source::EntryType::directory) {
      if (!model::is_skipped_folder(name)) find_suites(fs, path, out, depth + 1);
    } else if (entry.type == source::EntryType::file && model::is_test_suite_name(name)) {
      out.push_back(path);
    }
  }
}

// -- one case -------------------------------------------------------------------

struct CaseOutcome {
  bool passed = true;
  std::vector<diag::Diagnostic> diagnostics;  ///< the failures first, then what explains them
  nlohmann::json events = nlohmann::json::array();
};

class SuiteRun {
 public:
  SuiteRun(const Suite& suite, const OfflineInputs& inputs) : suite_(suite), inputs_(inputs), ws_(*inputs.workspace) {}

  CaseOutcome run(const SuiteCase& c) {
    CaseOutcome out;
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
      if (inputs_.has_errors(f)) {
        fail(c.rule_span, fmt::format("{} has errors (above), so the case cannot run", f));
        return;
      }
    }
    for (const auto& e : c.events) {
      if (!e.path.empty() && (inputs_.has_errors(e.path) || inputs_.document(e.path) == nullptr)) {
        fail(e.span, fmt::format("{} has errors (above), so the case cannot run", e.path));
        return;
      }
    }

    // The rule: a pattern in the case, or one the files declare.
    Declared declared;
    std::optional<RuleChoice> rule;
    if (c.pattern != syntax::kNoNode) {
      inline_patterns_.push_back(model::PatternRef{suite_.document, c.pattern});
      RuleChoice r;
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
        rule = std::get<RuleChoice>(std::move(chosen));
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
        fail(c.rule_span.valid() ? c.rule_span : rule->span, "the pattern is invalid: EventBridge refuses it");
        explain(pattern_errors(*compiled));
        return;
      }
    }

    const bool expected = c.match.value_or(true);
    std::vector<const syntax::Document*> documents;
    for (const auto& e : c.events) {
      const syntax::Document* event = event_document(e);
      documents.push_back(event);
      if (!compiled) continue;
      const auto result = eventbridge::match(compiled->pattern, *event);
      outcome_->events.push_back({{"event", event_name(e)}, {"matched", result.matched}});
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

  void check_payload(const SuiteCase& c, const Declared& declared, const RuleChoice* rule, const syntax::Document& event) {
    auto chosen = choose_target(declared, rule, c.target, c.rule_files.empty() ? "the case" : files_named(c));
    if (const auto* message = std::get_if<std::string>(&chosen)) {
      auto& d = fail(c.payload_span, fmt::format("the case expects a payload, but {}", *message));
      if (c.target) d.help.push_back("name the target with \"target: ID\"");
      return;
    }
    const TargetChoice& target = std::get<TargetChoice>(chosen);
    if (const auto reason = unresolved_reason(target)) {
      fail(target.span, *reason);
      return;
    }
    if (auto refused = transformer_errors(target, ws_.sources); !refused.empty()) {
      fail(c.payload_span, fmt::format("target {} has a transformer EventBridge refuses", util::quote(target.name)));
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
  const OfflineInputs& inputs_;
  const model::Workspace& ws_;
  std::deque<syntax::Document> inline_events_;
  std::deque<model::PatternRef> inline_patterns_;
  CaseOutcome* outcome_ = nullptr;
};

// -- the command -------------------------------------------------------------

struct Totals {
  std::size_t passed = 0, failed = 0, skipped = 0, suites = 0, broken = 0;
};

/// The files a suite names, read from a quick look at it alone: the real
/// read comes after, in one workspace with those files.
Suite files_named_by(const source::FileSystem& fs, const std::string& path, const TestOptions& options, schema::Validator& validator,
                     model::Workspace& holder) {
  model::LoadOptions load;
  load.max_file_size = options.max_file_size;
  load.path_kinds.emplace_back(path, model::Kind::test_suite);
  holder = model::load(fs, std::vector<std::string>{path}, load);
  for (const auto& f : holder.files) {
    if (f.document != nullptr && !f.load_error) return read_suite(*f.document, path, validator).suite;
  }
  return {};
}

}  // namespace

int run_test(const TestOptions& options, const source::FileSystem& fs, Output& output) {
  std::string error;
  const auto cli_vars = parse_vars(options.vars, error);
  if (!cli_vars) {
    output.err += fmt::format("pipec test: {}\n", error);
    return kExitUsage;
  }
  const bool json = options.format == "json";
  const diag::TextOptions text{options.color, false};

  std::vector<std::string> suites;
  const std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  bool unreadable = false;
  for (const auto& p : paths) {
    const source::Entry entry = fs.stat(p);
    if (entry.type == source::EntryType::directory) {
      find_suites(fs, p, suites);
    } else if (entry.type == source::EntryType::file) {
      suites.push_back(p);
    } else {
      output.err += fmt::format("pipec test: {}: no such file or folder\n", p);
      unreadable = true;
    }
  }
  if (unreadable) return kExitUsage;
  if (suites.empty()) {
    output.err += fmt::format("pipec test: no test suites (*.test.yaml) in {}\n", util::quote_list(paths, "or"));
    return kExitUsage;
  }

  Totals totals;
  nlohmann::json results = nlohmann::json::array();
  schema::Validator validator;
  for (const auto& path : suites) {
    ++totals.suites;
    model::Workspace first_look;
    const Suite named = files_named_by(fs, path, options, validator, first_look);
    dsl::Vars vars = named.vars;
    for (const auto& [k, v] : *cli_vars) vars[k] = v;
    const auto inputs = load_offline_inputs(fs, named.rule_files(), named.event_files(), vars, options.max_file_size, {path});
    if (!inputs->problems.diagnostics.empty()) diag::render_text(inputs->problems, text, output.err);

    const syntax::Document* document = inputs->document(path);
    SuiteRead read;
    if (document != nullptr) read = read_suite(*document, path, validator);
    const bool suite_broken = document == nullptr || inputs->has_errors(path);
    if (suite_broken || !read.problems.empty()) {
      if (!read.problems.empty()) {
        diag::Report report;
        report.sources = &inputs->workspace->sources;
        report.diagnostics = std::move(read.problems);
        diag::finalize(report);
        diag::render_text(report, text, output.err);
      }
      output.err += fmt::format("pipec test: {}: the suite cannot run\n", path);
      ++totals.broken;
      if (json) results.push_back({{"suite", path}, {"error", "the suite cannot run"}, {"cases", nlohmann::json::array()}});
      continue;
    }

    SuiteRun run(read.suite, *inputs);
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : read.suite.cases) {
      if (options.filter && c.name.find(*options.filter) == std::string::npos) {
        ++totals.skipped;
        continue;
      }
      CaseOutcome outcome = run.run(c);
      (outcome.passed ? totals.passed : totals.failed) += 1;
      if (json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& d : outcome.diagnostics) {
          if (d.title != "fail") continue;
          const auto where = diag::locate(inputs->workspace->sources, d.span);
          failures.push_back({{"path", where.path}, {"line", where.start.line}, {"column", where.start.column}, {"message", d.message}});
        }
        cases.push_back({{"name", c.name}, {"passed", outcome.passed}, {"events", std::move(outcome.events)}, {"failures", std::move(failures)}});
        continue;
      }
      if (outcome.passed) {
        if (!options.quiet) output.out += fmt::format("ok   {}: {}\n", path, c.name);
        continue;
      }
      output.out += fmt::format("FAIL {}: {}\n", path, c.name);
      diag::Report report;
      report.sources = &inputs->workspace->sources;
      report.diagnostics = std::move(outcome.diagnostics);
      diag::render_text(report, text, output.out);
    }
    if (json) results.push_back({{"suite", path}, {"cases", std::move(cases)}});
  }

  const std::size_t run_count = totals.passed + totals.failed;
  if (json) {
    const nlohmann::json doc = {{"version", 1},
                                {"suites", std::move(results)},
                                {"passed", totals.passed},
                                {"failed", totals.failed},
                                {"skipped", totals.skipped},
                                {"broken_suites", totals.broken}};
    output.out += doc.dump(2) + "\n";
  } else {
    std::string summary = fmt::format("{} passed, {} failed", totals.passed, totals.failed);
    if (totals.skipped != 0) summary += fmt::format(", {} filtered out", totals.skipped);
    summary += fmt::format(" ({} case{} in {} suite{}", run_count, run_count == 1 ? "" : "s", totals.suites,
                           totals.suites == 1 ? "" : "s");
    if (totals.broken != 0) summary += fmt::format(", {} of which cannot run", totals.broken);
    summary += ")";
    if (!output.out.empty() && !output.out.ends_with("\n\n")) output.out += "\n";
    output.out += summary + "\n";
  }
  if (totals.broken != 0) return kExitUsage;
  return totals.failed == 0 ? kExitClean : kExitFindings;
}

}  // namespace pipec::cli
