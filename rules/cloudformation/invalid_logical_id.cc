#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_logical_id {
namespace {

// Conditions' names may also hold & and _ (as cfn-lint reads CloudFormation's
// template schema); every other logical ID is alphanumeric.
bool valid_id(std::string_view id, bool condition) {
  return !id.empty() && id.size() <= 255 && std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (condition && (c == '&' || c == '_'));
  });
}

std::string suggestion(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    const auto& doc = *file.document;
    std::map<std::string, const syntax::Member*, std::less<>> parameters;
    for (const auto& section : {"Parameters", "Resources", "Outputs", "Conditions", "Mappings"}) {
      for (const auto& m : doc.members(doc.get(doc.root(), section))) {
        // Fn::ForEach::Name loops of AWS::LanguageExtensions expand into resources and outputs.
        if (m.key.starts_with("Fn::ForEach::")) continue;
        if (!valid_id(m.key, std::string_view(section) == "Conditions")) {
          auto& f = out.report(m.key_span, fmt::format("logical ID {} in {} is not alphanumeric", util::quote(m.key), section))
                        .with_label("only A-Z, a-z and 0-9");
          if (const std::string fixed = suggestion(m.key); !fixed.empty()) f.with_help(fmt::format("write {}", util::quote(fixed)));
        }
        if (std::string_view(section) == "Parameters") parameters.emplace(m.key, &m);
      }
    }
    // Ref names parameters and resources alike: one name cannot be both.
    for (const auto& m : doc.members(doc.get(doc.root(), "Resources"))) {
      const auto it = parameters.find(m.key);
      if (it == parameters.end()) continue;
      out.report(m.key_span, fmt::format("resource {} has the name of a parameter", util::quote(m.key)))
          .with_label("also a parameter")
          .with_related(it->second->key_span, "the parameter")
          .with_help("rename one of them: !Ref would not know which it names");
    }
  }
}

}  // namespace
}  // namespace invalid_logical_id

extern const check::Rule kInvalidLogicalId{
    {
        .id = "CP0119",
        .name = "invalid-logical-id",
        .category = "cloudformation",
        .default_severity = diag::Severity::error,
        .summary = "a CloudFormation logical ID is not alphanumeric, or a resource has the name of a parameter",
        .rationale = R"md(## What it checks
The logical IDs of a template's parameters, resources, outputs and mappings are made of `A-Z`, `a-z` and
`0-9` only (`artifact-bucket` is not one; the help writes `ArtifactBucket`), conditions' names of those and `&`
and `_`, and no resource has the logical ID of a parameter.

## Why it matters
CloudFormation refuses the template before it creates anything (`Template format error: Resource name
artifact-bucket is non alphanumeric`); a parameter and a resource of one name leave `!Ref` ambiguous, and
CloudFormation refuses that too.

## References
- AWS CloudFormation User Guide: Resources section (logical ID: alphanumeric, unique within the template)
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
    },
    invalid_logical_id::check};

}  // namespace pipec::rules
