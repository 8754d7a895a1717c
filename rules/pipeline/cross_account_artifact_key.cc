#include <fmt/core.h>

#include <algorithm>

#include "aws/arn.h"
#include "check/rule.h"
#include "util/text.h"

namespace pipec::rules {

namespace cross_account_artifact_key {
namespace {

// The 12-digit account of a role ARN written out, if it is one.
std::optional<std::string> account_of(const std::optional<model::Text>& role) {
  if (!role) return std::nullopt;
  const auto account = aws::iam_account(role->value);
  return account ? std::optional<std::string>(*account) : std::nullopt;
}

// The store that keeps an action's artifacts: the one of its Region among
// artifactStores, else the pipeline's single artifactStore.
const model::ArtifactStore* store_for(const model::Pipeline& p, const model::Action& a) {
  if (p.artifact_store) return &*p.artifact_store;
  if (a.region) {
    if (const auto* s = p.store_in(a.region->value)) return s;
  }
  if (!a.region && p.artifact_stores.size() == 1) return &p.artifact_stores.front();
  return nullptr;
}

// An action that assumes a role in another account reads and writes the
// pipeline's artifacts from there: S3 objects encrypted with the AWS managed
// key (what a store with no encryptionKey uses) cannot be decrypted outside
// the account, and a key named by its alias is not found there.
void check(const check::Context& context, check::Reporter& out) {
  for (const auto& p : context.workspace.pipelines) {
    const auto own = account_of(p.role_arn);
    if (!own) continue;
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        const auto account = account_of(a.role_arn);
        if (!account || *account == *own) continue;
        const model::ArtifactStore* store = store_for(p, a);
        if (store == nullptr || !store->location) continue;
        if (!store->kms_key) {
          out.report(a.role_arn->span,
                     fmt::format("action {} runs as a role of account {}, but the artifact store {} has no KMS key: "
                                 "that account cannot decrypt the artifacts",
                                 util::quote(a.display_name()), *account, util::quote(store->location->value)))
              .with_label("a role of another account")
              .with_related(store->span, "the store, encrypted with the AWS managed key")
              .with_note("objects encrypted with the AWS managed key aws/s3 can be decrypted only in the key's own account")
              .with_help(fmt::format("encrypt the store with a customer managed key whose key policy lets account {} use it "
                                     "(encryptionKey {{\"id\": \"<key ARN>\", \"type\": \"KMS\"}})",
                                     *account));
          continue;
        }
        const std::string& id = store->kms_key->value;
        if (id.starts_with("alias/") || id.find(":alias/") != std::string::npos) {
          out.report(store->kms_key->span,
                     fmt::format("artifact key {} is named by an alias, which account {} of action {} cannot resolve",
                                 util::quote(id), *account, util::quote(a.display_name())))
              .with_label("an alias")
              .with_related(a.role_arn->span, "a role of another account")
              .with_note("an alias is recognized only in the account that created the key; cross-account actions need "
                         "the key's ID or ARN (AWS::CodePipeline::Pipeline EncryptionKey)")
              .with_help("name the key by its ARN: arn:aws:kms:<region>:<account>:key/<key id>");
        }
      }
    }
  }
}

}  // namespace
}  // namespace cross_account_artifact_key

extern const check::Rule kCrossAccountArtifactKey{
    {
        .id = "CP1013",
        .name = "cross-account-artifact-key",
        .category = "pipeline",
        .default_severity = diag::Severity::error,
        .summary = "an action runs as a role of another account, but its artifact store has no customer managed key, or names it by alias",
        .rationale = R"md(## What it checks
Actions whose `roleArn` is a role of another account than the pipeline's own (both written out), and the
artifact store that keeps their artifacts (the store of their Region, or the pipeline's only one):

- the store has no `encryptionKey`, so S3 encrypts the artifacts with the AWS managed key `aws/s3`;
- or the store names its key by an alias (`alias/…`, `arn:…:alias/…`).

## Why it matters
The action's role reads its input artifacts and writes its outputs from the other account. Objects encrypted
with the AWS managed key can be decrypted only in that key's account, and the CloudFormation reference for
`AWS::CodePipeline::Pipeline EncryptionKey` says that an alias is recognized only in the account that created
the key: "For cross-account actions, you can only use the key ID or key ARN". Either way the pipeline is
created, and the action fails when it runs, with an access error from S3 or KMS in the other account.

## How to fix
Create a customer managed KMS key whose key policy lets the other account use it (`kms:Decrypt`,
`kms:Encrypt`, `kms:GenerateDataKey*`, `kms:DescribeKey`), let that account's role use it and the bucket, and
name the key in the store by its ARN. In a `.pipe` file, a store pipec creates (`store auto`, the default) gets
such a key, its policy and a bucket policy by itself ([dsl.md](../dsl.md)).

## References
- CloudFormation Template Reference: AWS::CodePipeline::Pipeline EncryptionKey (the note on aliases)
- CodePipeline User Guide: Create a pipeline in CodePipeline that uses resources from another AWS account
)md",
        .help_uri = "https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-create-cross-account.html",
    },
    cross_account_artifact_key::check};

}  // namespace pipec::rules
