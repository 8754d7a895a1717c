#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_image_definitions {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  check_files_against(context, out, model::Kind::image_definitions, "ecs/imagedefinitions.json");
}

}  // namespace
}  // namespace invalid_image_definitions

extern const check::Rule kInvalidImageDefinitions{
    {
        .id = "CP0108",
        .name = "invalid-image-definitions",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an imagedefinitions.json is not the array of {name, imageUri} the ECS standard deploy reads",
        .rationale = R"md(## What it checks
`imagedefinitions.json`, and files of that shape, against `schemas/ecs/imagedefinitions.json`: a JSON array with
at least one object, each with exactly `name` (the container name in the task definition) and `imageUri`.

## Why it matters
The ECS standard deploy action fails with "The image definition file ... contents invalid JSON format" or does
nothing useful when the file is an object, uses `ImageURI` (the key of `imageDetail.json`) or `containerName`.

## How to fix
Write `[{"name": "<container>", "imageUri": "<repository URI>:<tag>"}]`.

## References
- CodePipeline User Guide: Image definitions file reference
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html#pipelines-create-image-definitions",
    },
    invalid_image_definitions::check};

}  // namespace pipec::rules
