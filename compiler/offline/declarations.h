#pragma once
// What the EventBridge commands (test-pattern, transform, test) run: one
// rule's pattern and one of its targets' inputs, chosen among what a few
// files declare (a pattern file, PutRule and PutTargets input, a template,
// a .pipe file, a transformer file), and what that target receives for an
// event.

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "eventbridge/transform.h"
#include "model/workspace.h"

namespace pipec::offline {

/// A rule, or a pattern file of its own.
struct DeclaredRule {
  const model::PatternRef* pattern = nullptr;   ///< nullptr: the rule has no (literal) pattern
  std::optional<std::size_t> rule;             ///< into Workspace::event_rules; none for a pattern file
  std::string name;                            ///< Name, else logical ID, else the file's name
  std::vector<std::string> aliases;            ///< other names it answers to (logical ID, file path)
  source::Span span;                           ///< where it is declared
};

/// What a target is given instead of the event (PutTargets' Input,
/// InputPath, InputTransformer), or the event itself.
enum class InputMode { event, constant, path, transformer };

struct DeclaredTarget {
  const model::TargetSet* set = nullptr;        ///< nullptr: a transformer file of its own
  const model::Target* target = nullptr;
  const model::InputTransformer* transformer = nullptr;
  InputMode mode = InputMode::transformer;
  std::string input;                           ///< Input (constant) or InputPath text
  source::Span input_span;
  std::string name;                            ///< the target's Id, else the file's name
  source::Span span;
  bool pipeline = false;                       ///< the target is a CodePipeline pipeline
  /// The keys of Input, InputPath and InputTransformer the target gives, in
  /// order; PutTargets takes one at most.
  std::vector<source::Span> input_keys;
};

struct Declarations {
  std::vector<DeclaredRule> rules;
  std::vector<DeclaredTarget> targets;
};

/// What the files `roots` (root file ids; empty: every file) declare.
[[nodiscard]] Declarations declared_in(const model::Workspace& workspace, std::span<const source::FileId> roots = {});

/// The rule named `select` (Name, logical ID or file), or the only one.
/// Otherwise a message saying what there is to choose from.
[[nodiscard]] std::variant<DeclaredRule, std::string> choose_rule(const Declarations& declared,
                                                                const std::optional<std::string>& select,
                                                                std::string_view files);

/// The target with Id `select`, or the only one: of `rule` when it has
/// targets, else among targets that belong to no rule (a transformer file);
/// among all targets when `rule` is nullptr.
[[nodiscard]] std::variant<DeclaredTarget, std::string> choose_target(const Declarations& declared, const DeclaredRule* rule,
                                                                    const std::optional<std::string>& select,
                                                                    std::string_view files);

/// Why pipec cannot run this pattern or transformer offline: values given by
/// CloudFormation functions, which only a deployment knows.
[[nodiscard]] std::optional<std::string> unresolved_reason(const model::PatternRef& pattern);
[[nodiscard]] std::optional<std::string> unresolved_reason(const DeclaredTarget& target);

/// What the target receives for `event`: the transformer rendered, the
/// constant, the value at the path, or the event, as minified JSON. For a
/// transformer the result carries render()'s errors and warnings.
[[nodiscard]] eventbridge::RenderResult target_input(const DeclaredTarget& target, const model::Workspace& workspace,
                                                     const syntax::Document& event,
                                                     const eventbridge::RenderOptions& options);

}  // namespace pipec::offline
