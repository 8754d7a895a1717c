#include "check/rule.h"
#include "rules/support.h"

namespace pipec::rules {

namespace invalid_encoding {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  forward_issues(context, out, syntax::IssueKind::encoding);
}

}  // namespace
}  // namespace invalid_encoding

extern const check::Rule kInvalidEncoding{
    {
        .id = "CP0002",
        .name = "invalid-encoding",
        .category = "syntax",
        .default_severity = diag::Severity::error,
        .summary = "a file is not UTF-8 text: binary data, an invalid byte sequence or a byte order mark",
        .rationale = R"md(## What it checks
JSON text must be UTF-8 (RFC 8259). pipec reports binary files (a NUL byte), the first byte that does not start a
valid UTF-8 sequence, and a UTF-8 byte order mark at the start of the file.

## Why it matters
The AWS CLI reads `file://` input with Python's JSON module, which rejects a byte order mark; CodePipeline and
EventBridge reject text that is not UTF-8. A Latin-1 file that looks right in one editor fails at deploy time.

## How to fix
Re-save the file as UTF-8 without a byte order mark. If the file is binary, it is not the file you meant.

## References
- RFC 8259, section 8.1: Character Encoding
)md",
        .help_uri = "https://www.rfc-editor.org/rfc/rfc8259#section-8.1",
    },
    invalid_encoding::check};

}  // namespace pipec::rules
