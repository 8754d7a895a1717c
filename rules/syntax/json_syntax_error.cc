#include "check/rule.h"

namespace pipec::rules {

namespace json_syntax_error {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    for (const auto& issue : file.issues) {
      if (issue.kind != syntax::IssueKind::syntax) continue;
      auto& f = out.report(issue.span, issue.message).with_label(issue.label);
      f.related = issue.related;
      f.fix = issue.fix;
      // CloudFormation reads a JSON template leniently, as YAML's flow style,
      // and takes a trailing comma; other readers of the file do not.
      if (file.kind == model::Kind::cloudformation && issue.message.starts_with("trailing comma")) {
        f.with_severity(diag::Severity::warning)
            .with_note("CloudFormation accepts a trailing comma in a JSON template; jq, JSON.parse and most editors do not")
            .with_help("remove the comma");
        continue;
      }
      f.help = issue.help;
    }
  }
}

}  // namespace
}  // namespace json_syntax_error

extern const check::Rule kJsonSyntaxError{
    {
        .id = "CP0003",
        .name = "json-syntax-error",
        .category = "syntax",
        .default_severity = diag::Severity::error,
        .summary = "the JSON or YAML is malformed: trailing or missing commas, comments, unterminated strings, bad indentation, stray text",
        .rationale = R"md(## What it checks
Every syntax error in a JSON file, not just the first: trailing commas, missing commas and colons, comments,
unquoted keys, single-quoted strings, unterminated strings, invalid escapes and numbers, unclosed brackets and
text after the value. JSON embedded in a string, such as the `EventPattern` of a PutRule input, is checked too,
and its errors point into the outer file.

In a YAML CloudFormation template: the first syntax error yaml-cpp stops at (bad indentation, a tab in the
indentation, an unclosed flow `[` or `{`, a mapping value where none is allowed, an unknown escape), each
explained in words; an unterminated quoted string; a tag that is not a CloudFormation function (`!Reff`); and
what CloudFormation does not support in YAML: aliases (`*name`), merge keys (`<<`), the `!!binary`,
`!!timestamp`, `!!set`, `!!omap` and `!!pairs` tags, and a second document. pipec still resolves aliases and
merges keys to check the rest of the template.

A trailing comma in a JSON CloudFormation template is a warning: CloudFormation reads JSON templates leniently
and accepts it (AWS's Amplify CLI strips such commas from templates "accepted by CFN", aws-amplify/amplify-cli
pull request 509), while jq, `JSON.parse` and the CLI's other inputs reject it.

## Why it matters
Documentation samples are copied with trailing commas; editors that accept JSON with comments hide them. The
AWS CLI, CloudFormation and EventBridge reject the whole document, often with a message that names neither the
line nor the mistake. The name of the rule says JSON; it covers YAML too.

## How to fix
Follow the help line of each error: remove the trailing comma or the comment, add the missing comma, close the
string.

## References
- RFC 8259: The JavaScript Object Notation (JSON) Data Interchange Format
- AWS CloudFormation User Guide: Template formats (the YAML features CloudFormation does not support)
)md",
        .help_uri = "https://www.rfc-editor.org/rfc/rfc8259",
    },
    json_syntax_error::check};

}  // namespace pipec::rules
