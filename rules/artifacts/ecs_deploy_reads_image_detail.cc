#include <fmt/core.h>

#include "check/rule.h"
#include "model/cloudformation.h"
#include "util/text.h"

namespace pipec::rules {

namespace ecs_deploy_reads_image_detail {
namespace {

bool names_image_detail(std::string_view file) {
  std::string lower(file);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "imagedetail.json" || lower.ends_with("/imagedetail.json");
}

void add_fixes(check::Finding& f) {
  f.with_help("add a CodeBuild action between the ECR source and this deploy that writes imagedefinitions.json from "
              "imageDetail.json, and deploy its output; a buildspec that does it:\n"
              "  phases:\n"
              "    build:\n"
              "      commands:\n"
              "        - printf '[{\"name\":\"<container>\",\"imageUri\":\"%s\"}]' \"$(jq -r .ImageURI imageDetail.json)\" > imagedefinitions.json\n"
              "  artifacts:\n"
              "    files: [imagedefinitions.json]");
  f.with_help("or deploy with CodeDeployToECS (blue/green), which reads imageDetail.json");
  f.with_note("ECS standard deploy reads imagedefinitions.json ([{\"name\", \"imageUri\"}]); the ECR source writes "
              "imageDetail.json ({\"ImageURI\", …}), which only CodeDeployToECS reads");
}

// In a .pipe file, the fix in the DSL's own lines.
void add_dsl_fixes(check::Finding& f, const model::Action& deploy, std::string_view image_artifact) {
  const std::string artifact = image_artifact.empty() ? "ImageDetail" : std::string(image_artifact);
  f.with_help(fmt::format("add a conversion step before the deploy, and deploy what it writes:\n"
                          "  stage Convert {{ imagedefinitions Convert {{ container \"<container name>\" }} {} -> ImageDefinitions }}\n"
                          "  … ecs {} {{ … }} ImageDefinitions",
                          artifact, deploy.display_name()));
  f.with_help(fmt::format("or deploy blue/green, which reads imageDetail.json:\n"
                          "  blue-green {} {{ application \"…\"  deployment-group \"…\"  taskdef Spec  appspec Spec  image {} \"IMAGE1_NAME\" }}",
                          deploy.display_name(), artifact));
  f.with_note("ECS standard deploy reads imagedefinitions.json; the ECR source writes imageDetail.json, which only "
              "blue-green (CodeDeployToECS) reads");
}

// Whether the CodeBuild action `build` of a template's pipeline writes
// imagedefinitions.json into its output: its ProjectName refers (!Ref) to a
// project of the same template whose inline buildspec lists that file in
// artifacts.files. Then a deploy's FileName naming imageDetail.json has one
// right fix.
bool builds_image_definitions(const model::Workspace& ws, const model::Pipeline& pipeline, const model::Action& build) {
  if (pipeline.document == nullptr || build.provider() != "CodeBuild" || build.configuration_unresolved) return false;
  const syntax::Document& doc = *pipeline.document;
  const syntax::NodeId name = doc.get(build.configuration_node, "ProjectName");
  const auto ref = doc.members(name);
  if (ref.size() != 1 || ref.front().key != "Ref" || !doc.is(ref.front().value, syntax::NodeKind::string)) return false;
  const std::string_view project = doc.string(ref.front().value);
  for (const auto& resource : model::template_resources(doc, "AWS::CodeBuild::Project")) {
    if (resource.member->key != project) continue;
    const source::Span whole = doc.node(resource.member->value).span;
    for (const auto& spec : ws.buildspecs) {
      const source::Span at = ws.sources.to_root({spec.document->file(), 0, 0});
      if (at.file != whole.file || at.begin < whole.begin || at.begin >= whole.end) continue;
      const syntax::Document& b = *spec.document;
      const syntax::NodeId artifacts = b.get(spec.root, "artifacts");
      if (b.get(artifacts, "base-directory") != syntax::kNoNode) return false;
      for (const syntax::NodeId f : b.items(b.get(artifacts, "files"))) {
        if (b.string(f) == "imagedefinitions.json") return true;
      }
    }
  }
  return false;
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pipeline : context.workspace.pipelines) {
    for (const auto& stage : pipeline.stages) {
      for (const auto& action : stage.actions) {
        if (!action.is("AWS", "Deploy", "ECS")) continue;
        const auto* file = action.config("FileName");
        // The input comes straight from an ECR source: the artifact holds
        // imageDetail.json and nothing else.
        const model::Action* ecr = nullptr;
        const model::Text* input = nullptr;
        for (const auto& in : action.inputs) {
          const auto* producer = pipeline.producer(in.value);
          if (producer != nullptr && producer->is("AWS", "Source", "ECR")) {
            ecr = producer;
            input = &in;
          }
        }
        if (file != nullptr && names_image_detail(file->value.value)) {
          auto& f = out.report(file->value.span,
                               fmt::format("ECS standard deploy {} reads {}, but it expects \"imagedefinitions.json\"",
                                           util::quote(action.display_name()), util::quote(file->value.value)))
                        .with_label("imageDetail.json is the file of CodeDeployToECS");
          const model::Action* builder = nullptr;
          for (const auto& in : action.inputs) {
            const auto* producer = pipeline.producer(in.value);
            if (producer != nullptr && builds_image_definitions(context.workspace, pipeline, *producer)) builder = producer;
          }
          if (ecr != nullptr) {
            f.with_related(ecr->anchor(), "this ECR source writes imageDetail.json");
          } else if (builder != nullptr) {
            // The one certain fix: the input holds imagedefinitions.json.
            f.with_related(builder->anchor(), "this build writes imagedefinitions.json (its buildspec's artifacts.files)")
                .with_help("name the file the build writes: \"imagedefinitions.json\"")
                .with_fix(file->value.span, "imagedefinitions.json", true);
            continue;
          } else {
            f.with_help("if the input artifact holds imagedefinitions.json, remove \"FileName\" (imagedefinitions.json "
                        "is the default) or name that file");
          }
          if (pipeline.dialect == model::Dialect::dsl) {
            add_dsl_fixes(f, action, input != nullptr ? std::string_view(input->value) : "");
          } else {
            add_fixes(f);
          }
          continue;
        }
        if (ecr == nullptr) continue;
        auto& f = out.report(input->span,
                             fmt::format("ECS standard deploy {} takes {} straight from the ECR source {}, which writes "
                                         "only \"imageDetail.json\"; the deploy reads \"imagedefinitions.json\"",
                                         util::quote(action.display_name()), util::quote(input->value),
                                         util::quote(ecr->display_name())))
                      .with_label("holds imageDetail.json, not imagedefinitions.json")
                      .with_related(ecr->anchor(), "ECR source");
        if (pipeline.dialect == model::Dialect::dsl) {
          add_dsl_fixes(f, action, input->value);
        } else {
          add_fixes(f);
        }
      }
    }
  }
}

}  // namespace
}  // namespace ecs_deploy_reads_image_detail

