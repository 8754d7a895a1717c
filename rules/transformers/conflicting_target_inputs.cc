#include <fmt/core.h>

#include "check/rule.h"

namespace pipec::rules {

namespace conflicting_target_inputs {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& set : context.workspace.target_sets) {
    for (const auto& target : set.targets) {
      const auto& given = target.input_keys;
      if (given.size() < 2) continue;
      const std::string id = target.id ? target.id->value : "without an Id";
      auto& f = out.report(given[1], fmt::format("Only one of Input, InputPath, or InputTransformer must be provided "
                                                 "for target {}.",
                                                 id))
                    .with_label("a second way to give the target its input")
                    .with_related(given[0], "the first");
      f.with_help("keep one: InputTransformer can select with its paths what InputPath would");
    }
  }
}

}  // namespace
}  // namespace conflicting_target_inputs

extern const check::Rule kConflictingTargetInputs{
    {
        .id = "CP4007",
        .name = "conflicting-target-inputs",
        .category = "transformers",
        .default_severity = diag::Severity::error,
        .summary = "a target gives more than one of Input, InputPath and InputTransformer",
        .rationale = R"md(## What it checks
Each target of a PutTargets input, of an `AWS::Events::Rule` resource or of a `.pipe` rule gives at most one
of `Input` (a constant), `InputPath` (a part of the event) and `InputTransformer`.

## Why it matters
PutTargets refuses the target: "Only one of Input, InputPath, or InputTransformer must be provided for target
…" (a ValidationException, recorded against AWS in localstack's
`test_put_event_input_path_and_input_transformer`). The message is the service's; the rule is not attached,
and the pipeline it should start never starts.

## How to fix
Keep one. An input transformer's `InputPathsMap` selects what `InputPath` would, and its template can add
constants.

## References
- Amazon EventBridge API Reference: Target (Input, InputPath, InputTransformer)
)md",
        .help_uri = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html",
    },
    conflicting_target_inputs::check};

}  // namespace pipec::rules
