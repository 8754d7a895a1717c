#include <fmt/core.h>

#include "aws/regions.h"
#include "aws/image_uri.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_region {
namespace {

// A Region written somewhere: reported as an error when it does not even
// have a Region's form, as a warning (with the nearest listed Region) when
// it has the form of a partition's names but is not listed: new Regions
// appear after the tables were generated.
void judge(check::Reporter& out, const model::Text& region, std::string_view where) {
  const auto verdict = aws::judge_region(region.value);
  if (verdict == aws::RegionVerdict::known) return;
  static const std::vector<std::string> regions = aws::all_regions();
  const auto guess = util::closest_match(region.value, regions);
  if (verdict == aws::RegionVerdict::malformed) {
    auto& f = out.report(region.span, fmt::format("{} {} is not a Region", where, util::quote(region.value)))
                  .with_label("not a Region")
                  .with_note("a Region is written like us-east-1, eu-west-3 or cn-north-1");
    if (guess) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
    return;
  }
  auto& f = out.report(region.span, fmt::format("{} {} is not a Region AWS lists", where, util::quote(region.value)))
                .with_label("unknown Region")
                .with_severity(diag::Severity::warning)
                .with_note("it has the form of a Region name; a Region that opened after pipec's tables were made is not "
                           "listed, and then this warning can be ignored");
  if (guess) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
}

// arn:partition:service:region:account:resource -> the region field, with its span.
std::optional<model::Text> arn_region(const model::Text& arn) {
  if (!arn.value.starts_with("arn:")) return std::nullopt;
  std::size_t at = 0;
  for (int field = 0; field < 3; ++field) {
    at = arn.value.find(':', at);
    if (at == std::string::npos) return std::nullopt;
    ++at;
  }
  const auto end = arn.value.find(':', at);
  if (end == std::string::npos || end == at) return std::nullopt;  // no Region: a global service
  // The span inside the value, when the value is written as it reads (a
  // plain JSON string or YAML scalar): one byte of text per byte of source.
  source::Span span = arn.span;
  const bool quoted = arn.span.size() == arn.value.size() + 2;
  if (quoted || arn.span.size() == arn.value.size()) {
    const std::uint32_t base = arn.span.begin + (quoted ? 1 : 0);
    span = source::Span{arn.span.file, base + static_cast<std::uint32_t>(at), base + static_cast<std::uint32_t>(end)};
  }
  return model::Text{arn.value.substr(at, end - at), span, arn.node};
}

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& p : ws.pipelines) {
    for (const auto& s : p.artifact_stores) {
      if (s.region) judge(out, *s.region, "the artifact store's Region");
    }
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        if (a.region) judge(out, *a.region, fmt::format("action {}'s Region", util::quote(a.display_name())));
      }
    }
  }
  for (const auto& set : ws.target_sets) {
    for (const auto& t : set.targets) {
      if (!t.arn) continue;
      if (const auto region = arn_region(*t.arn)) judge(out, *region, "the target ARN's Region");
    }
  }
  // The Region of an ECR image URI's registry.
  for (const auto& ref : ws.image_uris) {
    const auto parts = aws::split_ecr_image_uri(ref.uri.value);
    if (!parts || parts->region.empty() || ref.uri.value.find("${") != std::string::npos) continue;
    judge(out, model::Text{std::string(parts->region), ref.part(ws.sources, parts->region_at, parts->region.size())},
          "the image registry's Region");
  }
  // The AWS Toolkit for Azure DevOps' tasks take a Region as regionName; a
  // pipeline expression ($(region)) is known only when it runs.
  for (const auto& task : ws.azure_tasks) {
    const auto& doc = *task.document;
    const auto region = doc.get(task.inputs, "regionName");
    if (!doc.is(region, syntax::NodeKind::string)) continue;
    const auto& text = doc.node(region).text;
    if (text.empty() || text.find('$') != std::string::npos) continue;
    judge(out, model::Text{std::string(text), doc.node(region).span, region}, fmt::format("task {}'s regionName", task.reference.value));
  }
}

}  // namespace
}  // namespace unknown_region

extern const check::Rule kUnknownRegion{
    {
        .id = "CP1005",
        .name = "unknown-region",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "a Region is not one AWS has: an error when it does not even have a Region's form, a warning when it is not listed",
        .rationale = R"md(## What it checks
The Regions a pipeline and its rules name: an action's `region`, the Regions of `artifactStores`, the
Region field of an EventBridge target's ARN and of an ECR image URI's registry, and the `regionName` of an AWS Toolkit for Azure DevOps task
(`ECRPushImage@1`) in an Azure Pipelines file. Each is looked up in the partitions AWS's SDK knows
(`@aws-sdk/core`'s partitions data: `aws`, `aws-cn`, `aws-us-gov` and the rest, with each partition's form of
Region names):

- an error when it has no partition's form (`Europe`, `us-east1`, `EU-WEST-1`);
- a warning when it has the form but is not listed (`us-est-1`), with the nearest listed Region: a Region that
  opened after pipec's tables were generated is not listed yet.

## Why it matters
CodePipeline refuses an action or a store in a Region that does not exist (`InvalidStructureException`), and an
EventBridge target in one never receives an event. A typo in a Region reads like a Region.

## How to fix
Correct the Region; the help names the nearest one.

## References
- AWS General Reference: Regions and endpoints (the partitions data of the AWS SDKs)
)md",
        .help_uri = "https://docs.aws.amazon.com/general/latest/gr/rande.html",
    },
    unknown_region::check};

}  // namespace pipec::rules
