#include "check/rule.h"

namespace pipec::rules {

namespace unreadable_file {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    if (!file.load_error) continue;
    out.report(source::Span{file.file, 0, 0}, "cannot read this file: " + *file.load_error);
  }
}

}  // namespace
}  // namespace unreadable_file

extern const check::Rule kUnreadableFile{
    {
        .id = "CP0001",
        .name = "unreadable-file",
        .category = "syntax",
        .default_severity = diag::Severity::error,
        .summary = "a path given to pipec cannot be read",
        .rationale = R"md(## What it checks
Every path on the command line must exist and be readable: a file, or a folder to walk. A file larger than
`--max-file-size` (8 MiB unless raised) is not read either; no CodePipeline, EventBridge or ECS document comes
near that size.

## Why it matters
A lint gate that skips what it cannot read passes broken changes. pipec exits with status 2 when any input is
unreadable, so CI fails loudly instead.

## How to fix
Check the path and its permissions. For a very large generated file, raise `--max-file-size`.
)md",
        .help_uri = "",
    },
    unreadable_file::check};

}  // namespace pipec::rules
