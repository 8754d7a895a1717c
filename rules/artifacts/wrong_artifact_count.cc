#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace wrong_artifact_count {
namespace {

struct Range {
  std::size_t min, max;
};

struct Counts {
  std::string_view owner, category, provider;  ///< "" matches any
  std::string_view description;                ///< for messages
  Range inputs, outputs;
};

// Input and output artifact counts per action type: CodePipeline User Guide,
// "Number of input and output artifacts for each action type", with
// CodeDeployToECS from its own action reference.
constexpr Counts kCounts[] = {
    {"AWS", "Source", "S3", "S3 source", {0, 0}, {1, 1}},
    {"AWS", "Source", "CodeCommit", "CodeCommit source", {0, 0}, {1, 1}},
    {"AWS", "Source", "ECR", "ECR source", {0, 0}, {1, 1}},
    {"AWS", "Source", "CodeStarSourceConnection", "connection source", {0, 0}, {1, 1}},
    {"ThirdParty", "Source", "GitHub", "GitHub source", {0, 0}, {1, 1}},
    {"AWS", "Build", "CodeBuild", "CodeBuild", {1, 5}, {0, 5}},
    {"AWS", "Test", "CodeBuild", "CodeBuild", {1, 5}, {0, 5}},
    {"AWS", "Test", "DeviceFarm", "Device Farm", {1, 1}, {0, 0}},
    {"AWS", "Approval", "Manual", "manual approval", {0, 0}, {0, 0}},
    {"AWS", "Deploy", "S3", "S3 deploy", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "CodeDeploy", "CodeDeploy", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "ElasticBeanstalk", "Elastic Beanstalk", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "OpsWorks", "OpsWorks", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "ECS", "ECS deploy", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "ServiceCatalog", "Service Catalog", {1, 1}, {0, 0}},
    {"AWS", "Deploy", "CodeDeployToECS", "CodeDeployToECS", {1, 5}, {0, 0}},
    {"AWS", "Deploy", "CloudFormation", "CloudFormation", {0, 10}, {0, 1}},
    {"AWS", "Invoke", "Lambda", "Lambda", {0, 5}, {0, 5}},
    {"ThirdParty", "Deploy", "AlexaSkillsKit", "Alexa Skills Kit", {1, 2}, {0, 0}},
    {"Custom", "", "", "custom", {0, 5}, {0, 5}},
};

std::string expectation(Range r) {
  if (r.max == 0) return "none";
  if (r.min == r.max) return fmt::format("exactly {}", r.min);
  if (r.min == 0) return fmt::format("at most {}", r.max);
  return fmt::format("{} to {}", r.min, r.max);
}

const Counts* counts_for(const model::Action& action) {
  for (const auto& c : kCounts) {
    if (action.owner() == c.owner && (c.category.empty() || action.category() == c.category) &&
        (c.provider.empty() || action.provider() == c.provider)) {
      return &c;
    }
  }
  return nullptr;
}

void check_one(check::Reporter& out, const model::Pipeline& pipeline, const model::Action& action, const Counts& c,
               bool input) {
  const std::size_t n = input ? action.inputs.size() : action.outputs.size();
  const Range r = input ? c.inputs : c.outputs;
  if (n >= r.min && n <= r.max) return;
  // In a template, artifacts given by an intrinsic function count for an
  // unknown number: only too many known ones are certain.
  if ((input ? action.inputs_unresolved : action.outputs_unresolved) && n <= r.max) return;
  const syntax::NodeId list = input ? action.inputs_node : action.outputs_node;
  const source::Span at = list != syntax::kNoNode ? pipeline.document->name_span(list) : action.anchor();
  const std::string_view what = input ? "input" : "output";
  out.report(at, fmt::format("{} action {} has {} {} artifact{}, expected {}", c.description,
                             util::quote(action.display_name()), n == 0 ? std::string("no") : std::to_string(n), what,
                             n == 1 ? "" : "s", expectation(r)))
      .with_label(n > r.max ? fmt::format("too many {} artifacts", what) : fmt::format("too few {} artifacts", what));
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        const Counts* c = counts_for(action);
        if (c == nullptr) continue;
        check_one(out, pipeline, action, *c, true);
        check_one(out, pipeline, action, *c, false);
      }
    }
  }
}

}  // namespace
}  // namespace wrong_artifact_count

extern const check::Rule kWrongArtifactCount{
    {
        .id = "CP2005",
        .name = "wrong-artifact-count",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "an action has more or fewer input or output artifacts than its action type allows",
        .rationale = R"md(## What it checks
The number of input and output artifacts of each action against its action type: source actions take no input
and produce exactly one output; an ECS deploy takes exactly one input and produces none; CodeBuild takes 1 to
5 inputs and produces up to 5; CodeDeployToECS takes 1 to 5 inputs; a manual approval takes none; Lambda up to
5 of each; and so on for every first-party action type.

## Why it matters
CodePipeline rejects the pipeline, naming the count but not always the action.

## How to fix
Add or remove artifacts to match. An ECS deploy with two inputs usually needs the image definitions in one of
them and nothing else.

## References
- CodePipeline User Guide: CodePipeline pipeline structure reference (number of input and output artifacts for each action type)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html#reference-action-artifacts",
    },
    wrong_artifact_count::check};

}  // namespace pipec::rules
