#pragma once
// IAM policy documents lowered into the model (model/iam_policy.h), from
// the CloudFormation resources that hold them and from policy files of
// their own.

#include "model/workspace.h"

namespace pipec::model {

/// The policies of the template in `file` (already resolved): roles' trust
/// and inline policies, AWS::IAM::Policy, ManagedPolicy and RolePolicy, and
/// the resource policies of ECR repositories and registries, S3 buckets, KMS
/// keys, SNS topics and SQS queues. A policy written as a string of JSON is
/// read as a document of its own.
void lower_template_policies(Workspace& ws, LoadedFile& file);

/// A policy file of its own (Version and Statement at the top): an identity
/// policy unless its statements name principals (then a resource policy, or
/// a trust policy when they only assume roles).
void lower_policy_file(Workspace& ws, const syntax::Document& doc);

}  // namespace pipec::model
