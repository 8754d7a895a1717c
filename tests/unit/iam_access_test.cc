// What a role's policies allow (model/iam_access.h), asked the way CP6004
// asks: many questions of one RoleAccess, an action asked again on another
// resource, with the statements pipec reads leniently.

#include <catch2/catch.hpp>

#include <string>

#include "model/iam_access.h"
#include "model/load.h"
#include "source/file_system.h"

namespace {

using pipec::model::Grant;
using pipec::model::RoleAccess;

constexpr const char* kTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Listed:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: first
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Deny, Action: "ecr:*", Resource: "*"}
              - {Effect: Allow, Action: "ecr:Describe*", Resource: "arn:aws:ecr:us-east-1:123456789012:repository/web"}
              - {Effect: Allow, NotAction: ["ecr:*", "lambda:*"], Resource: "*"}
              - {Effect: Allow, Action: s3:GetObject, NotResource: "arn:aws:s3:::secret/*"}
  Unreadable:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: readable
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "ecr:DescribeImages", Resource: "arn:aws:ecr:us-east-1:123456789012:repository/web"}
              - {Effect: Allow, Action: !ImportValue SharedActions, Resource: "arn:aws:s3:::shared/*"}
        - PolicyName: unreadable
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - !ImportValue SharedStatement
  Bare:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}
)";

pipec::model::Workspace loaded(const std::string& text) {
  pipec::source::MemoryFileSystem fs;
  fs.add("template.yaml", text);
  const std::vector<std::string> paths{"template.yaml"};
  return pipec::model::load(fs, paths, {});
}

const pipec::model::Role& role(const pipec::model::Workspace& ws, const std::string& logical_id) {
  for (const auto& r : ws.roles) {
    if (r.logical_id.value == logical_id) return r;
  }
  FAIL("no role " << logical_id);
  throw;
}

}  // namespace

TEST_CASE("a role's access: each action's statements found once, each resource judged on its own") {
  const auto ws = loaded(kTemplate);

  RoleAccess listed(ws, role(ws, "Listed"));
  // The second statement; the Deny before it is not read (lenient).
  CHECK(listed.allows("ecr:DescribeImages", "arn:*:ecr:*:*:repository/web") == Grant::yes);
  // The same action, asked again, on a resource no statement lists.
  CHECK(listed.allows("ecr:DescribeImages", "arn:*:ecr:*:*:repository/api") == Grant::no);
  CHECK(listed.allows("ecr:DescribeImages", "arn:\x03:ecr:\x03:\x03:repository/web") == Grant::yes);
  // NotAction allows every action it does not list, on its resources.
  CHECK(listed.allows("sns:Publish", "arn:*:sns:*:*:topic") == Grant::yes);
  CHECK(listed.allows("lambda:InvokeFunction", "arn:*:lambda:*:*:function:f") == Grant::no);
  // NotResource counts as allowing: pipec cannot tell what it leaves out.
  CHECK(listed.allows("s3:GetObject", "arn:*:s3:::secret/key") == Grant::yes);

  RoleAccess unreadable(ws, role(ws, "Unreadable"));
  // A statement that allows, met before the policy pipec cannot read.
  CHECK(unreadable.allows("ecr:DescribeImages", "arn:*:ecr:*:*:repository/web") == Grant::yes);
  // An Action pipec cannot read allows anything, anywhere (lenient).
  CHECK(unreadable.allows("kms:Decrypt", "arn:*:kms:*:*:key/k") == Grant::yes);

  // A role with no policy in its template gets them elsewhere: not judged.
  RoleAccess bare(ws, role(ws, "Bare"));
  CHECK(bare.allows("ecr:DescribeImages", "arn:*:ecr:*:*:repository/web") == Grant::unknown);

  // The one-question form agrees.
  CHECK(pipec::model::role_allows(ws, role(ws, "Listed"), "ecr:DescribeImages", "arn:*:ecr:*:*:repository/api") == Grant::no);
}

TEST_CASE("a role's access: a policy pipec cannot read leaves what no earlier statement allows unknown") {
  // The unreadable policy after a readable one whose Action pipec reads.
  std::string text = kTemplate;
  const std::string unreadable_action = "Action: !ImportValue SharedActions";
  text.replace(text.find(unreadable_action), unreadable_action.size(), "Action: s3:GetObject");
  const auto ws = loaded(text);
  RoleAccess access(ws, role(ws, "Unreadable"));
  CHECK(access.allows("s3:GetObject", "arn:*:s3:::shared/a") == Grant::yes);
  CHECK(access.allows("kms:Decrypt", "arn:*:kms:*:*:key/k") == Grant::unknown);
  CHECK(access.allows("ecr:DescribeImages", "arn:*:ecr:*:*:repository/api") == Grant::unknown);
}