extern const check::Rule kEcsDeployReadsImageDetail{
    {
        .id = "CP2001",
        .name = "ecs-deploy-reads-image-detail",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "an ECS standard deploy is fed imageDetail.json instead of imagedefinitions.json",
        .rationale = R"md(## What it checks
Amazon ECS standard deploy actions (`Deploy` / `AWS` / `ECS`) that read `imageDetail.json`: either their
`FileName` says so, or their input artifact comes straight from an Amazon ECR source action, which writes
`imageDetail.json` and nothing else. CodeDeployToECS actions, which do read `imageDetail.json`, are not flagged.

## Why it matters
The two files look alike and are not interchangeable. The ECS standard deploy needs `imagedefinitions.json`, an
array of `{"name", "imageUri"}` that names the container to update; `imageDetail.json` is an object with
`ImageURI` and no container name. The pipeline is accepted, runs its source stage, and fails at deploy time.

## How to fix
Either add a CodeBuild action between the source and the deploy that converts `imageDetail.json` into
`imagedefinitions.json` (the help line shows a buildspec), or deploy blue/green with CodeDeployToECS, which
reads `imageDetail.json`. A static `imagedefinitions.json` from an S3 source also works, but always deploys
the same tag.

When the input already comes from a build that writes `imagedefinitions.json` (a CodeBuild project of the
same template whose buildspec lists it in `artifacts.files`), only the `FileName` is wrong, and
`pipec lint --fix` names the right file.

## References
- CodePipeline User Guide: Image definitions file reference
- CodePipeline User Guide: Amazon ECR source action reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html",
    },
    ecs_deploy_reads_image_detail::check};

}  // namespace pipec::rules
