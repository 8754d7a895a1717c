// pipec test-pattern and pipec transform on files in memory: which rule and
// target they pick among what the files declare, how PutTargets input finds
// its PutRule, and the exit status of each outcome.

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "source/file_system.h"

namespace {

using pipec::cli::Output;

constexpr const char* kEvent = R"({
  "version": "0", "id": "1", "detail-type": "ECR Image Action", "source": "aws.ecr",
  "account": "111122223333", "time": "2026-01-02T03:04:05Z", "region": "eu-west-1", "resources": [],
  "detail": {"action-type": "PUSH", "result": "SUCCESS", "repository-name": "web",
             "image-digest": "sha256:abc", "image-tag": "v1"}
})";

constexpr const char* kPushRule = R"({
  "Name": "web-pushed",
  "EventPattern": "{\"source\": [\"aws.ecr\"], \"detail\": {\"action-type\": [\"PUSH\"], \"repository-name\": [\"web\"]}}"
})";

constexpr const char* kOtherRule = R"({
  "Name": "web-pushed",
  "EventPattern": "{\"source\": [\"aws.ecr\"], \"detail\": {\"repository-name\": [\"api\"]}}"
})";

constexpr const char* kTargets = R"({
  "Rule": "web-pushed",
  "Targets": [{
    "Id": "notify",
    "Arn": "arn:aws:lambda:eu-west-1:111122223333:function:notify",
    "InputTransformer": {
      "InputPathsMap": {"tag": "$.detail.image-tag"},
      "InputTemplate": "{\"rule\": \"<aws.events.rule-name>\", \"arn\": \"<aws.events.rule-arn>\", \"tag\": <tag>}"
    }
  }]
})";

pipec::source::MemoryFileSystem files() {
  pipec::source::MemoryFileSystem fs;
  fs.add("event.json", kEvent);
  fs.add("app/put-rule.json", kPushRule);
  fs.add("app/put-targets.json", kTargets);
  fs.add("other/put-rule.json", kOtherRule);
  return fs;
}

}  // namespace

TEST_CASE("transform: PutTargets input takes its rule's name and pattern from the PutRule beside it") {
  const auto fs = files();
  pipec::cli::TransformOptions options;
  options.declaring = "app/put-targets.json";
  options.event = "event.json";
  // Both rules are named web-pushed; the one in the same folder is the target's.
  options.also = {"other/put-rule.json", "app/put-rule.json"};
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 0);
  CHECK(output.out ==
        "{\"rule\": \"web-pushed\", \"arn\": \"arn:aws:events:eu-west-1:111122223333:rule/web-pushed\", "
        "\"tag\": \"v1\"}\n");
  CHECK(output.err.empty());
}

TEST_CASE("transform: a rule that does not match the event is a warning, the input is still printed") {
  const auto fs = files();
  pipec::cli::TransformOptions options;
  options.declaring = "app/put-targets.json";
  options.event = "event.json";
  options.also = {"other/put-rule.json"};
  options.rule = "web-pushed";
  options.rule_arn = "arn:aws:events:eu-west-1:111122223333:rule/x";
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 0);
  CHECK(output.out.find("rule/x") != std::string::npos);
  CHECK(output.err.find("warning: rule \"web-pushed\" does not match this event") != std::string::npos);
}

TEST_CASE("transform: a transformer EventBridge refuses exits 2 and prints nothing") {
  auto fs = files();
  fs.add("bad.json", R"({"InputPathsMap": {"aws.events.rule-name": "$.detail"}, "InputTemplate": "<aws.events.rule-name>"})");
  pipec::cli::TransformOptions options;
  options.declaring = "bad.json";
  options.event = "event.json";
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 2);
  CHECK(output.out.empty());
  CHECK(output.err.find("invalid input transformer") != std::string::npos);
}

