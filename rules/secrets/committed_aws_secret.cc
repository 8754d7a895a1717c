#include <fmt/core.h>

#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace committed_aws_secret {
namespace {

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& file : ws.files) {
    for (const auto& secret : file.secrets) {
      const std::string_view text = ws.sources.file(secret.span.file).text().substr(secret.span.begin, secret.span.size());
      if (secret.kind == model::Secret::Kind::access_key_id) {
        out.report(secret.span, fmt::format("AWS access key ID {}… is committed in this file", text.substr(0, secret.shown())))
            .with_label("access key ID")
            .with_help("remove it, deactivate the key in IAM, and let CI assume a role (OIDC) or read the key from its secret store")
            .with_note("pipec never prints a key in full");
      } else {
        out.report(secret.span, fmt::format("AWS secret access key in {} is committed in this file", util::quote(secret.key)))
            .with_label("secret access key")
            .with_help("remove it, rotate the key pair in IAM, and inject the secret from your CI's secret store")
            .with_note("pipec never prints a secret");
      }
    }
  }
}

}  // namespace
}  // namespace committed_aws_secret

extern const check::Rule kCommittedAwsSecret{
    {
        .id = "CP5001",
        .name = "committed-aws-secret",
        .category = "secrets",
        .default_severity = diag::Severity::warning,
        .summary = "an AWS access key ID or secret access key is written in a file",
        .rationale = R"md(## What it checks
String values that hold an AWS access key ID (`AKIA`, `ASIA`, `ABIA` or `ACCA` and 16 more upper-case letters
or digits) or, under a key whose name says it is a credential (`secret`, `key`, `token`, …), a 40-character
secret access key. AWS's documentation placeholders (containing `EXAMPLE`) are ignored.

pipec masks these values in every message and code frame, in every output format, whether or not this rule
runs: an access key ID shows its first four characters, a secret nothing.

## Why it matters
Integration settings such as `ci.access_key` and `ci.secret_key` invite pasting real credentials into a file
that gets committed. Keys in a repository are found and used within minutes of a push.

## How to fix
Remove the value, rotate the key in IAM, and have CI assume a role (OpenID Connect) or read the key from its
secret store at run time.

## References
- IAM User Guide: Best practices for managing AWS access keys
)md",
        .help_uri = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
    },
    committed_aws_secret::check};

}  // namespace pipec::rules
