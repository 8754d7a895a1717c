#include <fmt/core.h>

#include "check/rule.h"
#include "check/runner.h"
#include "config/configuration.h"
#include "rules/registry.h"
#include "rules/support.h"
#include "util/glob.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_configuration {
namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

void check_selector(check::Reporter& out, std::string_view selector, source::Span at) {
  for (const check::Rule* r : registry()) {
    if (check::matches_selector(r->meta, selector)) return;
  }
  auto& f = out.report(at, fmt::format("{} names no rule", util::quote(selector)))
                .with_label("not a rule id, name or id prefix")
                .with_note("`pipec rules` lists the rules");
  if (const auto near = closest_rule_word(selector)) f.with_help(fmt::format("did you mean {}?", util::quote(*near)));
}

void check_globs(const Document& doc, check::Reporter& out, NodeId list) {
  for (const NodeId item : doc.items(list)) {
    if (!doc.is(item, NodeKind::string)) continue;
    if (const auto problem = util::glob_problem(doc.string(item))) {
      out.report(doc.node(item).span, fmt::format("malformed glob {}: {}", util::quote(doc.string(item)), *problem));
    }
  }
}

void check_rules(const Document& doc, check::Reporter& out, NodeId rules) {
  for (const auto& m : doc.members(rules)) check_selector(out, m.key, m.key_span);
}

void check_document(const Document& doc, check::Reporter& out) {
  const NodeId root = doc.root();
  if (!doc.is(root, NodeKind::object)) return;  // the schema says it
  check_globs(doc, out, doc.get(root, "include"));
  check_globs(doc, out, doc.get(root, "exclude"));
  check_rules(doc, out, doc.get(root, "rules"));
  for (const NodeId o : doc.items(doc.get(root, "overrides"))) {
    check_globs(doc, out, doc.get(o, "paths"));
    check_rules(doc, out, doc.get(o, "rules"));
  }
  std::vector<std::string> kinds;
  for (const auto& k : model::all_kinds()) kinds.emplace_back(k.name);
  for (const auto& m : doc.members(doc.get(root, "kinds"))) {
    if (const auto problem = util::glob_problem(m.key)) {
      out.report(m.key_span, fmt::format("malformed glob {}: {}", util::quote(m.key), *problem));
    }
    if (!doc.is(m.value, NodeKind::string) || model::parse_kind(doc.string(m.value))) continue;
    auto& f = out.report(doc.node(m.value).span, fmt::format("unknown kind {}", util::quote(doc.string(m.value))))
                  .with_note(fmt::format("kinds are {}", util::list(kinds, "and", 32)));
    if (const auto near = util::closest_match(doc.string(m.value), kinds)) f.with_help(fmt::format("did you mean {}?", util::quote(*near)));
  }
  for (const NodeId s : doc.items(doc.get(root, "suppressions"))) {
    const NodeId rule = doc.get(s, "rule");
    if (doc.is(rule, NodeKind::string) && find_rule(doc.string(rule)) == nullptr) {
      auto& f = out.report(doc.node(rule).span, fmt::format("{} is no rule", util::quote(doc.string(rule))))
                    .with_label("a suppression names one rule, by id or name");
      if (const auto near = closest_rule_word(doc.string(rule))) f.with_help(fmt::format("did you mean {}?", util::quote(*near)));
    }
    const NodeId path = doc.get(s, "path");
    if (doc.is(path, NodeKind::string)) {
      if (const auto problem = util::glob_problem(doc.string(path))) {
        out.report(doc.node(path).span, fmt::format("malformed glob {}: {}", util::quote(doc.string(path)), *problem));
      }
    }
  }
}

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::pipec_config, "pipec/config.json");
  for (const auto& file : context.workspace.files) {
    if (file.kind == model::Kind::pipec_config && file.document != nullptr && !file.load_error) check_document(*file.document, out);
  }
}

}  // namespace
}  // namespace invalid_configuration

extern const check::Rule kInvalidConfiguration{
    {
        .id = "CP0123",
        .name = "invalid-configuration",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "a .pipec.yaml breaks its schema: an unknown key, a rule or kind that does not exist, a malformed glob, a suppression without a reason",
        .rationale = R"md(## What it checks
pipec's own configuration, `.pipec.yaml` ([docs/configuration.md](../configuration.md)), against
`schemas/pipec/config.json`: only the keys `include`, `exclude`, `kinds`, `rules`, `fail-on`, `overrides`,
`suppressions` and `vars`; rule settings `off`, `on`, `error`, `warning` or `info`; suppressions with a
`path`, a `rule` and a `reason` (and a JSON Pointer in `pointer`, if any). Beyond the schema: every rule
selector names a rule (id, name or id prefix, as `--select` takes them), every kind is one `--kind` takes,
and every glob is well formed.

## Why it matters
A configuration pipec misreads fails quietly: a misspelled rule id in `rules:` turns nothing off, so the
gate fails for a reason the team thought it had settled; a misspelled `exclude` lints generated files; a
suppression of a rule that does not exist hides nothing. Each is reported at its place, with the spelling
pipec expected.

## How to fix
Follow the message: correct the key, the rule id (`pipec rules` lists them) or the kind (`pipec lint --help`
lists them). `pipec config PATH` prints what the configuration decides for a file, and where each value
came from.
)md",
        .help_uri = "",
    },
    invalid_configuration::check};

}  // namespace pipec::rules