TEST_CASE("transform: a pipeline target's payload is checked as StartPipelineExecution input") {
  auto fs = files();
  fs.add("pipeline-targets.json", R"({
  "Rule": "web-pushed",
  "Targets": [{
    "Id": "deploy",
    "Arn": "arn:aws:codepipeline:eu-west-1:111122223333:web",
    "InputTransformer": {
      "InputPathsMap": {"digest": "$.detail.image-digest"},
      "InputTemplate": "{\"sourceRevisions\": [{\"actionName\": \"Image\", \"revisionType\": \"DIGEST\", \"revisionValue\": \"<digest>\"}]}"
    }
  }]
})");
  pipec::cli::TransformOptions options;
  options.declaring = "pipeline-targets.json";
  options.event = "event.json";
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 1);
  CHECK(output.err.find("IMAGE_DIGEST") != std::string::npos);
  CHECK(output.out.find("sha256:abc") != std::string::npos);
}

TEST_CASE("test-pattern: exit 0 when every event matches, 1 when one does not, 2 for an invalid pattern") {
  auto fs = files();
  fs.add("invalid.json", R"({"detail": {"repository-name": "web"}})");
  pipec::cli::PatternTestOptions options;
  options.declaring = "app/put-rule.json";
  options.events = {"event.json"};
  Output matched;
  CHECK(pipec::cli::run_test_pattern(options, fs, matched) == 0);
  CHECK(matched.out.rfind("match: event.json\n", 0) == 0);

  options.declaring = "other/put-rule.json";
  Output unmatched;
  CHECK(pipec::cli::run_test_pattern(options, fs, unmatched) == 1);
  CHECK(unmatched.out.find("no match: event.json: \"detail.repository-name\" is \"web\" in the event, which is not \"api\"") !=
        std::string::npos);

  options.declaring = "invalid.json";
  options.quiet = true;
  Output invalid;
  CHECK(pipec::cli::run_test_pattern(options, fs, invalid) == 2);
}

TEST_CASE("test-pattern: --rule picks among the rules a .pipe file declares, and says which exist") {
  auto fs = files();
  fs.add("two.pipe", R"(pipeline web {
  role "arn:aws:iam::111122223333:role/web"
  store s3 "artifacts-111122223333"
  stage Source { ecr Image { repository "web" } -> ImageDetail }
  stage Build { imagedefinitions Convert { container "web" } ImageDetail -> ImageDefs }
  stage Deploy { ecs Web { cluster "prod"  service "web" } ImageDefs }
}
rule pushed { on ecr push { repository "web" }; start web }
rule replicated { on ecr replication { repository "web" }; start web }
)");
  pipec::cli::PatternTestOptions options;
  options.declaring = "two.pipe";
  options.events = {"event.json"};
  options.quiet = true;
  Output ambiguous;
  CHECK(pipec::cli::run_test_pattern(options, fs, ambiguous) == 2);
  CHECK(ambiguous.err.find("pushed") != std::string::npos);
  CHECK(ambiguous.err.find("replicated") != std::string::npos);

  options.rule = "pushed";
  Output pushed;
  CHECK(pipec::cli::run_test_pattern(options, fs, pushed) == 0);
  options.rule = "replicated";
  Output replicated;
  CHECK(pipec::cli::run_test_pattern(options, fs, replicated) == 1);
}

TEST_CASE("test-pattern: the pattern file is a pattern whatever its top-level keys") {
  auto fs = files();
  // Each of these classifies as something else (or nothing) in a folder walk;
  // each matches the event.
  fs.add("account.json", R"({"account": ["111122223333"]})");
  fs.add("resources.json", R"({"resources": [{"exists": false}]})");
  fs.add("other-key.json", R"({"a": [{"exists": false}]})");
  fs.add("paths-like.json", R"({"source": "$.x"})");
  pipec::cli::PatternTestOptions options;
  options.events = {"event.json"};
  for (const char* path : {"account.json", "resources.json", "other-key.json"}) {
    INFO(path);
    options.declaring = path;
    Output output;
    CHECK(pipec::cli::run_test_pattern(options, fs, output) == 0);
    CHECK(output.err.empty());
  }
  // Read as a pattern, it is one EventBridge refuses.
  options.declaring = "paths-like.json";
  Output refused;
  CHECK(pipec::cli::run_test_pattern(options, fs, refused) == 2);
  CHECK(refused.err.find("\"source\" must be an object or an array") != std::string::npos);
  // A PutRule input is still a rule.
  options.declaring = "app/put-rule.json";
  Output rule;
  CHECK(pipec::cli::run_test_pattern(options, fs, rule) == 0);
}

