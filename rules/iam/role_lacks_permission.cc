#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/rule.h"
#include "model/iam_access.h"
#include "model/pipeline_permissions.h"
#include "util/text.h"

namespace pipec::rules {

namespace role_lacks_permission {
namespace {

// The statements to add: one per resource, with the actions it needs there.
std::string statements(const std::vector<const model::Permission*>& missing) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_resource;
  for (const auto* m : missing) {
    const std::string& r = m->resource;  // a pattern already, as a statement writes it
    auto it = std::find_if(by_resource.begin(), by_resource.end(), [&](const auto& e) { return e.first == r; });
    if (it == by_resource.end()) it = by_resource.insert(by_resource.end(), {r, {}});
    it->second.push_back(util::quote(m->action));
  }
  std::string out;
  for (const auto& [resource, actions] : by_resource) {
    std::string listed = actions.front();
    if (actions.size() > 1) {
      listed = "[";
      for (std::size_t i = 0; i < actions.size(); ++i) listed += (i ? ", " : "") + actions[i];
      listed += "]";
    }
    if (!out.empty()) out += ", ";
    out += fmt::format("{{\"Effect\": \"Allow\", \"Action\": {}, \"Resource\": {}}}", listed, util::quote(resource));
  }
  return out;
}

class Checker {
 public:
  Checker(const check::Context& context, check::Reporter& out) : ws_(context.workspace), out_(out) {}

  void run() {
    for (const auto& p : ws_.pipelines) pipeline(p);
    for (const auto& set : ws_.target_sets) {
      for (const auto& target : set.targets) events_role(set, target);
    }
  }

 private:
  void pipeline(const model::Pipeline& p) {
    if (p.document == nullptr) return;
    const char* key = p.dialect == model::Dialect::cloudformation ? "RoleArn" : "roleArn";
    const model::Role* role = model::role_named_by(ws_, *p.document, p.document->get(p.declaration, key));
    if (role == nullptr) return;
    model::RoleAccess access(ws_, *role);
    const auto owner = [&] { return fmt::format("pipeline {}", util::quote(p.display_name())); };
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        // An action with a role of its own runs with that role.
        if (a.role_arn || p.document->get(a.node, p.dialect == model::Dialect::cloudformation ? "RoleArn" : "roleArn") != syntax::kNoNode) continue;
        const auto needed = model::action_permissions(a);
        report(access, needed, a.anchor(),
               [&] { return fmt::format("{} action {} of {}", a.provider(), util::quote(a.display_name()), owner()); },
               "the pipeline's role");
      }
    }
    std::vector<const model::ArtifactStore*> stores;
    if (p.artifact_store) stores.push_back(&*p.artifact_store);
    for (const auto& s : p.artifact_stores) stores.push_back(&s);
    for (const auto* s : stores) {
      // The bucket's permissions at the bucket, the key's at the key.
      std::vector<model::Permission> bucket, key;
      for (auto& n : model::store_permissions(*s)) (n.action.starts_with("kms:") ? key : bucket).push_back(std::move(n));
      const auto who = [&] { return "the artifact store of " + owner(); };
      report(access, bucket, s->location ? s->location->span : s->span, who, "the pipeline's role");
      report(access, key, s->kms_key ? s->kms_key->span : s->span, who, "the pipeline's role");
    }
    codebuild_roles(p, stores);
  }

