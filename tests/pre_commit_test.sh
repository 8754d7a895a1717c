#!/bin/sh
# The hooks of .pre-commit-hooks.yaml, through the real pre-commit and real
# `git commit`s, offline: a commit with a bad file is blocked with pipec's
# message, a clean one goes through, a YAML finding suppressed inline goes
# through, and a .pipe file whose committed outputs are stale is blocked with
# the diff. Registered with CTest as pre-commit; exits 77 (CTest: skipped)
# when pre-commit is not installed, and only then.
#
#   tests/pre_commit_test.sh PIPEC SOURCE_DIR
set -eu

if [ $# -ne 2 ]; then
  echo "usage: tests/pre_commit_test.sh PIPEC SOURCE_DIR" >&2
  exit 2
fi
pipec_dir=$(cd "$(dirname "$1")" && pwd)
source_dir=$(cd "$2" && pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "skipped: pre-commit is not installed (scripts/setup installs Debian's pre-commit package)"
  exit 77
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/pipec-pre-commit.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

# On its own and offline: no user or system git configuration (hooks,
# templates, signing), git may only reach local paths, pre-commit's cache is
# in the scratch folder, and the pipec on PATH is the one under test.
export HOME="$scratch/home"
mkdir "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export GIT_ALLOW_PROTOCOL=file
export PRE_COMMIT_HOME="$scratch/cache"
export PRE_COMMIT_COLOR=never
export NO_COLOR=1
export PATH="$pipec_dir:$PATH"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE PIPEC_BUILD_DIR
out="$scratch/out"

fail() {
  echo "FAIL: $*" >&2
  if [ -f "$out" ]; then sed 's/^/  | /' "$out" >&2; fi
  exit 1
}

# Says what it checks, then expects `git commit` to pass (yes) or be blocked (no).
commit() {
  expect=$1
  message=$2
  echo "- $message"
  if git commit -q -m "$message" >"$out" 2>&1; then
    [ "$expect" = yes ] || fail "the commit went through: $message"
  else
    [ "$expect" = no ] || fail "the commit was blocked: $message"
  fi
}

says() {
  grep -qF -- "$1" "$out" || fail "the output does not say: $1"
}

new_repository() {
  git -c init.defaultBranch=main init -q "$1"
  git -C "$1" config user.name "pipec test"
  git -C "$1" config user.email "pipec-test@example.invalid"
  git -C "$1" config commit.gpgsign false
}

# The hook repository: this tree's hook files, committed, so `rev:` is a
# commit of exactly them whatever else the working tree holds.
hooks="$scratch/hooks"
new_repository "$hooks"
mkdir "$hooks/scripts"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
cp "$source_dir/scripts/pre-commit-build-check" "$hooks/scripts/"
git -C "$hooks" add .pre-commit-hooks.yaml scripts/pre-commit-build-check
git -C "$hooks" commit -q -m "pipec hooks"
rev=$(git -C "$hooks" rev-parse HEAD)

# The user's repository.
repo="$scratch/repo"
new_repository "$repo"
cd "$repo"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: pipec-lint
      - id: pipec-build-check
EOF
git add .pre-commit-config.yaml
git commit -q -m "pre-commit configuration"
pre-commit install >"$out" 2>&1 || fail "pre-commit install"

# 1. An ECS standard deploy fed imageDetail.json: blocked, with pipec's message.
mkdir deploy
cp "$source_dir/tests/rules/CP2001-ecs-deploy-reads-image-detail/bad.json" deploy/pipeline.json
git add deploy/pipeline.json
commit no "an ecs standard deploy fed the ecr source's imageDetail.json"
says "pipec lint"
says "error[CP2001]"
says 'ECS standard deploy "Web" takes "ImageDetail" straight from the ECR source "Image"'
says "deploy/pipeline.json:25:42"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "the blocked commit is in the history"

# 2. The same pipeline with the conversion step: goes through.
cp "$source_dir/tests/rules/CP2001-ecs-deploy-reads-image-detail/good.json" deploy/pipeline.json
git add deploy/pipeline.json
commit yes "the pipeline converts imageDetail.json first"
says "pipec lint"

# 3. CloudFormation YAML with the same mistake: blocked, then suppressed
# with a reason, on the line above and at the end of the line: goes through.
template() {
  # $1: a comment line above FileName (or nothing), $2: a comment after it
  cat <<EOF
AWSTemplateFormatVersion: "2010-09-09"
Description: an ECS deploy whose task reads imageDetail.json itself
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/service-role/web-pipeline
      ArtifactStore:
        Type: S3
        Location: codepipeline-us-east-1-123456789012
      Stages:
        - Name: Source
          Actions:
            - Name: Image
              ActionTypeId: {Category: Source, Owner: AWS, Provider: ECR, Version: "1"}
              Configuration:
                RepositoryName: web
                ImageTag: latest
              OutputArtifacts:
                - Name: ImageDetail
        - Name: Deploy
          Actions:
            - Name: Web
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: ECS, Version: "1"}
              Configuration:
                ClusterName: prod
                ServiceName: web
$1
                FileName: imageDetail.json$2
              InputArtifacts:
                - Name: ImageDetail
EOF
}
template "" "" >deploy/stack.yaml
git add deploy/stack.yaml
commit no "a template with the mistake and no suppression"
says "error[CP2001]"
says "deploy/stack.yaml:"

template "                # pipec: ignore[CP2001] the task's entrypoint converts imageDetail.json itself" "" >deploy/stack.yaml
git add deploy/stack.yaml
commit yes "the finding suppressed by a comment on the line above"

template "" "  # pipec: ignore[CP2001] the task's entrypoint converts imageDetail.json itself" >deploy/other-stack.yaml
git add deploy/other-stack.yaml
commit yes "the finding suppressed by a comment at the end of its line"

# 4. A .pipe file with its outputs committed in generated/<stem>/: goes
# through; edited without building again: blocked, with the diff.
mkdir pipelines
cp "$source_dir/samples/007-dsl/fixed/replication-trigger.pipe" pipelines/
pipec build -q pipelines/replication-trigger.pipe -o generated/replication-trigger >"$out" 2>&1 || fail "pipec build"
git add pipelines/replication-trigger.pipe generated/replication-trigger
commit yes "a .pipe file and what it builds"
says "pipec build --check"

sed 's/cluster "qa"/cluster "qa-2"/' pipelines/replication-trigger.pipe >"$scratch/edited.pipe"
cp "$scratch/edited.pipe" pipelines/replication-trigger.pipe
git add pipelines/replication-trigger.pipe
commit no "the .pipe file edited and its outputs not built again"
says "--- generated/replication-trigger/qa-web.codepipeline.json (committed)"
says "+++ generated/replication-trigger/qa-web.codepipeline.json (generated)"
says '+              "ClusterName": "qa-2",'
says "generated/replication-trigger is out of date with pipelines/replication-trigger.pipe"

pipec build -q pipelines/replication-trigger.pipe -o generated/replication-trigger >"$out" 2>&1 || fail "pipec build"
git add pipelines/replication-trigger.pipe generated/replication-trigger
commit yes "the outputs built again"

# And the whole tree at once, as CI would run it.
echo "- pre-commit run --all-files"
pre-commit run --all-files >"$out" 2>&1 || fail "pre-commit run --all-files"
echo "ok: $(git rev-list --count HEAD) commits, the blocked ones blocked"