TEST_CASE("test-pattern: an event that is not an object is \"Parameter Event is not valid.\", the others still run") {
  // localstack test_array_event_payload, test_plain_string_payload (TestEventPattern, recorded against AWS).
  auto fs = files();
  fs.add("array.json", R"([{"source": "aws.ecr"}])");
  fs.add("string.json", R"("plain string")");
  fs.add("number.json", "42");
  fs.add("broken.json", R"({"source": "aws.ecr",})");
  pipec::cli::PatternTestOptions options;
  options.declaring = "app/put-rule.json";
  options.events = {"array.json", "event.json", "string.json", "missing.json", "broken.json", "number.json"};
  Output output;
  CHECK(pipec::cli::run_test_pattern(options, fs, output) == 2);
  CHECK(output.out.find("error: array.json: Parameter Event is not valid. (a JSON array, not an object)\n") !=
        std::string::npos);
  CHECK(output.out.find("match: event.json\n") != std::string::npos);
  CHECK(output.out.find("error: string.json: Parameter Event is not valid. (a JSON string, not an object)\n") !=
        std::string::npos);
  CHECK(output.out.find("error: number.json: Parameter Event is not valid. (a JSON number, not an object)\n") !=
        std::string::npos);
  CHECK(output.out.find("error: missing.json: cannot be read (above)\n") != std::string::npos);
  CHECK(output.out.find("error: broken.json: has errors (above)\n") != std::string::npos);
  CHECK(output.err.find("invalid event: Parameter Event is not valid.") != std::string::npos);
  CHECK(output.err.find("trailing comma") != std::string::npos);

  // JSON output: every event has a result, in order.
  options.format = "json";
  Output json;
  CHECK(pipec::cli::run_test_pattern(options, fs, json) == 2);
  CHECK(json.out.find(R"x("error": "Parameter Event is not valid. (a JSON array, not an object)")x") != std::string::npos);

  // The worst verdict decides the exit status: a no match with good events is 1.
  options.format = "text";
  options.declaring = "other/put-rule.json";
  options.events = {"event.json"};
  Output unmatched;
  CHECK(pipec::cli::run_test_pattern(options, fs, unmatched) == 1);
}

TEST_CASE("test-pattern: missing envelope fields are a warning, never resources") {
  // localstack test_invalid_event_payload: an object without the envelope is refused; minimal.json5: an
  // envelope without resources is accepted.
  auto fs = files();
  fs.add("partial.json", R"({"source": "aws.ecr", "detail-type": "ECR Image Action",
    "detail": {"action-type": "PUSH", "repository-name": "web"}})");
  fs.add("no-resources.json", R"({"version": "0", "id": "1", "detail-type": "ECR Image Action", "source": "aws.ecr",
    "account": "111122223333", "time": "2026-01-02T03:04:05Z", "region": "eu-west-1",
    "detail": {"action-type": "PUSH", "repository-name": "web"}})");
  pipec::cli::PatternTestOptions options;
  options.declaring = "app/put-rule.json";
  options.events = {"partial.json", "no-resources.json"};
  Output output;
  CHECK(pipec::cli::run_test_pattern(options, fs, output) == 0);
  CHECK(output.err.find("warning: the event has no \"id\", \"account\", \"time\" or \"region\", which TestEventPattern "
                        "requires") != std::string::npos);
  CHECK(output.err.find("no-resources.json") == std::string::npos);
  CHECK(output.out.find("match: partial.json\n") != std::string::npos);
  CHECK(output.out.find("match: no-resources.json\n") != std::string::npos);
}

