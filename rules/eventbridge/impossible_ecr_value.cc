#include <algorithm>
#include <fmt/core.h>

#include <set>

#include "model/ecr_events.h"
#include "model/event_pattern.h"
#include "rules/rules.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::rules {

namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& pattern : context.workspace.patterns) {
    const auto& doc = *pattern.document;
    if (!model::lists_source(pattern, model::kEcrSource)) continue;
    // The event types the pattern can match: those it names, or all of them.
    std::vector<const model::EcrEventType*> types;
    std::string type_names;
    for (const auto id : model::top_level_strings(pattern, "detail-type")) {
      if (const auto* t = model::find_ecr_event_type(doc.node(id).text)) {
        types.push_back(t);
        type_names += (type_names.empty() ? "" : " or ") + util::quote(t->detail_type);
      }
    }
    if (types.empty()) {
      if (doc.get(pattern.root, "detail-type") != syntax::kNoNode) continue;  // unknown types: CP3003
      for (const auto& t : model::ecr_event_types()) types.push_back(&t);
      type_names = "ECR";
    }
    // CloudTrail events carry any API call's detail: nothing to judge.
    if (std::any_of(types.begin(), types.end(), [](const auto* t) { return t->fields.empty(); })) continue;

    const syntax::NodeId detail = doc.get(pattern.root, "detail");
    if (pattern.unresolved(detail)) continue;  // given by an intrinsic function in a template
    for (const auto& m : doc.members(detail)) {
      if (m.key == "$or") continue;
      std::vector<std::string_view> fields;
      std::vector<std::string_view> values;
      bool any_value = false;
      bool has_field = false;
      for (const auto* t : types) {
        for (const auto& f : t->fields) {
          fields.push_back(f.name);
          if (f.name != m.key) continue;
          has_field = true;
          if (f.values.empty()) any_value = true;
          values.insert(values.end(), f.values.begin(), f.values.end());
        }
      }
      if (!has_field) {
        auto& f = out.report(m.key_span, fmt::format("no {} event has a detail field {}", type_names, util::quote(m.key)))
                      .with_label("never matches");
        if (const auto guess = util::closest_match(m.key, fields)) {
          f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
        }
        f.with_note("ECR event detail fields are lower-case and hyphenated (repository-name, image-digest); camelCase "
                    "names belong to the ECR API and imageDetail.json");
        continue;
      }
      if (any_value) continue;
      std::set<std::string_view> unique(values.begin(), values.end());
      std::vector<std::string> allowed(unique.begin(), unique.end());
      for (const auto id : model::exact_strings(doc, m.value)) {
        const std::string& value = doc.node(id).text;
        if (unique.contains(value)) continue;
        auto& f = out.report(doc.node(id).span, fmt::format("no {} event has {} {}", type_names,
                                                            util::quote(m.key), util::quote(value)))
                      .with_label("never matches");
        if (const auto guess = util::closest_match(value, allowed)) {
          f.with_help(fmt::format("did you mean {}? event values are matched exactly, case included", util::quote(*guess)));
        }
        f.with_note(fmt::format("{} is one of {}", util::quote(m.key), util::quote_list(allowed)));
      }
    }
  }
}

}  // namespace

extern const check::Rule kImpossibleEcrValue{
    {
        .id = "CP3004",
        .name = "impossible-ecr-value",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "an aws.ecr event pattern matches a detail field or value that no ECR event of its detail-type carries",
        .rationale = R"md(## What it checks
In patterns whose `source` lists `aws.ecr`, the fields under `detail` and their exact values, against what ECR
sends for the pattern's `detail-type` (or any ECR event when it names none): `result` is `SUCCESS` (or
`FAILED` for replication), never `Success`; `action-type` is `PUSH`, `DELETE`, `UPDATE_STORAGE_CLASS` or
`REPLICATE`; `scan-status` is one of the scan statuses; field names are lower-case and hyphenated
(`repository-name`, not `repositoryName`; `image-tag` on push events, `image-tags` on scan events).

## Why it matters
EventBridge matches exactly and accepts any field name, so such a rule is created without complaint and never
fires.

## How to fix
Use the value or field the help line suggests.

## References
- Amazon ECR User Guide: Amazon ECR events and EventBridge
- Amazon EventBridge User Guide: Event patterns (matching is exact and case-sensitive)
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html",
    },
    check};

}  // namespace pipec::rules