  // A CodeBuild project of the same template (ProjectName: !Ref Project)
  // reads its input artifacts from the store and writes its outputs there,
  // with its own service role: that role needs the bucket and the key too.
  void codebuild_roles(const model::Pipeline& p, const std::vector<const model::ArtifactStore*>& stores) {
    if (p.dialect != model::Dialect::cloudformation) return;
    const auto& doc = *p.document;
    const auto resources = doc.get(doc.root(), "Resources");
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (a.provider() != "CodeBuild") continue;
        const auto ref = doc.get(doc.get(a.configuration_node, "ProjectName"), "Ref");
        if (!doc.is(ref, syntax::NodeKind::string)) continue;
        const auto project = doc.get(resources, doc.node(ref).text);
        if (doc.string(doc.get(project, "Type")) != "AWS::CodeBuild::Project") continue;
        const model::Role* role = model::role_named_by(ws_, doc, doc.get(doc.get(project, "Properties"), "ServiceRole"));
        if (role == nullptr) continue;
        const auto who = [&] {
          return fmt::format("project {} (run by CodeBuild action {} on pipeline {}'s artifacts)",
                             util::quote(doc.node(ref).text), util::quote(a.display_name()), util::quote(p.display_name()));
        };
        model::RoleAccess access(ws_, *role);
        for (const auto* s : stores) {
          std::vector<model::Permission> needed;
          for (auto& n : model::store_permissions(*s)) {
            if (n.action.starts_with("kms:")) needed.push_back(std::move(n));
          }
          report(access, needed, s->kms_key ? s->kms_key->span : s->span, who, "the project's service role");
        }
      }
    }
  }

  void events_role(const model::TargetSet& set, const model::Target& target) {
    const auto targeted = ws_.targeted_pipeline(set, target);
    if (!targeted || set.document == nullptr) return;
    const model::Role* role = model::role_named_by(ws_, *set.document, set.document->get(target.node, "RoleArn"));
    if (role == nullptr) return;
    const auto& p = *targeted->pipeline;
    const std::string_view name = p.name ? std::string_view(p.name->value) : "*";
    const std::vector<model::Permission> needed{{"codepipeline:StartPipelineExecution", model::arn_pattern("codepipeline", "", name),
                                                 "pipeline", std::string(p.display_name())}};
    model::RoleAccess access(ws_, *role);
    report(access, needed, targeted->at,
           [&] { return fmt::format("the target that starts pipeline {}", util::quote(p.display_name())); },
           "the role EventBridge uses");
  }

  // `who` names what needs the permissions, for the message: made only
  // when one is missing (most actions lack none).
  template <typename Who>
  void report(model::RoleAccess& access, const std::vector<model::Permission>& needed, source::Span at, const Who& who,
              const std::string& role_label) {
    std::vector<const model::Permission*> missing;
    for (const auto& n : needed) {
      if (access.allows(n.action, n.resource) == model::Grant::no) missing.push_back(&n);
    }
    if (missing.empty()) return;
    const model::Role& role = access.role();
    // "kms:GenerateDataKey and kms:Decrypt on the store's KMS key, and …"
    std::vector<std::pair<std::string, std::vector<std::string>>> by_what;
    for (const auto* m : missing) {
      std::string what = m->what();
      auto it = std::find_if(by_what.begin(), by_what.end(), [&](const auto& e) { return e.first == what; });
      if (it == by_what.end()) it = by_what.insert(by_what.end(), {std::move(what), {}});
      it->second.emplace_back(m->action);
    }
    std::vector<std::string> names;
    for (const auto& [what, actions] : by_what) names.push_back(fmt::format("{} on {}", util::list(actions), what));
    out_.report(at, fmt::format("role {} does not allow {}, which {} needs", util::quote(role.logical_id.value),
                                util::list(names), who()))
        .with_label("lacks a permission")
        .with_related(role.logical_id.span, role_label)
        .with_help(fmt::format("add to the role's policy: {}", statements(missing)));
  }

  const model::Workspace& ws_;
  check::Reporter& out_;
};

void check(const check::Context& context, check::Reporter& out) { Checker(context, out).run(); }

}  // namespace
}  // namespace role_lacks_permission

extern const check::Rule kRoleLacksPermission{
    {
        .id = "CP6004",
        .name = "role-lacks-permission",
        .category = "iam",
        .default_severity = diag::Severity::warning,
        .summary = "a pipeline's role, or the role EventBridge starts it with, lacks a permission the work needs",
        .rationale = R"md(## What it checks
For a role declared in a template pipec read (the same template, or another file of the folder whose literal
role ARN names the role by its `RoleName`), whether its identity policies allow what it is used for:
- the pipeline's service role: `ecr:DescribeImages` on each ECR source repository; `codebuild:StartBuild` and
  `codebuild:BatchGetBuilds` on each CodeBuild project; `ecs:UpdateService`, `ecs:DescribeServices`,
  `ecs:RegisterTaskDefinition` and `iam:PassRole` for an ECS deploy; `codedeploy:CreateDeployment` for a
  CodeDeployToECS deploy; `lambda:InvokeFunction`; `sns:Publish` on an approval's topic; `s3:GetObject` and
  `s3:PutObject` on the artifact bucket, and `kms:GenerateDataKey` and `kms:Decrypt` when the store has a key.
  An action with a role of its own is left out.
- the service role of a CodeBuild project of the same template that a CodeBuild action runs: `kms:Decrypt` and
  `kms:GenerateDataKey` when the artifact store has a key (the project reads and writes the artifacts);
- the role of an EventBridge target that starts a pipeline: `codepipeline:StartPipelineExecution` on it.

It is a warning, and lenient: a statement pipec cannot read in full, a resource given by a function whose value
only a deployment knows, and a `Condition` all count as allowing; a role with an AWS managed policy or a policy
from outside the template is not judged. So a finding means no statement pipec read could allow it.

## Why it matters
The pipeline is created, and fails when it runs: the source stage with "insufficient permissions", the deploy
with `AccessDenied`; an events role without `StartPipelineExecution` shows only as the rule's
`FailedInvocations` metric, with the pipeline never started.

## How to fix
Add the statement the help gives to the role's policy (scoped to the resources named).

## References
- CodePipeline User Guide: Manage the CodePipeline service role; each action's reference page
  ("Service role permissions")
- CodePipeline User Guide: Start a pipeline with an EventBridge rule (the events role's policy)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html",
    },
    role_lacks_permission::check,
    check::Cost::heavy};

}  // namespace pipec::rules
