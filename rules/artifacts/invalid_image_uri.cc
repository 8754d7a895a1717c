#include <fmt/core.h>

#include "aws/image_uri.h"
#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_image_uri {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& ref : ws.image_uris) {
    const std::string& uri = ref.uri.value;
    if (uri.find("${") != std::string::npos || uri.find("#{") != std::string::npos) continue;  // filled in later
    const auto parts = aws::split_ecr_image_uri(uri);
    if (!parts) continue;
    for (const auto& problem : aws::check_ecr_image_uri(*parts)) {
      out.report(ref.part(ws.sources, problem.at, problem.size),
                 fmt::format("image URI {}: {}", util::quote(uri), problem.message))
          .with_label("not what ECR takes")
          .with_note("an ECR image is ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG, or …/REPOSITORY@sha256:DIGEST");
    }
  }
}

}  // namespace
}  // namespace invalid_image_uri

extern const check::Rule kInvalidImageUri{
    {
        .id = "CP2007",
        .name = "invalid-image-uri",
        .category = "artifacts",
        .default_severity = diag::Severity::error,
        .summary = "an Amazon ECR image URI has a malformed account, repository name, tag or digest",
        .rationale = R"md(## What it checks
The ECR image URIs in `imagedefinitions.json` (`imageUri`), `imageDetail.json` (`ImageURI`) and the container
definitions of an `AWS::ECS::TaskDefinition` (`Image`): `ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY`
(also `dkr.ecr-fips`, the dual-stack `dkr-ecr.REGION.on.aws` and China's `.amazonaws.com.cn`) followed by
`:TAG` or `@sha256:DIGEST`:
- the account is 12 digits;
- the repository is an ECR repository name (lowercase, with `.`, `_`, `-` or `/` between letters and digits);
- the tag is at most 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`;
- the digest is `sha256:` and 64 hexadecimal digits.
The Region is judged by CP1005. Images of other registries are not checked.

## Why it matters
The deploy fails when ECS pulls the image (`CannotPullContainerError`), after the pipeline reached it; an
11-digit account is the usual cause, as in AWS's own examples with a digit lost.

## How to fix
Correct the part the message names.

## References
- Amazon ECS API Reference: ContainerDefinition (image)
- Amazon ECR API Reference: RepositoryName; AuthorizationData (proxyEndpoint)
- CodePipeline User Guide: Image definitions file reference
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    },
    invalid_image_uri::check};

}  // namespace pipec::rules