TEST_CASE("transform: an event that is not an object is refused, nothing is printed") {
  auto fs = files();
  fs.add("array.json", R"([{"detail": {"image-tag": "v1"}}])");
  pipec::cli::TransformOptions options;
  options.declaring = "app/put-targets.json";
  options.event = "array.json";
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 2);
  CHECK(output.out.empty());
  CHECK(output.err.find("invalid event: Parameter Event is not valid.") != std::string::npos);
}

TEST_CASE("test-pattern: exact numbers by value by default, as text with --numbers text") {
  auto fs = files();
  fs.add("number.json", R"({"detail": {"count": [300]}})");
  fs.add("float.json", R"({"detail": {"count": 3e2}})");
  pipec::cli::PatternTestOptions options;
  options.declaring = "number.json";
  options.events = {"float.json"};
  options.quiet = true;
  Output by_value;
  CHECK(pipec::cli::run_test_pattern(options, fs, by_value) == 0);
  options.numbers_by_value = false;
  Output as_text;
  CHECK(pipec::cli::run_test_pattern(options, fs, as_text) == 1);
}

TEST_CASE("test-pattern and transform show the pattern's warnings") {
  auto fs = files();
  fs.add("wide.json", R"({"detail": {"count": [{"numeric": [">", 6e9]}]}})");
  fs.add("count.json", R"({"detail": {"count": 7e9}})");
  pipec::cli::PatternTestOptions options;
  options.declaring = "wide.json";
  options.events = {"count.json"};
  Output output;
  CHECK(pipec::cli::run_test_pattern(options, fs, output) == 0);
  CHECK(output.err.find("warning: 6e9 is outside -5.0e9 to 5.0e9, the range EventBridge documents for numeric matching") !=
        std::string::npos);

  fs.add("wide-rule.json", R"({"Name": "web-pushed", "EventPattern": "{\"detail\": {\"image-tag\": [{\"numeric\": [\"<\", -6e9]}]}}"})");
  pipec::cli::TransformOptions transform;
  transform.declaring = "app/put-targets.json";
  transform.event = "event.json";
  transform.also = {"wide-rule.json"};
  Output rendered;
  CHECK(pipec::cli::run_transform(transform, fs, rendered) == 0);
  CHECK(rendered.err.find("warning: -6e9 is outside -5.0e9 to 5.0e9") != std::string::npos);
}

TEST_CASE("test-pattern: a pattern past 2048 characters warns, past 4096 is refused") {
  auto fs = files();
  const auto pattern = [](std::size_t names) {
    std::string out = R"({"detail": {"repository-name": [)";
    for (std::size_t i = 0; i < names; ++i) out += (i ? ", \"" : "\"") + std::string(40, 'a' + static_cast<char>(i % 26)) + "\"";
    return out + R"(, "web"]}})";
  };
  fs.add("long.json", pattern(60));    // about 2600 characters
  fs.add("longer.json", pattern(110));  // about 4800
  pipec::cli::PatternTestOptions options;
  options.events = {"event.json"};
  options.declaring = "long.json";
  Output warned;
  CHECK(pipec::cli::run_test_pattern(options, fs, warned) == 0);
  CHECK(warned.err.find("warning: the pattern is ") != std::string::npos);
  options.declaring = "longer.json";
  Output refused;
  CHECK(pipec::cli::run_test_pattern(options, fs, refused) == 2);
  CHECK(refused.err.find("characters; EventBridge allows at most 4096") != std::string::npos);
}

TEST_CASE("test-pattern: too many $or combinations is pipec's limit, said as such") {
  auto fs = files();
  const auto alternatives = [](const char* field) {
    std::string out = "[";
    for (int i = 0; i < 11; ++i) out += std::string(i ? "," : "") + "{\"" + field + R"(": [")" + std::to_string(i) + R"("]})";
    return out + "]";
  };
  const std::string many = R"({"$or": )" + alternatives("a") + R"(, "detail": {"$or": )" + alternatives("b") +
                           R"(}, "x": {"$or": )" + alternatives("c") + "}}";
  fs.add("many.json", many);
  pipec::cli::PatternTestOptions options;
  options.declaring = "many.json";
  options.events = {"event.json"};
  Output output;
  CHECK(pipec::cli::run_test_pattern(options, fs, output) == 2);
  CHECK(output.err.find("(a limit of pipec, not of EventBridge)") != std::string::npos);
  CHECK(output.err.find("invalid event pattern") == std::string::npos);
}

