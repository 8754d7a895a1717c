#include <fmt/core.h>

#include "aws/cloudformation_spec.h"
#include "check/rule.h"
#include "model/cloudformation.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_resource_type {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::vector<std::string_view> known;  // every type's name, for the help: made at the first unknown type
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    const auto& doc = *file.document;
    for (const auto& r : model::template_resources(doc)) {
      // Only types of the services AWS's model is read for: an AWS::RDS::…
      // type is outside pipec's domain, not unknown.
      if (aws::cfn::find_resource_type(r.type) || !aws::cfn::covers_service_of(r.type)) continue;
      auto& f = out.report(doc.node(doc.get(r.member->value, "Type")).span,
                           fmt::format("{} is not a CloudFormation resource type", util::quote(r.type)))
                    .with_label("unknown type");
      if (known.empty()) {
        for (const auto& t : aws::cfn::resource_types()) known.emplace_back(t.name());
      }
      if (const auto guess = util::closest_match(r.type, known)) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    }
  }
}

}  // namespace
}  // namespace unknown_resource_type

extern const check::Rule kUnknownResourceType{
    {
        .id = "CP0116",
        .name = "unknown-resource-type",
        .category = "cloudformation",
        .default_severity = diag::Severity::error,
        .summary = "a CloudFormation resource's type is not one the service has",
        .rationale = R"md(## What it checks
The `Type` of each resource of a service whose types pipec reads from AWS's resource model (`AWS::ECS::…`,
`AWS::ECR::…`, `AWS::CodePipeline::…`, `AWS::IAM::…` and the rest of the domain): a type the service does not
have, such as `AWS::ECS::Services` or `AWS::ECR::Repositories`, with the nearest one. Types of other services,
SAM's `AWS::Serverless::…` and custom resources are outside this check.

## Why it matters
CloudFormation refuses the whole template (`Unrecognized resource types`) when the stack is created or updated.

## How to fix
Correct the type; the help names the nearest one.

## References
- AWS CloudFormation User Guide: AWS resource and property types reference
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
    },
    unknown_resource_type::check};

}  // namespace pipec::rules
