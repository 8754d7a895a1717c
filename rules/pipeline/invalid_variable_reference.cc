#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/rule.h"
#include "model/action_variables.h"
#include "model/variable_references.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_variable_reference {
namespace {

using model::kExecutionNamespace;
using model::kPipelineVariablesNamespace;

/// Whether `producer`'s variables exist when `consumer` starts: CodePipeline
/// resolves a reference just before the action runs, so the producer must run
/// in an earlier stage, or earlier in the same stage.
bool runs_before(const model::Action& producer, const model::Action& consumer) {
  if (producer.stage_index != consumer.stage_index) return producer.stage_index < consumer.stage_index;
  return producer.order() < consumer.order();
}

/// How the pipeline's own syntax writes an action's namespace.
std::string namespace_setting(model::Dialect dialect, std::string_view ns) {
  switch (dialect) {
    case model::Dialect::cloudformation: return fmt::format("Namespace: {}", ns);
    case model::Dialect::dsl: return fmt::format("namespace {}", util::quote(ns));
    case model::Dialect::api: break;
  }
  return fmt::format("\"namespace\": {}", util::quote(ns));
}

std::string when(const model::Pipeline& p, const model::Action& producer, const model::Action& consumer) {
  if (producer.stage_index > consumer.stage_index) {
    return fmt::format("it runs in a later stage ({})", util::quote(p.stages[producer.stage_index].display_name()));
  }
  if (producer.order() == consumer.order()) {
    return fmt::format("both run at the same time (runOrder {})", producer.order());
  }
  return fmt::format("it runs after (runOrder {} > {})", producer.order(), consumer.order());
}

class Checker {
 public:
  Checker(const check::Context& context, check::Reporter& out, const model::Pipeline& p)
      : context_(context), out_(out), p_(p) {
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (a.namespace_unresolved) namespaces_complete_ = false;
        if (a.namespace_) namespaces_.push_back(&a);
      }
    }
    // An action hidden behind an intrinsic function may declare any namespace.
    if (!p.fully_resolved()) namespaces_complete_ = false;
  }

  void run() {
    for (const auto& stage : p_.stages) {
      for (const auto& a : stage.actions) {
        for (const auto& entry : a.configuration) {
          for (const auto& r : model::find_variable_references(context_.workspace.sources, *p_.document, entry.value.node)) {
            check(a, r);
          }
        }
      }
    }
  }

 private:
  void check(const model::Action& a, const model::VariableReference& r) {
    if (!r.has_dot || r.namespace_.empty() || r.name.empty()) {
      out_.report(r.span, fmt::format("malformed variable reference {}, expected #{{namespace.variable}}", util::quote("#{" + r.text + "}")))
          .with_label("no namespace and variable here")
          .with_help("write the namespace of the action that emits the variable, a period, and the variable's name");
      return;
    }
    if (const model::Action* producer = declaring(r.namespace_)) {
      action_variable(a, r, *producer);
    } else if (r.namespace_ == kExecutionNamespace) {
      execution_variable(r);
    } else if (r.namespace_ == kPipelineVariablesNamespace) {
      pipeline_variable(a, r);
    } else if (namespaces_complete_) {
      undeclared(r);
    }
  }

  const model::Action* declaring(std::string_view ns) const {
    const auto it = std::find_if(namespaces_.begin(), namespaces_.end(), [&](const model::Action* a) { return a->namespace_->value == ns; });
    return it == namespaces_.end() ? nullptr : *it;
  }

  void action_variable(const model::Action& a, const model::VariableReference& r, const model::Action& producer) {
    if (&producer == &a) {
      out_.report(r.span, fmt::format("action {} refers to its own namespace {}", util::quote(a.display_name()), util::quote(r.namespace_)))
          .with_label("not set until this action has run")
          .with_help("an action can use only the variables of actions that run before it");
      return;
    }
    if (!producer.order_unresolved && !a.order_unresolved && !runs_before(producer, a)) {
      out_.report(r.span, fmt::format("{} refers to action {}, which does not run before action {}: {}",
                                      util::quote("#{" + r.text + "}"), util::quote(producer.display_name()),
                                      util::quote(a.display_name()), when(p_, producer, a)))
          .with_label("not set when this action starts")
          .with_related(producer.namespace_->span, "namespace declared here")
          .with_help("move the action to a later stage, or give it a higher runOrder than the action it reads from");
      return;
    }
    const auto emitted = model::action_variables(producer.owner(), producer.category(), producer.provider());
    if (emitted.set == model::VariableSet::none) {
      out_.report(r.span, fmt::format("action {} ({}) emits no output variables, so {} never resolves",
                                      util::quote(producer.display_name()), producer.provider(), util::quote("#{" + r.text + "}")))
          .with_label("nothing to read")
          .with_related(producer.namespace_->span, "namespace declared here")
          .with_note("the pipeline fails at this action: \"one or more variables could not be resolved\"");
      return;
    }
    if (emitted.set != model::VariableSet::fixed) return;
    if (std::find(emitted.names.begin(), emitted.names.end(), r.name) != emitted.names.end()) return;
    std::vector<std::string> names(emitted.names.begin(), emitted.names.end());
    auto& f = out_.report(r.span, fmt::format("action {} ({}) has no output variable {}", util::quote(producer.display_name()),
                                              producer.provider(), util::quote(r.name)))
                  .with_label("unknown variable")
                  .with_related(producer.namespace_->span, "namespace declared here");
    if (const auto guess = util::closest_match(r.name, emitted.names)) {
      f.with_help(fmt::format("did you mean {}? variable names are case-sensitive", util::quote(*guess)));
    } else {
      f.with_note(fmt::format("its variables: {}", util::quote_list(names, "and")));
    }
    // The lists are from the user guide, not a model: a variable AWS added
    // since is possible, so this is less sure than the rest.
    f.severity = diag::Severity::warning;
  }

  void execution_variable(const model::VariableReference& r) {
    const auto names = model::execution_variables();
    if (std::find(names.begin(), names.end(), r.name) != names.end()) return;
    auto& f = out_.report(r.span, fmt::format("the codepipeline namespace has no variable {}", util::quote(r.name)))
                  .with_label("unknown variable");
    if (const auto guess = util::closest_match(r.name, names)) {
      f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    } else {
      f.with_note("the codepipeline namespace holds PipelineExecutionId");
    }
    f.severity = diag::Severity::warning;
  }

  void pipeline_variable(const model::Action& a, const model::VariableReference& r) {
    if (a.category() == "Source") {
      out_.report(r.span, fmt::format("source action {} uses pipeline-level variable {}", util::quote(a.display_name()), util::quote(r.name)))
          .with_label("not available to source actions")
          .with_note("CodePipeline resolves pipeline-level variables in every action but the source actions");
      return;
    }
    if (p_.variables_unresolved) return;
    std::vector<std::string> declared;
    for (const auto& v : p_.variables) declared.push_back(v.value);
    if (std::find(declared.begin(), declared.end(), r.name) != declared.end()) return;
    auto& f = out_.report(r.span, fmt::format("pipeline-level variable {} is not declared", util::quote(r.name)))
                  .with_label("no such variable");
    if (const auto guess = util::closest_match(r.name, declared)) {
      f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    } else if (declared.empty()) {
      f.with_help("declare it in the pipeline's variables (a V2 pipeline)");
    } else {
      f.with_note(fmt::format("the pipeline declares {}", util::quote_list(declared, "and")));
    }
  }

  void undeclared(const model::VariableReference& r) {
    std::vector<std::string> candidates{std::string(kExecutionNamespace), std::string(kPipelineVariablesNamespace)};
    for (const auto* a : namespaces_) candidates.push_back(a->namespace_->value);
    auto& f = out_.report(r.span, fmt::format("no action declares namespace {}", util::quote(r.namespace_)))
                  .with_label("unknown namespace");
    if (const auto guess = util::closest_match(r.namespace_, candidates)) {
      f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
      return;
    }
    // A common slip: naming the action instead of its namespace.
    for (const auto& stage : p_.stages) {
      for (const auto& a : stage.actions) {
        if (!a.name || a.name->value != r.namespace_) continue;
        f.with_related(a.name->span, "an action of this name");
        f.with_help(a.namespace_ ? fmt::format("this action's namespace is {}", util::quote(a.namespace_->value))
                                 : fmt::format("give the action a namespace: {}", namespace_setting(p_.dialect, r.namespace_)));
        return;
      }
    }
    f.with_help("an action's variables are read through the namespace it declares");
  }

  const check::Context& context_;
  check::Reporter& out_;
  const model::Pipeline& p_;
  std::vector<const model::Action*> namespaces_;
  bool namespaces_complete_ = true;
};

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    if (p.document == nullptr) continue;
    Checker(context, out, p).run();
  }
}

}  // namespace
}  // namespace invalid_variable_reference

