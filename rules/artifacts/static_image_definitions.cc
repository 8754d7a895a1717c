#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "aws/image_uri.h"
#include "check/rule.h"
#include "model/sent_overrides.h"
#include "util/text.h"

namespace pipec::rules {

namespace static_image_definitions {
namespace {

std::string folder_of(const model::Workspace& ws, source::FileId file) {
  const auto root = ws.sources.to_root(source::Span{file, 0, 0}).file;
  return std::filesystem::path(ws.sources.file(root).path()).parent_path().generic_string();
}

// The ECS standard deploy of `p` that takes imagedefinitions.json as written
// down rather than from the image that started the run: from a source action
// other than ECR (an S3 object, a repository: a file a person committed), or,
// for a file a buildspec writes with a literal URI, from a CodeBuild action.
const model::Action* static_deploy(const model::Pipeline& p, model::Kind written_in, const model::Action** producer_out) {
  for (const auto& stage : p.stages) {
    for (const auto& a : stage.actions) {
      if (!a.is("AWS", "Deploy", "ECS")) continue;
      for (const auto& input : a.inputs) {
        const auto* producer = p.producer(input.value);
        if (producer == nullptr) continue;
        const bool committed = written_in == model::Kind::image_definitions && producer->category() == "Source" && producer->provider() != "ECR";
        const bool built = written_in == model::Kind::buildspec && producer->provider() == "CodeBuild";
        if (committed || built) {
          *producer_out = producer;
          return &a;
        }
      }
    }
  }
  return nullptr;
}

// Whether a rule starts `p` with the pushed image's digest as the ECR
// source's revision: the run is about that image, whatever its tag.
bool started_per_digest(const std::vector<model::SentOverrides>& all, const model::Pipeline& p) {
  for (const auto& sent : all) {
    if (sent.targeted.pipeline != &p) continue;
    for (const auto& o : sent.overrides) {
      if (o.sends_digest()) return true;
    }
  }
  return false;
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  const auto& all = ws.image_uris;
  const auto sent = model::sent_overrides(ws);
  for (const auto& ref : all) {
    if (ref.kind != model::Kind::image_definitions && ref.kind != model::Kind::buildspec) continue;
    const std::string_view file = ref.kind == model::Kind::buildspec ? "the imagedefinitions.json the buildspec writes" : "imagedefinitions.json";
    const auto parts = aws::split_ecr_image_uri(ref.uri.value);
    if (!parts) continue;
    // A service of several containers deploys images of several
    // repositories; one of them should be the source's.
    const auto of_repository = [&](std::string_view repository) {
      return std::any_of(all.begin(), all.end(), [&](const model::ImageUriRef& other) {
        const auto o = aws::split_ecr_image_uri(other.uri.value);
        return other.document == ref.document && o && o->repository == repository;
      });
    };
    const std::string here = folder_of(ws, ref.document->file());
    for (const auto& p : ws.pipelines) {
      if (p.document == nullptr || folder_of(ws, p.document->file()) != here || !p.fully_resolved()) continue;
      const model::Action* source = nullptr;
      const model::Action* deploy = static_deploy(p, ref.kind, &source);
      if (deploy == nullptr) continue;
      const auto sources = model::ecr_sources(p);
      if (sources.empty()) continue;  // nothing says which image it should be
      const auto same = std::find_if(sources.begin(), sources.end(),
                                     [&](const model::EcrSource& s) { return s.repository->value.value == parts->repository; });
      const std::string pipeline(p.display_name());
      if (same == sources.end()) {
        const bool first = &ref == &*std::find_if(all.begin(), all.end(), [&](const model::ImageUriRef& r) { return r.document == ref.document; });
        const bool any_source = std::any_of(sources.begin(), sources.end(),
                                            [&](const model::EcrSource& s) { return of_repository(s.repository->value.value); });
        if (!first || any_source) continue;  // reported once per file, and only when no image is the source's
        out.report(ref.part(ws.sources, parts->repository_at, parts->repository.size()),
                   fmt::format("{} deploys repository {}, and pipeline {}, which deploys it, starts on pushes to {}", file,
                               util::quote(parts->repository), util::quote(pipeline), util::quote(sources.front().repository->value.value)))
            .with_label("not the pipeline's source repository")
            .with_related(sources.front().repository->value.span, "the pipeline's ECR source")
            .with_related(deploy->anchor(), fmt::format("deploys the file from action {}", util::quote(source->display_name())))
            .with_help("name the repository the ECR source reads, or write imagedefinitions.json in a build step from the pushed image");
        continue;
      }
      if (!parts->digest.empty()) continue;
      const std::string pinned = parts->tag.empty() ? "latest" : std::string(parts->tag);
      const std::string watched(same->tag_value());
      const bool per_digest = started_per_digest(sent, p);
      if (pinned == watched && !per_digest) continue;  // each push of that tag, deployed by that tag
      const auto at = ref.part(ws.sources, parts->tag.empty() ? parts->repository_at : parts->tag_at,
                                     parts->tag.empty() ? parts->repository.size() : parts->tag.size());
      auto& f = out.report(at, per_digest
                                   ? fmt::format("{} pins tag {}, and pipeline {} is started with the digest of each "
                                                 "pushed image: it deploys whatever {} is, not the image that started it",
                                                 file, util::quote(pinned), util::quote(pipeline), util::quote(pinned))
                                   : fmt::format("{} pins tag {}, and pipeline {} starts on pushes of {}: it deploys "
                                                 "another tag than the one that started it",
                                                 file, util::quote(pinned), util::quote(pipeline), util::quote(watched)))
                    .with_label("a tag, not the pushed image")
                    .with_related(same->tag ? same->tag->value.span : same->repository->value.span, "the pipeline's ECR source")
                    .with_related(deploy->anchor(), fmt::format("deploys the file from action {}", util::quote(source->display_name())));
      f.with_help("write imagedefinitions.json in a CodeBuild step from the ECR source's imageDetail.json "
                  "(its ImageURI is the pushed image), and deploy that step's output");
    }
  }
}

}  // namespace
}  // namespace static_image_definitions

extern const check::Rule kStaticImageDefinitions{
    {
        .id = "CP2008",
        .name = "static-image-definitions",
        .category = "artifacts",
        .default_severity = diag::Severity::warning,
        .summary = "a committed imagedefinitions.json does not follow the ECR image that starts its pipeline",
        .rationale = R"md(## What it checks
Across files: an `imagedefinitions.json` beside a pipeline (in the same folder) whose ECS standard deploy takes
the file from a source action other than ECR (an S3 object, a repository), while an ECR source starts the
pipeline on each push:
- the file's image is of another repository than the ECR source reads;
- the file pins another tag than the one the ECR source watches (`ImageTag`, `latest` by default): each push
  of the watched tag starts a run that deploys the other;
- the file pins a tag, and a rule starts the pipeline with each pushed image's digest as a source revision
  override: the override changes the ECR source's revision, not the committed file, which deploys whatever the
  tag points to.

A buildspec that writes `imagedefinitions.json` with an image URI written out (`printf
'[{"name":"web","imageUri":"…/web:latest"}]' > imagedefinitions.json`), in a pipeline whose ECS deploy takes a
CodeBuild action's output, is judged the same way. A file that pins the very tag the source watches, in a
pipeline started by pushes, is the pattern of AWS's tutorials, and is not reported.

## Why it matters
The pipeline runs and succeeds, and the service runs another image than the one pushed: an older one when a
tag moved between push and deploy, the same one when the tag never moves.

## How to fix
Write `imagedefinitions.json` in a CodeBuild step from the ECR source's `imageDetail.json`, whose `ImageURI`
is the pushed image, and deploy that step's output (seed 002's answer).

## References
- CodePipeline User Guide: Image definitions file reference; Amazon ECR source actions and EventBridge
- CodePipeline User Guide: Tutorial: Create a pipeline with an Amazon ECR source and ECS-to-CodeDeploy deployment
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html",
    },
    static_image_definitions::check};

}  // namespace pipec::rules
