#include <fmt/core.h>

#include "aws/arn.h"
#include "aws/regions.h"
#include "check/rule.h"
#include "model/iam_access.h"
#include "util/placeholders.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_artifact_store_key {
namespace {

// A key written as an ARN, judged part by part as CP6002 judges the same ARN
// in the pipeline role's policy (pipec build writes one for `role auto`): an
// ARN no KMS key can have.
void judge(check::Reporter& out, const model::Text& key) {
  const std::string& id = key.value;
  // A key ID, an alias name, or a value a deployment fills in.
  if (!id.starts_with("arn:") || util::unsubstituted_placeholder(id) || id.find(model::kUnknownPart) != std::string::npos) return;
  const auto shown = util::quote(id);
  if (const auto p = util::swapped_placeholder(id)) {
    out.report(key.span, fmt::format("artifact store key {} holds {}, a malformed placeholder", shown, util::quote(*p)))
        .with_label("\"{$\" where \"${\" was meant")
        .with_help("write the key's ARN itself: arn:aws:kms:<region>:<account>:key/<key id>");
    return;
  }
  if (const auto p = util::angle_placeholder(id)) {
    out.report(key.span, fmt::format("artifact store key {} holds the placeholder {}", shown, util::quote(*p)))
        .with_label("a placeholder left in")
        .with_help("write the key's ARN itself, as the KMS console or `aws kms describe-key` shows it");
    return;
  }
  const auto arn = aws::split_arn(id);
  if (!arn) {
    out.report(key.span, fmt::format("artifact store key {} has fewer than the six parts of an ARN", shown))
        .with_label("not an ARN")
        .with_help("a key ARN is arn:aws:kms:<region>:<account>:key/<key id>; a key ID or an alias name is written alone");
    return;
  }
  if (!aws::partition_exists(arn->partition)) {
    out.report(key.span, fmt::format("artifact store key {} is in partition {}, which AWS does not have", shown, util::quote(arn->partition)))
        .with_label("unknown partition")
        .with_help("the partition is aws (aws-cn in China, aws-us-gov in GovCloud)");
    return;
  }
  if (arn->service != "kms") {
    out.report(key.span, fmt::format("artifact store key {} is an ARN of service {}, expected kms", shown, util::quote(arn->service)))
        .with_label("not a KMS key")
        .with_help("the key that encrypts the artifacts is a KMS key: arn:aws:kms:<region>:<account>:key/<key id>");
    return;
  }
  if (aws::judge_region(arn->region) == aws::RegionVerdict::malformed) {
    out.report(key.span, fmt::format("artifact store key {} names Region {}, which is not a Region", shown, util::quote(arn->region)))
        .with_label("not a Region")
        .with_note("a KMS key lives in one Region, written like us-east-1, eu-west-3 or cn-north-1");
    return;
  }
  if (!aws::is_account_id(arn->account)) {
    out.report(key.span, fmt::format("artifact store key {} names account {}, expected a 12-digit account ID", shown, util::quote(arn->account)))
        .with_label("not an account ID");
    return;
  }
  if (!arn->resource.starts_with("key/") && !arn->resource.starts_with("alias/")) {
    out.report(key.span, fmt::format("artifact store key {} names {}, expected key/<key id> or alias/<alias name>", shown,
                                     util::quote(arn->resource)))
        .with_label("not a key or an alias")
        .with_help("a key ARN ends in key/ and the key's ID (1234abcd-12ab-34cd-56ef-1234567890ab), an alias ARN in alias/ and its name");
  }
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    if (p.artifact_store && p.artifact_store->kms_key) judge(out, *p.artifact_store->kms_key);
    for (const auto& s : p.artifact_stores) {
      if (s.kms_key) judge(out, *s.kms_key);
    }
  }
}

}  // namespace
}  // namespace invalid_artifact_store_key

extern const check::Rule kInvalidArtifactStoreKey{
    {
        .id = "CP1014",
        .name = "invalid-artifact-store-key",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "an artifact store's KMS key is written as an ARN KMS cannot have: an unknown partition, another "
                   "service, a malformed Region or account, or neither key/ nor alias/",
        .rationale = R"md(## What it checks
The `encryptionKey.id` of a pipeline's artifact store (`artifactStore`, each of `artifactStores`; in
CloudFormation `ArtifactStore.EncryptionKey.Id`), when it is written as an ARN: its partition must be one AWS
has (`aws`, `aws-cn`, `aws-us-gov`, …), its service `kms`, its Region a Region's form, its account 12 digits,
its resource `key/<key id>` or `alias/<alias name>`, and no placeholder is left in it (`<key-id>`, `{$KEY}`).
A key ID or an alias name written alone, and a value with `${…}` that a deployment fills in, are not judged.

## Why it matters
CodePipeline's API takes any text of 1 to 400 characters as the key's ID (EncryptionKey), so the mistake
shows only when a run writes or reads an artifact with the key. The same ARN in the pipeline role's policy
(the one `pipec build` writes for `role auto`) is judged by CP6002: IAM refuses an unknown partition, and
grants nothing on the rest, since no key has such an ARN.

## How to fix
Copy the key's ARN from the KMS console or `aws kms describe-key --key-id <alias or id>`:
`arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`.

## References
- CodePipeline API Reference: EncryptionKey
- AWS Key Management Service Developer Guide: Key identifiers (KeyId)
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_EncryptionKey.html",
    },
    invalid_artifact_store_key::check};

}  // namespace pipec::rules