extern const check::Rule kInvalidVariableReference{
    {
        .id = "CP1009",
        .name = "invalid-variable-reference",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a #{namespace.variable} reference in an action's configuration cannot resolve",
        .rationale = R"md(## What it checks
Every `#{namespace.variable}` written in an action's configuration (including inside a JSON string such as
CodeBuild's `EnvironmentVariables`):
- the namespace is `codepipeline`, `variables` (pipeline-level variables), or the `namespace` of an action;
- that action runs before the one that reads it: in an earlier stage, or in the same stage with a lower `runOrder`;
- the variable is one the action emits: the ECR source emits `RegistryId`, `RepositoryName`, `ImageTag`,
  `ImageDigest` and `ImageURI`; the ECS and CodeDeploy deploy actions and manual approvals emit none; CodeBuild,
  CloudFormation, Lambda and Commands emit what the user defines, which pipec does not check;
- `#{variables.NAME}` names a variable the pipeline declares, and is not used in a source action;
- `#{codepipeline.NAME}` is `PipelineExecutionId`.

An unknown variable of an action with a fixed list, and an unknown `codepipeline` variable, are warnings: those
lists come from the user guide, not from a machine-readable model.

## Why it matters
A namespace no action declares is refused when the pipeline is created (`InvalidActionDeclarationException`:
"referencing a namespace that does not exist"). The rest is found only when the pipeline runs: the action fails
with "one or more variables could not be resolved", after the stages before it have run.

## How to fix
Use the namespace the producing action declares (the help suggests the nearest one), reorder the actions, or
correct the variable's name (names are case-sensitive: `ImageURI`, not `ImageUri`).

## References
- CodePipeline User Guide: Variables reference (Rules for variables; Configuring variables at the pipeline level)
- CodePipeline API Reference: ActionDeclaration (namespace), PipelineVariableDeclaration
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html",
    },
    invalid_variable_reference::check};

}  // namespace pipec::rules
