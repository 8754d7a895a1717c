// pipec test on suites in memory: how cases pass and fail, what the suite
// reader refuses, how folders are searched, and the exit status of each.

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "source/file_system.h"
#include "syntax/compare.h"
#include "syntax/json/json_reader.h"

namespace {

constexpr const char* kRule = R"({
  "Name": "web-pushed",
  "EventPattern": "{\"source\": [\"aws.ecr\"], \"detail\": {\"action-type\": [\"PUSH\"], \"image-tag\": [{\"prefix\": \"v\"}]}}"
})";

constexpr const char* kTargets = R"({
  "Rule": "web-pushed",
  "Targets": [{
    "Id": "deploy",
    "Arn": "arn:aws:codepipeline:eu-west-1:111122223333:web",
    "InputTransformer": {
      "InputPathsMap": {"digest": "$.detail.image-digest"},
      "InputTemplate": "{\"sourceRevisions\": [{\"actionName\": \"Image\", \"revisionType\": \"IMAGE_DIGEST\", \"revisionValue\": \"<digest>\"}]}"
    }
  }]
})";

constexpr const char* kEvent = R"({"source": "aws.ecr", "detail-type": "ECR Image Action", "account": "111122223333",
  "region": "eu-west-1", "detail": {"action-type": "PUSH", "image-tag": "v1", "image-digest": "sha256:abc"}})";

pipec::source::MemoryFileSystem files(const std::string& suite) {
  pipec::source::MemoryFileSystem fs;
  fs.add(".git/HEAD", "ref: refs/heads/main\n");  // a repository: its files may name each other
  fs.add("rules/put-rule.json", kRule);
  fs.add("rules/put-targets.json", kTargets);
  fs.add("events/push.json", kEvent);
  fs.add("rules/web.test.yaml", suite);
  return fs;
}

struct Run {
  int status;
  std::string out, err;
};

