#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_buildspec {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& b : context.workspace.buildspecs) jobs.push_back({"codebuild/buildspec.json", b.document, b.root});
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_buildspec

extern const check::Rule kInvalidBuildspec{
    {
        .id = "CP0121",
        .name = "invalid-buildspec",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "a CodeBuild buildspec breaks its syntax: a command that is not a string, a misspelled phase or section, a missing version",
        .rationale = R"md(## What it checks
Buildspecs against `schemas/codebuild/buildspec.json`: files named `buildspec.yml`, `buildspec_*.yml` or
`*.buildspec.yml` (or YAML with `version` and `phases` at the top), and the inline `BuildSpec` of every CodeBuild
project in a CloudFormation template (its `Source` and `SecondarySources`; a `!Sub` is read as its text).
`version` is 0.2 (or 0.1); the sections are `version`, `run-as`, `env`, `proxy`, `batch`, `phases`, `reports`,
`artifacts` and `cache`; the phases are `install`, `pre_build`, `build` and `post_build`, each with `run-as`,
`on-failure`, `runtime-versions`, `commands` and `finally`; every command is a string. The YAML itself is read
too: its syntax errors are CP0003's (a command holding `: ` unquoted is one: `mapping values are not allowed
here`). YAML aliases and merge keys, which CloudFormation refuses, are fine in a buildspec.

## Why it matters
CodeBuild reads the buildspec when the build starts and fails the build with `YAML_FILE_ERROR` (`Expected
Commands[0] to be of string type`, `mapping values are not allowed here`, an unknown phase): the pipeline's
build stage fails at its first run, after the change was merged.

## How to fix
Quote a command that holds `: ` or starts with a character YAML reads specially (`- "echo result: done"`);
spell phases as CodeBuild does (`pre_build`, not `prebuild` or `pre-build`).

## References
- AWS CodeBuild User Guide: Build specification reference for CodeBuild
)md",
        .help_uri = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html",
    },
    invalid_buildspec::check};

}  // namespace pipec::rules