TEST_CASE("transform: the default rule ARN names a custom bus") {
  auto fs = files();
  fs.add("bus/put-rule.json", R"({"Name": "web-pushed", "EventBusName": "builds",
    "EventPattern": "{\"source\": [\"aws.ecr\"]}"})");
  fs.add("bus/put-targets.json", R"({"Rule": "web-pushed", "EventBusName": "builds", "Targets": [{
    "Id": "notify", "Arn": "arn:aws:sqs:eu-west-1:111122223333:q",
    "InputTransformer": {"InputPathsMap": {}, "InputTemplate": "\"<aws.events.rule-arn>\""}}]})");
  pipec::cli::TransformOptions options;
  options.declaring = "bus/put-targets.json";
  options.also = {"bus/put-rule.json"};
  options.event = "event.json";
  Output output;
  CHECK(pipec::cli::run_transform(options, fs, output) == 0);
  CHECK(output.out == "\"arn:aws:events:eu-west-1:111122223333:rule/builds/web-pushed\"\n");
  // PutTargets input alone says the bus too.
  options.also.clear();
  Output alone;
  CHECK(pipec::cli::run_transform(options, fs, alone) == 0);
  CHECK(alone.out == "\"arn:aws:events:eu-west-1:111122223333:rule/builds/web-pushed\"\n");
}

TEST_CASE("transform: a template that is not JSON is text, for the targets that take text") {
  auto fs = files();
  const auto targets = [](const char* arn) {
    return std::string(R"({"Rule": "web-pushed", "Targets": [{"Id": "t", "Arn": ")") + arn +
           R"(", "InputTransformer": {"InputPathsMap": {"tag": "$.detail.image-tag", "repo": "$.detail.repository-name"},
           "InputTemplate": "<repo> was pushed with tag <tag>"}}]})";
  };
  fs.add("sqs.json", targets("arn:aws:sqs:eu-west-1:111122223333:q"));
  fs.add("lambda.json", targets("arn:aws:lambda:eu-west-1:111122223333:function:f"));
  pipec::cli::TransformOptions options;
  options.event = "event.json";
  options.declaring = "sqs.json";
  Output text;
  CHECK(pipec::cli::run_transform(options, fs, text) == 0);
  CHECK(text.out == "web was pushed with tag v1\n");
  options.declaring = "lambda.json";
  Output json;
  CHECK(pipec::cli::run_transform(options, fs, json) == 1);
  CHECK(json.err.find("not valid JSON") != std::string::npos);
}

TEST_CASE("transform: a target with InputPath and InputTransformer is refused in PutTargets' words") {
  // X10: localstack test_put_event_input_path_and_input_transformer (ValidationException).
  auto fs = files();
  fs.add("both.json", R"({"Rule": "web-pushed", "Targets": [{"Id": "t1", "Arn": "arn:aws:sqs:eu-west-1:111122223333:q",
    "InputPath": "$.detail",
    "InputTransformer": {"InputPathsMap": {"tag": "$.detail.image-tag"}, "InputTemplate": "<tag>"}}]})");
  fs.add("input.json", R"({"Rule": "web-pushed", "Targets": [{"Id": "t2", "Arn": "arn:aws:sqs:eu-west-1:111122223333:q",
    "Input": "{}", "InputPath": "$.detail"}]})");
  pipec::cli::TransformOptions options;
  options.event = "event.json";
  options.declaring = "both.json";
  Output both;
  CHECK(pipec::cli::run_transform(options, fs, both) == 2);
  CHECK(both.out.empty());
  CHECK(both.err.find("error: Only one of Input, InputPath, or InputTransformer must be provided for target t1.") !=
        std::string::npos);
  options.declaring = "input.json";
  Output input;
  CHECK(pipec::cli::run_transform(options, fs, input) == 2);
  CHECK(input.err.find("must be provided for target t2.") != std::string::npos);
}
