#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_image_detail {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::image_detail, "ecs/imagedetail.json");
}

}  // namespace
}  // namespace invalid_image_detail

extern const check::Rule kInvalidImageDetail{
    {
        .id = "CP0109",
        .name = "invalid-image-detail",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an imageDetail.json is not the object with ImageURI that CodeDeployToECS reads",
        .rationale = R"md(## What it checks
`imageDetail.json`, and files of that shape, against `schemas/ecs/imagedetail.json`: an object with `ImageURI`,
and the fields the ECR source writes (`ImageDigest` as `sha256:` and 64 lower-case hex digits, a 12-digit
`RegistryId`, `ImageTags` as an array). Keys are PascalCase; `imageUri` and `name` belong to
`imagedefinitions.json`.

## Why it matters
CodeDeployToECS reads `ImageURI` from this file to fill the task definition template; with another key the
deployment fails.

## References
- CodePipeline User Guide: imageDetail.json file for Amazon ECS blue/green deployment actions
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html#file-reference-ecs-bluegreen",
    },
    invalid_image_detail::check};

}  // namespace pipec::rules
