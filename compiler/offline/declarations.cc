#include "offline/declarations.h"

#include <fmt/core.h>

#include <algorithm>

#include "eventbridge/json_path.h"
#include "eventbridge/json_write.h"
#include "model/cloudformation.h"
#include "source/file_system.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::offline {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

bool wanted(std::span<const source::FileId> roots, source::FileId file) {
  return roots.empty() || std::find(roots.begin(), roots.end(), file) != roots.end();
}

std::vector<std::string> names_of(const std::vector<DeclaredRule>& rules) {
  std::vector<std::string> out;
  for (const auto& r : rules) out.push_back(r.name);
  return out;
}

std::vector<std::string> names_of(const std::vector<const DeclaredTarget*>& targets) {
  std::vector<std::string> out;
  for (const auto* t : targets) out.push_back(t->name);
  return out;
}

// Whether a value of a template's pattern, or anything under it, is given by
// an intrinsic function.
bool any_unresolved(const model::PatternRef& pattern, NodeId node, int depth = 0) {
  if (pattern.unresolved(node)) return true;
  if (depth > 256) return false;
  const auto& doc = *pattern.document;
  for (const auto& m : doc.members(node)) {
    if (m.value != syntax::kNoNode && any_unresolved(pattern, m.value, depth + 1)) return true;
  }
  for (const NodeId item : doc.items(node)) {
    if (any_unresolved(pattern, item, depth + 1)) return true;
  }
  return false;
}

}  // namespace

Declarations declared_in(const model::Workspace& ws, std::span<const source::FileId> roots) {
  Declarations out;
  const auto root_of = [&](source::Span span) { return ws.sources.to_root(span).file; };

  for (std::size_t i = 0; i < ws.event_rules.size(); ++i) {
    const auto& rule = ws.event_rules[i];
    const source::Span span = rule.span.valid() ? rule.span : rule.name ? rule.name->span : source::Span{};
    const source::FileId file = span.valid() ? root_of(span) : root_of(source::Span{rule.document->file(), 0, 0});
    if (!wanted(roots, file)) continue;
    DeclaredRule choice;
    choice.pattern = rule.pattern ? &*rule.pattern : nullptr;
    choice.rule = i;
    choice.span = span;
    if (rule.name) choice.name = rule.name->value;
    if (rule.logical_id) {
      if (choice.name.empty()) choice.name = rule.logical_id->value;
      else choice.aliases.push_back(rule.logical_id->value);
    }
    const std::string& path = ws.sources.file(file).path();
    if (choice.name.empty()) choice.name = path;
    choice.aliases.push_back(path);
    out.rules.push_back(std::move(choice));
  }
  // Pattern files of their own: patterns no rule holds.
  for (const auto& pattern : ws.patterns) {
    const bool held = std::any_of(ws.event_rules.begin(), ws.event_rules.end(), [&](const model::EventRule& r) {
      return r.pattern && r.pattern->document == pattern.document && r.pattern->root == pattern.root;
    });
    if (held) continue;
    const source::FileId file = root_of(pattern.document->node(pattern.root).span);
    if (!wanted(roots, file)) continue;
    DeclaredRule choice;
    choice.pattern = &pattern;
    choice.name = ws.sources.file(file).path();
    choice.aliases.emplace_back(source::file_name(choice.name));
    choice.span = pattern.document->node(pattern.root).span;
    out.rules.push_back(std::move(choice));
  }

  std::vector<bool> held(ws.transformers.size(), false);
  for (const auto& set : ws.target_sets) {
    for (const auto& target : set.targets) {
      if (target.transformer) held[*target.transformer] = true;
    }
    if (!wanted(roots, root_of(set.document->node(set.node).span))) continue;
    for (std::size_t k = 0; k < set.targets.size(); ++k) {
      const auto& target = set.targets[k];
      DeclaredTarget choice;
      choice.set = &set;
      choice.target = &target;
      choice.span = target.span;
      choice.name = target.id ? target.id->value : fmt::format("target {}", k + 1);
      choice.pipeline = target.starts_pipeline();
      choice.input_keys = target.input_keys;
      const auto& doc = *set.document;
      if (target.transformer) {
        choice.mode = InputMode::transformer;
        choice.transformer = &ws.transformers[*target.transformer];
      } else if (const NodeId input = doc.get(target.node, "Input"); input != syntax::kNoNode) {
        choice.mode = InputMode::constant;
        choice.input = doc.string(input);
        choice.input_span = doc.node(input).span;
      } else if (const NodeId path = doc.get(target.node, "InputPath"); path != syntax::kNoNode) {
        choice.mode = InputMode::path;
        choice.input = doc.string(path);
        choice.input_span = doc.node(path).span;
      } else {
        choice.mode = InputMode::event;
      }
      out.targets.push_back(std::move(choice));
    }
  }
  // Transformer files of their own.
  for (std::size_t i = 0; i < ws.transformers.size(); ++i) {
    if (held[i]) continue;
    const auto& t = ws.transformers[i];
    const source::FileId file = root_of(t.span);
    if (!wanted(roots, file)) continue;
    DeclaredTarget choice;
    choice.transformer = &t;
    choice.mode = InputMode::transformer;
    choice.name = ws.sources.file(file).path();
    choice.span = t.span;
    out.targets.push_back(std::move(choice));
  }
  return out;
}

