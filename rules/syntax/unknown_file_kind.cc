#include <fmt/core.h>

#include "model/kind.h"
#include "check/rule.h"

namespace pipec::rules {

namespace unknown_file_kind {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::string kinds;
  for (const auto& k : model::all_kinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k.name);
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::unknown || file.load_error || file.document == nullptr) continue;
    const auto& doc = *file.document;
    const source::Span at = doc.empty() ? source::Span{file.file, 0, 0}
                                        : source::Span{file.file, doc.node(doc.root()).span.begin,
                                                       doc.node(doc.root()).span.begin + 1};
    out.report(at, "pipec could not tell what kind of file this is, so only its syntax was checked")
        .with_label("this file")
        .with_help(fmt::format("name the kind with --kind: {}", kinds));
  }
}

}  // namespace
}  // namespace unknown_file_kind

extern const check::Rule kUnknownFileKind{
    {
        .id = "CP0006",
        .name = "unknown-file-kind",
        .category = "syntax",
        .default_severity = diag::Severity::info,
        .summary = "a file named on the command line is of no kind pipec recognizes",
        .rationale = R"md(## What it checks
pipec decides what each JSON file is from its shape: a CodePipeline declaration has a `pipeline` object, a
PutTargets input has `Rule` and `Targets`, an event pattern matches on event fields, and so on (`pipec lint
--help` lists the kinds). A YAML file (`.yaml`, `.yml`, or a `.template` that does not start with `{`) is
recognized as a CloudFormation template by its top-level keys (`AWSTemplateFormatVersion`, or `Resources` with a
`Type: AWS::…`); other kinds in YAML need `--kind`. A file named on the command line that fits none of them is
still checked for JSON or YAML syntax, and this note says that nothing else was checked. Files of unknown kind
found while walking a folder are skipped silently.

## Why it matters
A file you expected to be linted in full, but that pipec did not recognize, would otherwise pass without a word.

## How to fix
Name the kind with `--kind`, or check that the file has the shape you meant (for example `{"pipeline": {...}}`
as `aws codepipeline get-pipeline` prints it).
)md",
        .help_uri = "",
    },
    unknown_file_kind::check};

}  // namespace pipec::rules
