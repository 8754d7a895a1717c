#include <algorithm>
#include <fmt/format.h>

#include "rules/rules.h"
#include "syntax/json/json_reader.h"
#include "util/text.h"

namespace pipec::rules {

namespace {

using syntax::NodeKind;

constexpr std::size_t kAccessKeyLength = 20;
constexpr std::size_t kSecretKeyLength = 40;

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
}

// Offsets of AWS access key IDs in `text`: AKIA (long-term), ASIA (temporary),
// ABIA and ACCA prefixes and 16 more upper-case letters or digits, standing
// alone (not inside a longer run of such characters).
std::vector<std::size_t> access_keys(std::string_view text) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i + kAccessKeyLength <= text.size(); ++i) {
    const std::string_view prefix = text.substr(i, 4);
    if (prefix != "AKIA" && prefix != "ASIA" && prefix != "ABIA" && prefix != "ACCA") continue;
    if (i > 0 && upper_or_digit(text[i - 1])) continue;
    const std::string_view key = text.substr(i, kAccessKeyLength);
    if (!std::all_of(key.begin(), key.end(), upper_or_digit)) continue;
    if (i + kAccessKeyLength < text.size() && upper_or_digit(text[i + kAccessKeyLength])) continue;
    found.push_back(i);
    i += kAccessKeyLength - 1;
  }
  return found;
}

bool names_secret(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("secret") != std::string::npos;
}

// AWS's documentation keys (AKIAIOSFODNN7EXAMPLE and its secret) are
// placeholders, not leaks.
bool is_documentation_example(std::string_view value) { return value.find("EXAMPLE") != std::string_view::npos; }

void check(const check::Context& context, check::Reporter& out) {
  const auto& ws = context.workspace;
  for (const auto& file : ws.files) {
    if (file.document == nullptr) continue;
    const auto& doc = *file.document;
    const std::string_view source = ws.sources.file(doc.file()).text();
    for (syntax::NodeId id = 0; id < doc.size(); ++id) {
      const auto& n = doc.node(id);
      if (n.kind != NodeKind::string || is_documentation_example(n.text)) continue;
      const auto keys = access_keys(n.text);
      const syntax::Member* owner = doc.owning_member(id);
      const bool secret = owner != nullptr && names_secret(owner->key) && n.text.size() == kSecretKeyLength &&
                          std::all_of(n.text.begin(), n.text.end(), base64_char);
      if (keys.empty() && !secret) continue;
      const auto decoded = syntax::decode_string_literal(source, n.span);
      const auto span_of = [&](std::size_t at, std::size_t length) {
        return source::Span{doc.file(), decoded.offsets[at], decoded.offsets[at + length]};
      };
      for (const std::size_t at : keys) {
        const source::Span span = span_of(at, kAccessKeyLength);
        out.redact(span, 4);
        out.report(span, fmt::format("AWS access key ID {}… is committed in this file", n.text.substr(at, 4)))
            .with_label("access key ID")
            .with_help("remove it, deactivate the key in IAM, and let CI assume a role (OIDC) or read the key from its secret store")
            .with_note("pipec never prints a key in full");
      }
      if (secret) {
        const source::Span span = span_of(0, kSecretKeyLength);
        out.redact(span, 0);
        out.report(span, fmt::format("AWS secret access key in {} is committed in this file", util::quote(owner->key)))
            .with_label("secret access key")
            .with_help("remove it, rotate the key pair in IAM, and inject the secret from your CI's secret store")
            .with_note("pipec never prints a secret");
      }
    }
  }
}

}  // namespace

extern const check::Rule kCommittedAwsSecret{
    {
        .id = "CP5001",
        .name = "committed-aws-secret",
        .category = "secrets",
        .default_severity = diag::Severity::warning,
        .summary = "an AWS access key ID or secret access key is written in a file",
        .rationale = R"md(## What it checks
String values that hold an AWS access key ID (`AKIA`, `ASIA`, `ABIA` or `ACCA` and 16 more upper-case letters
or digits) or, under a key whose name contains "secret", a 40-character secret access key. AWS's documentation
placeholders (containing `EXAMPLE`) are ignored. pipec masks the value in every message and code frame, in
every output format.

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
    check};

}  // namespace pipec::rules