std::variant<DeclaredRule, std::string> choose_rule(const Declarations& declared, const std::optional<std::string>& select,
                                                  std::string_view files) {
  if (declared.rules.empty()) return fmt::format("{} declares no event pattern", files);
  if (select) {
    for (const auto& r : declared.rules) {
      if (r.name == *select || std::find(r.aliases.begin(), r.aliases.end(), *select) != r.aliases.end()) return r;
    }
    const auto names = names_of(declared.rules);
    std::string message = fmt::format("{} declares no rule {}; it declares {}", files, util::quote(*select),
                                      util::quote_list(names, "and"));
    if (const auto guess = util::closest_match(*select, names)) message += fmt::format("; did you mean {}?", util::quote(*guess));
    return message;
  }
  if (declared.rules.size() == 1) return declared.rules.front();
  return fmt::format("{} declares {} rules, {}: say which", files, declared.rules.size(),
                     util::quote_list(names_of(declared.rules), "and"));
}

std::variant<DeclaredTarget, std::string> choose_target(const Declarations& declared, const DeclaredRule* rule,
                                                      const std::optional<std::string>& select, std::string_view files) {
  std::vector<const DeclaredTarget*> candidates;
  if (rule == nullptr) {
    for (const auto& t : declared.targets) candidates.push_back(&t);
  } else if (rule->rule) {
    for (const auto& t : declared.targets) {
      if (t.set != nullptr && t.set->event_rule == rule->rule) candidates.push_back(&t);
    }
  }
  if (candidates.empty() && rule != nullptr) {
    // A pattern file with a transformer file, or targets whose rule was not read.
    for (const auto& t : declared.targets) {
      if (t.set == nullptr || !t.set->event_rule) candidates.push_back(&t);
    }
  }
  const std::string whose = rule != nullptr && rule->rule ? fmt::format("rule {}", util::quote(rule->name)) : std::string(files);
  if (candidates.empty()) return fmt::format("{} has no target", whose);
  if (select) {
    for (const auto* t : candidates) {
      if (t->name == *select) return *t;
    }
    const auto names = names_of(candidates);
    std::string message = fmt::format("{} has no target {}; its targets are {}", whose, util::quote(*select),
                                      util::quote_list(names, "and"));
    if (const auto guess = util::closest_match(*select, names)) message += fmt::format("; did you mean {}?", util::quote(*guess));
    return message;
  }
  if (candidates.size() == 1) return *candidates.front();
  return fmt::format("{} has {} targets, {}: say which", whose, candidates.size(), util::quote_list(names_of(candidates), "and"));
}

std::optional<std::string> unresolved_reason(const model::PatternRef& pattern) {
  if (!pattern.cloudformation || !any_unresolved(pattern, pattern.root)) return std::nullopt;
  return "the pattern takes values from CloudFormation functions (!Ref, !Sub, …), which only a deployment "
         "resolves; pipec runs patterns whose values are written out";
}

std::optional<std::string> unresolved_reason(const DeclaredTarget& target) {
  const auto* t = target.transformer;
  if (target.mode == InputMode::transformer && t != nullptr && t->cloudformation) {
    const auto& doc = *t->document;
    bool unresolved = t->paths_unresolved || !doc.is(doc.get(t->node, "InputTemplate"), NodeKind::string);
    for (const auto& p : t->paths) unresolved = unresolved || !doc.is(p.path.node, NodeKind::string);
    if (unresolved) {
      return fmt::format("the input transformer of {} takes values from CloudFormation functions (!Sub, !Ref, …), "
                         "which only a deployment resolves; pipec renders transformers that are written out",
                         util::quote(target.name));
    }
  }
  if ((target.mode == InputMode::constant || target.mode == InputMode::path) && target.set != nullptr) {
    const auto& doc = *target.set->document;
    const NodeId node = doc.get(target.target->node, target.mode == InputMode::constant ? "Input" : "InputPath");
    if (!doc.is(node, NodeKind::string)) {
      return fmt::format("the {} of {} is given by a CloudFormation function, which only a deployment resolves",
                         target.mode == InputMode::constant ? "Input" : "InputPath", util::quote(target.name));
    }
  }
  return std::nullopt;
}

eventbridge::RenderResult target_input(const DeclaredTarget& target, const model::Workspace& workspace,
                                       const syntax::Document& event, const eventbridge::RenderOptions& options) {
  eventbridge::RenderResult out;
  switch (target.mode) {
    case InputMode::transformer:
      return eventbridge::render(*target.transformer, workspace.sources, event, options);
    case InputMode::constant:
      out.text = target.input;
      return out;
    case InputMode::path: {
      const auto parsed = eventbridge::parse_json_path(target.input);
      if (!parsed.path) {
        out.errors.push_back({target.input_span, fmt::format("InputPath {}: {}", util::quote(target.input),
                                                             parsed.error ? parsed.error->message : "not a JSON path")});
        return out;
      }
      const auto values = eventbridge::select(*parsed.path, event);
      if (values.empty()) {
        out.warnings.push_back({target.input_span, fmt::format("InputPath {} selects nothing in this event; the target "
                                                               "receives nothing", util::quote(target.input))});
      } else if (values.size() == 1 && parsed.path->definite()) {
        eventbridge::write_json(event, values.front(), out.text);
      } else {
        out.text += '[';
        for (std::size_t i = 0; i < values.size(); ++i) {
          if (i > 0) out.text += ',';
          eventbridge::write_json(event, values[i], out.text);
        }
        out.text += ']';
      }
      return out;
    }
    case InputMode::event:
      if (!event.empty()) eventbridge::write_json(event, event.root(), out.text);
      return out;
  }
  return out;
}

}  // namespace pipec::offline