Run run_suites(const pipec::source::MemoryFileSystem& fs, std::vector<std::string> paths = {"rules/web.test.yaml"}) {
  pipec::cli::TestOptions options;
  options.paths = std::move(paths);
  pipec::cli::Output output;
  const int status = pipec::cli::run_test(options, fs, output);
  return {status, output.out, output.err};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("pipec test: cases that hold pass, paths are relative to the suite") {
  const auto run = run_suites(files(R"(rule: [put-rule.json, put-targets.json]
tests:
  - name: a v tag deploys its digest
    event: ../events/push.json
    payload: {sourceRevisions: [{revisionValue: "sha256:abc", revisionType: IMAGE_DIGEST, actionName: Image}]}
  - name: the exact text
    event: ../events/push.json
    payload-text: '{"sourceRevisions": [{"actionName": "Image", "revisionType": "IMAGE_DIGEST", "revisionValue": "sha256:abc"}]}'
  - name: a latest tag does not
    event: {source: aws.ecr, detail: {action-type: PUSH, image-tag: latest}}
    match: false
  - name: a pattern of the case's own
    pattern: {detail: {image-tag: [{anything-but: {prefix: w}}]}}
    events: [../events/push.json, {detail: {image-tag: x}}]
    match: true
)"));
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(has(run.out, "4 passed, 0 failed (4 cases in 1 suite)"));
}

TEST_CASE("pipec test: a wrong expectation fails at the suite line that holds it") {
  const auto run = run_suites(files(R"(rule: [put-rule.json, put-targets.json]
tests:
  - name: expects another digest
    event: ../events/push.json
    payload: {sourceRevisions: [{actionName: Image, revisionType: IMAGE_DIGEST, revisionValue: "sha256:def"}]}
  - name: expects no match
    event: ../events/push.json
    match: false
  - name: expects other text
    event: ../events/push.json
    payload-text: "{}"
)"));
  CHECK(run.status == 1);
  CHECK(has(run.out, "FAIL rules/web.test.yaml: expects another digest"));
  CHECK(has(run.out, "the payload differs at /sourceRevisions/0/revisionValue: \"sha256:def\" was expected, not \"sha256:abc\""));
  CHECK(has(run.out, "--> rules/web.test.yaml:5:"));
  CHECK(has(run.out, "events/push.json matches web-pushed, and the case expects no match"));
  CHECK(has(run.out, "the target receives other text"));
  CHECK(has(run.out, "0 passed, 3 failed"));
}

TEST_CASE("pipec test: a rule file with errors fails the cases that use it, not the suite") {
  auto fs = files(R"(tests:
  - name: broken rule
    rule: broken.json
    event: ../events/push.json
    match: true
  - name: fine rule
    rule: put-rule.json
    event: ../events/push.json
    match: true
)");
  fs.add("rules/broken.json", R"({"source": ["aws.ecr"],})");
  const auto run = run_suites(fs);
  CHECK(run.status == 1);
  CHECK(has(run.err, "trailing comma"));
  CHECK(has(run.out, "rules/broken.json has errors (above), so the case cannot run"));
  CHECK(has(run.out, "1 passed, 1 failed"));
}

TEST_CASE("pipec test: an event that is not a JSON object fails its case as TestEventPattern refuses it") {
  // localstack test_array_event_payload / test_plain_string_payload: "Parameter Event is not valid."
  auto fs = files(R"(rule: put-rule.json
tests:
  - name: an array
    event: ../events/array.json
    match: true
  - name: a string
    event: ../events/string.json
    match: false
  - name: an object
    event: ../events/push.json
    match: true
)");
  fs.add("events/array.json", R"([{"source": "aws.ecr"}])");
  fs.add("events/string.json", R"("plain string")");
  const auto run = run_suites(fs);
  CHECK(run.status == 1);
  CHECK(has(run.out, "events/array.json is not a JSON object, so the case cannot run"));
  CHECK(has(run.out, "events/string.json is not a JSON object, so the case cannot run"));
  CHECK(has(run.out, "invalid event: Parameter Event is not valid."));
  CHECK(has(run.out, "1 passed, 2 failed"));
}

TEST_CASE("pipec test: exact numbers compare by value unless the suite says numbers: text") {
  // localstack number_comparison_float: [300] matches 300.0 in the service.
  const std::string cases = R"(tests:
  - name: by value
    pattern: {n: [300]}
    event: {n: 300.0}
    match: true
)";
  CHECK(run_suites(files(cases)).status == 0);
  const auto as_text = run_suites(files("numbers: text\n" + cases));
  CHECK(as_text.status == 1);
  CHECK(has(as_text.out, "does not match"));
  CHECK(run_suites(files("numbers: value\n" + cases)).status == 0);
}

TEST_CASE("pipec test: a suite that says too little or too much cannot run, exit 2") {
  const auto run = run_suites(files(R"(tests:
  - name: nothing expected
    rule: put-rule.json
    event: ../events/push.json
  - name: both rule and pattern
    rule: put-rule.json
    pattern: {source: [aws.ecr]}
    event: ../events/push.json
    match: true
  - name: no match and a payload
    rule: [put-rule.json, put-targets.json]
    event: ../events/push.json
    match: false
    payload: {}
)"));
  CHECK(run.status == 2);
  CHECK(has(run.err, "case \"nothing expected\" expects nothing"));
  CHECK(has(run.err, "a case takes a rule or a pattern, not both"));
  CHECK(has(run.err, "a case that expects no match cannot expect a payload"));
  CHECK(has(run.err, "rules/web.test.yaml: the suite cannot run"));
}

TEST_CASE("pipec test: folders are searched for *.test.yaml, and an empty search is a usage error") {
  const auto fs = files(R"(rule: put-rule.json
tests:
  - {name: matches, event: ../events/push.json, match: true}
)");
  const auto found = run_suites(fs, {"."});
  CHECK(found.status == 0);
  CHECK(has(found.out, "ok   rules/web.test.yaml: matches"));
  const auto none = run_suites(fs, {"events"});
  CHECK(none.status == 2);
  CHECK(has(none.err, "no test suites"));
}

TEST_CASE("first_difference: values compare as JSON values, and the first difference is named") {
  pipec::source::SourceSet sources;
  const auto a = sources.add("a.json", R"({"x": [1, {"y": "z"}], "n": 1.0})");
  const auto b = sources.add("b.json", R"({"n": 1, "x": [1, {"y": "w"}]})");
  const auto c = sources.add("c.json", R"({"n": 1, "x": [1, {"y": "z"}], "extra": true})");
  const auto da = pipec::syntax::read_json(sources, a).document;
  const auto db = pipec::syntax::read_json(sources, b).document;
  const auto dc = pipec::syntax::read_json(sources, c).document;
  CHECK_FALSE(pipec::syntax::first_difference(da, da.root(), da, da.root()));
  const auto d = pipec::syntax::first_difference(da, da.root(), db, db.root());
  REQUIRE(d);
  CHECK(d->pointer == "/x/1/y");
  CHECK(d->reason == "\"z\" was expected, not \"w\"");
  const auto e = pipec::syntax::first_difference(da, da.root(), dc, dc.root());
  REQUIRE(e);
  CHECK(e->pointer == "/extra");
  CHECK(e->reason == "member \"extra\" is there, and was not expected");
}

// A suite in a pull request must not read the CI runner's files and print
// them: what it names stays inside its repository, and a file that is not
// JSON at all is never shown, even inside.
TEST_CASE("pipec test: a file outside the repository is refused unread; a file that is not JSON is not shown") {
  pipec::source::MemoryFileSystem fs;
  fs.add("repo/.git/HEAD", "ref: refs/heads/main\n");
  fs.add("repo/rules/put-rule.json", kRule);
  fs.add("secret.txt", "root:x:0:0:root:/root:/bin/bash\nAWS_ACCESS_KEY_ID=AKIA4QZRS7XJ2LPN3WDK\n");
  fs.add("repo/.env", "AWS_SECRET_ACCESS_KEY=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\n");
  fs.add("repo/rules/s.test.yaml", R"(rule: put-rule.json
tests:
  - name: outside
    event: ../../secret.txt
    match: true
  - name: root
    event: /secret.txt
    match: true
)");
  auto run = run_suites(fs, {"repo/rules/s.test.yaml"});
  INFO(run.out << run.err);
  CHECK(run.status == 2);
  CHECK(has(run.err, "\"secret.txt\" is outside the repository"));
  CHECK(has(run.err, "\"/secret.txt\" is outside the repository"));
  CHECK_FALSE(has(run.out + run.err, "root:x"));
  CHECK_FALSE(has(run.out + run.err, "4QZRS7XJ2LPN3WDK"));

  fs.add("repo/rules/env.test.yaml", R"(rule: put-rule.json
tests:
  - name: a .env file named by mistake
    event: ../.env
    match: true
)");
  run = run_suites(fs, {"repo/rules/env.test.yaml"});
  INFO(run.out << run.err);
  CHECK(has(run.out + run.err, "\"repo/.env\" is not a JSON or YAML document; its content is not shown"));
  CHECK_FALSE(has(run.out + run.err, "AWS_SECRET"));
  CHECK_FALSE(has(run.out + run.err, "kQ9vX2mZ"));
}
