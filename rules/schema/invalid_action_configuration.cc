#include <fmt/core.h>

#include "check/rule.h"
#include "rules/support.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_action_configuration {
namespace {

struct ActionSchema {
  std::string_view owner, category, provider;
  std::string_view schema;
  std::string_view required;  ///< what a missing configuration lacks, for the message ("" = none required)
};

// The action types whose configuration pipec knows. Others get the API's
// generic rules (strings of 1 to 1000 characters).
constexpr ActionSchema kSchemas[] = {
    {"AWS", "Source", "ECR", "codepipeline/actions/ecr-source.json", "RepositoryName"},
    {"AWS", "Source", "S3", "codepipeline/actions/s3-source.json", "S3Bucket and S3ObjectKey"},
    {"AWS", "Source", "CodeCommit", "codepipeline/actions/codecommit-source.json", "RepositoryName and BranchName"},
    {"AWS", "Source", "CodeStarSourceConnection", "codepipeline/actions/codestar-connection-source.json",
     "ConnectionArn, FullRepositoryId and BranchName"},
    {"AWS", "Build", "CodeBuild", "codepipeline/actions/codebuild.json", "ProjectName"},
    {"AWS", "Test", "CodeBuild", "codepipeline/actions/codebuild.json", "ProjectName"},
    {"AWS", "Deploy", "ECS", "codepipeline/actions/ecs-deploy.json", "ClusterName and ServiceName"},
    {"AWS", "Deploy", "CodeDeployToECS", "codepipeline/actions/codedeploy-to-ecs.json",
     "ApplicationName, DeploymentGroupName, TaskDefinitionTemplateArtifact and AppSpecTemplateArtifact"},
    {"AWS", "Approval", "Manual", "codepipeline/actions/manual-approval.json", ""},
    {"AWS", "Invoke", "Lambda", "codepipeline/actions/lambda-invoke.json", "FunctionName"},
};

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& pipeline : context.workspace.pipelines) {
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        const ActionSchema* known = nullptr;
        for (const auto& s : kSchemas) {
          if (action.is(s.owner, s.category, s.provider)) known = &s;
        }
        // A configuration given by an intrinsic function is known only at deployment.
        if (action.configuration_unresolved) continue;
        if (action.configuration_node == syntax::kNoNode) {
          if (known != nullptr && !known->required.empty()) {
            out.report(action.anchor(), fmt::format("action {} has no \"configuration\"", util::quote(action.display_name())))
                .with_label("configuration missing")
                .with_help(fmt::format("{} {} actions need {}", known->provider, known->category, known->required));
          }
          continue;
        }
        // In a template, values may be intrinsic functions, and numbers and
        // booleans are converted to strings by CloudFormation.
        const bool cloudformation = pipeline.dialect == model::Dialect::cloudformation;
        jobs.push_back({known ? known->schema : "codepipeline/actions/generic.json", pipeline.document,
                        action.configuration_node, cloudformation, cloudformation});
      }
    }
  }
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_action_configuration

extern const check::Rule kInvalidActionConfiguration{
    {
        .id = "CP0102",
        .name = "invalid-action-configuration",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an action's configuration lacks a key its provider requires, has one it does not take, or a malformed value",
        .rationale = R"md(## What it checks
The `configuration` of each action against the schema of its action type in `schemas/codepipeline/actions/`:
Amazon ECR source, Amazon S3 source, CodeCommit, CodeStarSourceConnection (GitHub, Bitbucket, GitLab),
CodeBuild, Amazon ECS standard deploy, CodeDeploy blue/green to ECS, manual approval and Lambda invoke.
Required keys, unknown keys (with a suggestion for typos such as `Repositoryname`), and values: an ECR
repository name in lower case, a single image tag, `DeploymentTimeout` from 1 to 60 minutes, connection and
topic ARNs. Values holding a `#{...}` variable are checked once resolved, so their format is not judged here.
Every configuration value must be a string (`"false"`, not `false`) of 1 to 1000 characters.

In a CloudFormation template (`Configuration` of an `AWS::CodePipeline::Pipeline` action) the same schemas
apply, except that a value given by an intrinsic function (`!Ref Repository`, `!Sub …`) is not judged, and
numbers and booleans pass, since CloudFormation converts them to strings.

## Why it matters
CodePipeline validates configuration against the action type when the pipeline is created or updated, and
the ECR source in particular rejects keys such as `PollForSourceChanges` that other sources take.

## How to fix
Follow the message; the help line lists the keys the action type takes.

## References
- CodePipeline User Guide: Action structure reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference.html",
    },
    invalid_action_configuration::check,
    check::Cost::heavy};

}  // namespace pipec::rules
