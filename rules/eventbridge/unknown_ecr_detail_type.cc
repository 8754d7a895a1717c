#include <fmt/core.h>

#include "model/ecr_events.h"
#include "model/event_pattern.h"
#include "check/rule.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace unknown_ecr_detail_type {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::vector<std::string_view> names;
  for (const auto& t : model::ecr_event_types()) names.push_back(t.detail_type);
  for (const auto& pattern : context.workspace.patterns) {
    if (!model::lists_source(pattern, model::kEcrSource)) continue;
    const auto& doc = *pattern.document;
    for (const auto id : model::top_level_strings(pattern, "detail-type")) {
      const std::string_view value = doc.node(id).text;
      if (model::find_ecr_event_type(value) != nullptr) continue;
      auto& f = out.report(doc.node(id).span, fmt::format("no event from \"aws.ecr\" has detail-type {}", util::quote(value)))
                    .with_label("never matches");
      if (const auto guess = util::closest_match(value, names)) {
        f.with_help(fmt::format("did you mean {}?", util::quote(*guess))).with_fix(doc.node(id).span, *guess, true);
      } else {
        std::vector<std::string> all(names.begin(), names.end());
        f.with_help(fmt::format("ECR sends {}", util::quote_list(all, "and")));
      }
    }
  }
}

}  // namespace
}  // namespace unknown_ecr_detail_type

extern const check::Rule kUnknownEcrDetailType{
    {
        .id = "CP3003",
        .name = "unknown-ecr-detail-type",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an aws.ecr event pattern matches a detail-type that ECR never sends",
        .rationale = R"md(## What it checks
In patterns whose `source` lists `aws.ecr`, each exact `detail-type` value must be one ECR sends: `ECR Image
Action`, `ECR Image Scan`, `ECR Scan Resource Change`, `ECR Pull Through Cache Action`, `ECR Replication
Action`, `ECR Referrer Action`, or `AWS API Call via CloudTrail`. Matching is exact and case-sensitive, so
`ECR image action` and `ECR Image Push` never match.

## Why it matters
EventBridge accepts the rule, and it never fires: the pipeline silently stops starting on pushes.

## How to fix
Use the exact detail-type; the help line suggests the closest.

## References
- Amazon ECR User Guide: Amazon ECR events and EventBridge
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html",
    },
    unknown_ecr_detail_type::check};

}  // namespace pipec::rules
