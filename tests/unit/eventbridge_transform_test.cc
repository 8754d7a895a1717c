// Input transformers: what EventBridge delivers for an event (the user
// guide's "Transforming target input" examples), what it refuses, and the
// StartPipelineExecution payload a CodePipeline target receives.

#include <catch2/catch.hpp>

#include "util/json_string.h"
#include "eventbridge/json_path.h"
#include "eventbridge/json_write.h"
#include "eventbridge/pipeline_input.h"
#include "eventbridge/transform.h"
#include "eventbridge_support.h"
#include "model/load.h"
#include "source/file_system.h"

using namespace pipec;
using namespace pipec::eventbridge;
using pipec::eventbridge::test::Json;

namespace {

// The EC2 event of the user guide's input transformer examples.
constexpr const char* kEc2 = R"({
  "version": "0",
  "id": "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  "source": "aws.ec2",
  "account": "123456789012",
  "time": "2015-11-11T21:29:54Z",
  "region": "us-east-1",
  "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  "detail": {"instance-id": "i-0123456789", "state": "RUNNING"}
})";
constexpr const char* kEc2Paths = R"({"timestamp": "$.time", "instance": "$.detail.instance-id", "state": "$.detail.state"})";

// localstack's SPECIAL_EVENT_DETAIL (tests/aws/services/events/test_events.py)
// in an event, and the paths of its input transformer tests.
constexpr const char* kSpecial = R"({
  "version": "0", "id": "1", "detail-type": "core.update-account-command", "source": "core.update-account",
  "account": "111111111111", "time": "2025-10-08T10:00:00Z", "region": "us-east-1", "resources": [],
  "detail": {"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"},
             "listsingle": ["HIGH"], "listmulti": ["ACTIVE", "INACTIVE"], "valid": true}
})";
constexpr const char* kSpecialPaths = R"({"userId": "$.detail.payload.acc_id", "payload": "$.detail.payload",
  "systemstring": "$.detail.awsAccountId", "listsingle": "$.detail.listsingle", "listmulti": "$.detail.listmulti",
  "valid": "$.detail.valid"})";

// A transformer file read the way `pipec lint` reads one.
struct LoadedTransformer {
  model::Workspace ws;
  [[nodiscard]] const model::InputTransformer& transformer() const { return ws.transformers.at(0); }
  [[nodiscard]] std::string text(source::Span span) const {
    return std::string(ws.sources.file(span.file).text().substr(span.begin, span.size()));
  }
};

LoadedTransformer load_transformer(const std::string& paths, const std::string& input_template) {
  std::string file = R"({"InputPathsMap": )" + paths + R"(, "InputTemplate": )";
  util::write_json_string(input_template, file);
  file += "}";
  source::MemoryFileSystem fs;
  fs.add("transformer.json", file);
  const std::vector<std::string> inputs{"transformer.json"};
  LoadedTransformer loaded{model::load(fs, inputs, {})};
  REQUIRE(loaded.ws.transformers.size() == 1);
  REQUIRE(loaded.transformer().input_template);
  return loaded;
}

RenderResult render_with(const std::string& paths, const std::string& input_template, const char* event,
                         RenderOptions options = {}) {
  const auto loaded = load_transformer(paths, input_template);
  const Json e{event};
  return render(loaded.transformer(), loaded.ws.sources, e.doc(), options);
}

std::string rendered(const std::string& paths, const std::string& input_template, const char* event = kEc2,
                     RenderOptions options = {}) {
  const auto r = render_with(paths, input_template, event, options);
  std::string errors;
  for (const auto& e : r.errors) errors += e.message + "\n";
  INFO(errors);
  CHECK(r.errors.empty());
  return r.text;
}

std::vector<std::string> errors_of(const std::string& paths, const std::string& input_template,
                                   const char* event = kEc2) {
  const auto loaded = load_transformer(paths, input_template);
  const Json e{event};
  std::vector<std::string> out;
  for (const auto& err : render(loaded.transformer(), loaded.ws.sources, e.doc()).errors) {
    out.push_back(loaded.text(err.span) + " | " + err.message);
  }
  return out;
}

}  // namespace

TEST_CASE("the user guide's input template examples", "[eventbridge][transform][docs]") {
  CHECK(rendered(kEc2Paths, R"("instance <instance> is in <state>")") == R"("instance i-0123456789 is in RUNNING")");
  CHECK(rendered(kEc2Paths, R"("instance \"<instance>\" is in <state>")") ==
        R"("instance \"i-0123456789\" is in RUNNING")");
  CHECK(rendered(kEc2Paths, "{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}") ==
        "{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\"\n}");
  CHECK(rendered(kEc2Paths,
                 R"({"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"})") ==
        R"({"instance" : "i-0123456789", "state": "RUNNING", "instanceStatus": "instance \"i-0123456789\" is in RUNNING"})");
  CHECK(rendered(kEc2Paths, R"({"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"})") ==
        R"({"instance" : "i-0123456789", "state": [ 9, "RUNNING", true ], "Transformed" : "Yes"})");
  RenderOptions example;
  example.rule_name = "example";
  example.rule_arn = "arn:aws:events:us-east-2:123456789012:rule/example";
  CHECK(rendered(kEc2Paths, R"("<aws.events.rule-name> triggered")", kEc2, example) == R"("example triggered")");
  CHECK(rendered(kEc2Paths,
                 R"({"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event>})",
                 kEc2, example) ==
        R"({"instance" : "i-0123456789", "state": "RUNNING", "ruleArn" : "arn:aws:events:us-east-2:123456789012:rule/example", "ruleName" : "example", "originalEvent" : {"id":"7bf73129-1428-4cd3-a780-95db273d1602","account":"123456789012","detailType":"EC2 Instance State-change Notification","time":"2015-11-11T21:29:54Z","source":"aws.ec2","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"version":"0"}})");
}

TEST_CASE("predefined variables and their defaults", "[eventbridge][transform]") {
  // Defaults: rule "rule", its ARN from the event's region and account, the
  // event's time as ingestion time.
  CHECK(rendered("{}", R"({"n": <aws.events.rule-name>, "a": <aws.events.rule-arn>, "t": <aws.events.event.ingestion-time>})") ==
        R"({"n": "rule", "a": "arn:aws:events:us-east-1:123456789012:rule/rule", "t": "2015-11-11T21:29:54Z"})");
  RenderOptions options;
  options.ingestion_time = "2024-05-08T20:44:55Z";
  CHECK(rendered("{}", R"("at <aws.events.event.ingestion-time>")", kEc2, options) == R"("at 2024-05-08T20:44:55Z")");
  CHECK(rendered("{}", R"({"e": <aws.events.event.json>})", R"({"source": "s", "detail": {"a": [1, "x\"y"]}})") ==
        R"({"e": {"source":"s","detail":{"a":[1,"x\"y"]}}})");
  CHECK(rendered("{}", R"({"e": <aws.events.event>})", R"({"source": "s", "detail": {"a": 1}})") ==
        R"({"e": {"source":"s"}})");
  // X8: localstack test_input_transformer_predefined_variables (recorded against AWS): no detail,
  // detailType, the service's order; <aws.events.event.json> is the whole event.
  CHECK(rendered("{}", R"({"originalEvent": <aws.events.event>})", kSpecial) ==
        R"({"originalEvent": {"id":"1","account":"111111111111","detailType":"core.update-account-command",)"
        R"("time":"2025-10-08T10:00:00Z","source":"core.update-account","region":"us-east-1","resources":[],"version":"0"}})");
  CHECK(rendered("{}", R"({"e": <aws.events.event>})", R"({"replay-name": "r", "detail": {}, "id": "1"})") ==
        R"({"e": {"id":"1","replay-name":"r"}})");
  CHECK(rendered("{}", R"("<aws.events.rule-arn>")", R"({"detail": {}})") ==
        R"("arn:aws:events:us-east-1:123456789012:rule/rule")");
  // X9: a rule on a custom bus has the bus in its ARN (localstack
  // test_input_transformer_predefined_variables); the default bus has not.
  RenderOptions custom;
  custom.rule_name = "deploy";
  custom.event_bus = "builds";
  CHECK(rendered("{}", R"("<aws.events.rule-arn> <aws.events.rule-name>")", kSpecial, custom) ==
        R"("arn:aws:events:us-east-1:111111111111:rule/builds/deploy deploy")");
  custom.event_bus = "arn:aws:events:us-east-1:111111111111:event-bus/builds";
  CHECK(rendered("{}", R"("<aws.events.rule-arn>")", kSpecial, custom) ==
        R"("arn:aws:events:us-east-1:111111111111:rule/builds/deploy")");
  custom.event_bus = "default";
  CHECK(rendered("{}", R"("<aws.events.rule-arn>")", kSpecial, custom) ==
        R"("arn:aws:events:us-east-1:111111111111:rule/deploy")");
}

TEST_CASE("placeholders in and out of strings", "[eventbridge][transform]") {
  const char* event = R"({"detail": {"n": 5, "f": -2.5e3, "t": true, "z": null, "o": {"a": [1, 2]}, "l": ["x", "y"], "s": "v"}})";
  const std::string paths = R"({"n": "$.detail.n", "f": "$.detail.f", "t": "$.detail.t", "z": "$.detail.z", "o": "$.detail.o", "l": "$.detail.l", "s": "$.detail.s"})";
  // Outside a string: JSON values, numbers as written.
  CHECK(rendered(paths, R"([<n>, <f>, <t>, <z>, <o>, <l>, <s>])", event) ==
        R"([5, -2.5e3, true, null, {"a":[1,2]}, ["x","y"], "v"])");
  // Inside a string: raw text.
  CHECK(rendered(paths, R"("<n> <f> <t> <z> <s>")", event) == R"("5 -2.5e3 true null v")");
  // A template that is not JSON: strings go in as their text, and a target
  // that takes text takes it (the API reference's "<instance> is in state
  // <status>").
  RenderOptions plain;
  plain.json_target = false;
  const auto text = render_with(paths, R"(n=<n> s=<s> o=<o>)", event, plain);
  CHECK(text.errors.empty());
  CHECK(text.text == R"(n=5 s=v o={"a":[1,2]})");
  CHECK(render_with(kEc2Paths, "<instance> is in state <state>", kEc2, plain).text == "i-0123456789 is in state RUNNING");
  const auto missing = render_with(R"({"x": "$.detail.nothing"})", "value: <x>.", kEc2, plain);
  CHECK(missing.text == "value: .");
  REQUIRE(missing.warnings.size() == 1);
  CHECK(missing.warnings[0].message == R"(the event has nothing at "$.detail.nothing", so <x> renders as empty text)");
  // A target that takes JSON does not.
  const auto json = render_with(kEc2Paths, "<instance> is in state <state>", kEc2);
  REQUIRE(json.errors.size() == 1);
  CHECK(json.errors[0].message.find("not valid JSON") != std::string::npos);
  // A lone placeholder is JSON.
  CHECK(render_with(paths, "<s>", event, plain).text == R"("v")");
}

TEST_CASE("values are not escaped inside strings", "[eventbridge][transform]") {
  // EventBridge does not escape extracted values: a quote in a value breaks
  // the JSON around a quoted placeholder; a bare placeholder is valid JSON.
  const char* event = R"({"detail": {"msg": "say \"hi\""}})";
  const auto r = render_with(R"({"msg": "$.detail.msg"})", R"({"m": "<msg>"})", event);
  CHECK(r.text == R"({"m": "say "hi""})");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message.find("not valid JSON") != std::string::npos);
  CHECK(rendered(R"({"msg": "$.detail.msg"})", R"({"m": <msg>})", event) == R"({"m": "say \"hi\""})");
}

TEST_CASE("objects and arrays inside quotes: quotes removed in a string, nothing delivered in an object", "[eventbridge][transform]") {
  // localstack test_events_inputs.py, recorded against AWS (SQS bodies).
  // X3, X4, X7: in a template that is a JSON string, compact JSON without its quotes.
  CHECK(rendered(kSpecialPaths, R"("Payload of <payload> with path users-service/users/<userId> and <userId>")", kSpecial) ==
        R"("Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015")");
  CHECK(rendered(kSpecialPaths, R"("<listsingle> single list item")", kSpecial) == R"("[HIGH] single list item")");
  CHECK(rendered(kSpecialPaths, R"("<listmulti> multiple list items")", kSpecial) == R"("[ACTIVE,INACTIVE] multiple list items")");
  CHECK(rendered(kSpecialPaths, R"("Command is <valid>!")", kSpecial) == R"("Command is true!")");
  // X6: bare, JSON; a string inside quotes, its text.
  CHECK(rendered(kSpecialPaths, R"({"singlelistitem": <listsingle>})", kSpecial) == R"({"singlelistitem": ["HIGH"]})");
  CHECK(rendered(kSpecialPaths, R"({"id" : "<userId>"})", kSpecial) == R"({"id" : "0a787ecb-4015"})");
  CHECK(rendered(kSpecialPaths, R"({"id" : <userId>})", kSpecial) == R"({"id" : "0a787ecb-4015"})");
  CHECK(rendered(kSpecialPaths, R"([<userId>, "hardcoded"])", kSpecial) == R"(["0a787ecb-4015", "hardcoded"])");
  CHECK(rendered(kSpecialPaths, R"({"not_valid": "bod", "bod": <payload>})", kSpecial) ==
        R"({"not_valid": "bod", "bod": {"acc_id":"0a787ecb-4015","sf_id":"baz"}})");
  // X5: test_input_transformer_nested_keys_replacement_not_valid: no message arrives.
  using E = std::vector<std::string>;
  CHECK(errors_of(kSpecialPaths, R"({"payload": "<payload>"})", kSpecial) ==
        E{"<payload> | <payload> is a JSON object inside quotes in an object template: EventBridge does not deliver this "
          "event (the target receives nothing)"});
  CHECK(errors_of(kSpecialPaths, R"({"singlelistitem": "<listsingle>"})", kSpecial) ==
        E{"<listsingle> | <listsingle> is a JSON array inside quotes in an object template: EventBridge does not "
          "deliver this event (the target receives nothing)"});
  CHECK(errors_of(kSpecialPaths, R"({"not_valid": "users-service/users/<payload>", "bod": <payload>})", kSpecial).size() == 1);
  // A wildcard path's array, too.
  CHECK(rendered(R"({"l": "$.detail.listmulti[*]"})", R"("<l>")", kSpecial) == R"("[ACTIVE,INACTIVE]")");
}

TEST_CASE("paths that select nothing render as an empty string", "[eventbridge][transform]") {
  const auto quoted = render_with(R"({"digest": "$.detail.imageDigest"})", R"({"revisionValue": "<digest>"})", kEc2);
  CHECK(quoted.text == R"({"revisionValue": ""})");
  CHECK(quoted.errors.empty());
  REQUIRE(quoted.warnings.size() == 1);
  CHECK(quoted.warnings[0].message == R"(the event has nothing at "$.detail.imageDigest", so <digest> renders as empty text)");
  REQUIRE(quoted.placeholders.size() == 1);
  CHECK(quoted.placeholders[0].missing);
  // Outside a string: "" (X1, localstack test_put_events_with_input_transformer_input_template_json,
  // "custom-variables-not-match-all", recorded against AWS).
  const auto bare = render_with(R"({"digest": "$.detail.imageDigest"})", R"({"revisionValue": <digest>})", kEc2);
  CHECK(bare.text == R"({"revisionValue": ""})");
  CHECK(bare.errors.empty());
  REQUIRE(bare.warnings.size() == 1);
  CHECK(bare.warnings[0].message == R"(the event has nothing at "$.detail.imageDigest", so <digest> renders as "")");
  const char* paths = R"({"detail-type": "$.detail-type", "timestamp": "$.time", "command": "$.detail.notinmessage"})";
  CHECK(rendered(paths, R"({"detailType": <detail-type>,  "time": <timestamp>, "command": <command>})", kSpecial) ==
        R"({"detailType": "core.update-account-command",  "time": "2025-10-08T10:00:00Z", "command": ""})");
  // X2: ..._input_template_string: inside a string, no text.
  CHECK(rendered(paths, R"("Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>")",
                 kSpecial) ==
        R"("Event of core.update-account-command type, at time 2025-10-08T10:00:00Z, info extracted from detail ")");
  CHECK(rendered(kSpecialPaths, R"("<userId> system account id <systemstring> end")", kSpecial) ==
        R"("0a787ecb-4015 system account id  end")");
}

TEST_CASE("JSON paths: dot notation, indexes, wildcards", "[eventbridge][transform]") {
  const char* event = R"({"resources": ["r0", "r1"], "detail": {"a-b": {"c_d": 1}, "x/y": 2, "list": [{"k": "v0"}, {"k": "v1"}]}})";
  CHECK(rendered(R"({"v": "$.resources[1]"})", "<v>", event) == R"("r1")");
  CHECK(rendered(R"({"v": "$.detail.a-b.c_d"})", "<v>", event) == "1");
  CHECK(rendered(R"({"v": "$.detail.x/y"})", "<v>", event) == "2");
  CHECK(rendered(R"({"v": "$.detail.list[0].k"})", "<v>", event) == R"("v0")");
  CHECK(rendered(R"({"v": "$.resources[*]"})", "<v>", event) == R"(["r0","r1"])");
  CHECK(rendered(R"({"v": "$.detail.list[*].k"})", "<v>", event) == R"(["v0","v1"])");
  CHECK(rendered(R"({"v": "$.detail.*"})", "<v>", event) == R"([{"c_d":1},2,[{"k":"v0"},{"k":"v1"}]])");
  CHECK(rendered(R"({"v": "$"})", "<v>", R"({"a": 1})") == R"({"a":1})");
  CHECK(rendered(R"({"v": "$.resources[5]"})", R"("<v>")", event) == R"("")");
}

TEST_CASE("JSON path errors", "[eventbridge][transform]") {
  using E = std::vector<std::string>;
  CHECK(errors_of(R"({"v": "$['detail']"})", R"("<v>")") ==
        E{"['detail'] | bracket notation is not supported; EventBridge takes dot notation ($.detail.name)"});
  CHECK(errors_of(R"({"v": "detail.x"})", R"("<v>")") == E{"d | a JSON path starts with \"$\""});
  CHECK(errors_of(R"({"v": "$..x"})", R"("<v>")") == E{".. | deep scan (\"..\") is not supported"});
  CHECK(errors_of(R"({"v": "$.detail."})", R"("<v>")") == E{". | a JSON path cannot end with \".\""});
  CHECK(errors_of(R"({"v": "$.resources[x]"})", R"("<v>")") == E{"[x] | an array index is a number in brackets ([0]) or [*]"});
  CHECK(parse_json_path("$.detail.image-digest").path);
  CHECK(parse_json_path("$.detail.image-digest").path->definite());
  CHECK_FALSE(parse_json_path("$.a[*]").path->definite());
}

TEST_CASE("what EventBridge refuses in a transformer", "[eventbridge][transform]") {
  using E = std::vector<std::string>;
  CHECK(errors_of(R"({"revision.value": "$.detail.x"})", R"("<revision.value>")") ==
        E{R"("revision.value" | InputPathsMap key "revision.value" has characters other than letters, digits, "_" and "-")"});
  CHECK(errors_of(R"({"aws.events.rule-name": "$.detail.x"})", R"("x")") ==
        E{R"("aws.events.rule-name" | "aws.events.rule-name" is a predefined variable; it cannot be defined in InputPathsMap)"});
  CHECK(errors_of(R"({"AWS.x": "$.detail.x"})", R"("x")") == E{R"("AWS.x" | InputPathsMap keys cannot start with "AWS.")"});
  // X11: PutTargets' words (localstack test_put_events_with_input_transformer_missing_keys).
  CHECK(errors_of(R"({"imageDigest": "$.detail.image-digest"})", R"({"revisionValue": "<imagedigest>"})") ==
        E{"<imagedigest> | InputTemplate contains invalid placeholder imagedigest. Did you mean <imageDigest>?"});
  {
    const auto loaded = load_transformer(R"({"detail-type": "$.detail-type"})",
                                         R"("Event of <detail-type> type, with not defined key <notdefinedkey>")");
    const auto errors = check_transformer(loaded.transformer(), loaded.ws.sources, "target-1");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "InputTemplate for target target-1 contains invalid placeholder notdefinedkey.");
  }
  CHECK(errors_of(R"({"k": "$.detail.state"})", R"({"<k>": "x"})") ==
        E{"<k> | a placeholder cannot be an object key in an InputTemplate"});
  const auto bare_key = errors_of(R"({"k": "$.detail.state"})", R"({<k> : "x"})");
  REQUIRE_FALSE(bare_key.empty());
  CHECK(bare_key.front() == "<k> | a placeholder cannot be an object key in an InputTemplate");
  // <aws.events.event> inside a string: the user guide's restriction, a warning.
  const auto in_string = render_with("{}", R"("event <aws.events.event>")", kSpecial);
  CHECK(in_string.errors.empty());
  REQUIRE(in_string.warnings.size() == 1);
  CHECK(in_string.warnings[0].message == "the user guide allows <aws.events.event> only as a JSON value, not inside a "
                                         "string; it renders here as any object inside quotes does");
  CHECK(in_string.text.starts_with(R"("event {id:1,account:111111111111,detailType:)"));
  // In an object template, an object inside quotes is not delivered.
  CHECK(errors_of("{}", R"({"msg": "event <aws.events.event.json>"})", kSpecial).size() == 1);
  std::string many = "{";
  for (int i = 0; i < 101; ++i) many += std::string(i ? ", " : "") + "\"k" + std::to_string(i) + "\": \"$.detail.state\"";
  many += "}";
  CHECK(errors_of(many, R"("x")") == E{R"("InputPathsMap" | InputPathsMap has 101 entries; EventBridge allows at most 100)"});
  CHECK(errors_of(R"({"k": "$.detail.state"})", std::string(8193, 'x')).front().find("8192") != std::string::npos);
}

TEST_CASE("seed 001: the replication event gives its digest to the pipeline", "[eventbridge][transform][samples]") {
  source::DiskFileSystem fs;
  const std::string dir = std::string(PIPEC_SOURCE_DIR) + "/samples/001-replication-trigger/";
  const std::vector<std::string> inputs{dir + "fixed/put-targets.json"};
  const auto ws = model::load(fs, inputs, {});
  REQUIRE(ws.transformers.size() == 1);
  const Json event{fs.read(dir + "replication-event.json").text};
  const auto r = render(ws.transformers[0], ws.sources, event.doc());
  CHECK(r.errors.empty());
  CHECK(r.warnings.empty());
  CHECK(r.text ==
        R"({"sourceRevisions": [{"actionName": "cross-account-sample-image-latest", "revisionType": "IMAGE_DIGEST", )"
        R"("revisionValue": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd"}]})");
  CHECK(check_pipeline_payload(r).empty());
}

TEST_CASE("the StartPipelineExecution payload", "[eventbridge][transform][payload]") {
  const auto problems = [](const char* payload) {
    const Json p{payload};
    std::vector<std::string> out;
    for (const auto& e : check_start_pipeline_input(p.doc())) out.push_back(p.text(e.span) + " | " + e.message);
    return out;
  };
  using E = std::vector<std::string>;
  CHECK(problems(R"({"sourceRevisions": [{"actionName": "Source", "revisionType": "IMAGE_DIGEST", "revisionValue": "sha256:abc"}],
                    "variables": [{"name": "IMAGE_TAG", "value": "v1"}]})").empty());
  CHECK(problems(R"({})").empty());
  CHECK(problems(R"([])") == E{"[] | the input of a CodePipeline target is a JSON object, not an array"});
  CHECK(problems(R"({"SourceRevisions": []})") ==
        E{R"("SourceRevisions" | "SourceRevisions" is not a field of StartPipelineExecution input; did you mean "sourceRevisions"?)"});
  CHECK(problems(R"({"sourceRevisions": [{"ActionName": "S", "revisionType": "IMAGE_DIGEST", "revisionValue": "x"}]})") ==
        E{R"("ActionName" | "ActionName" is not a field of a source revision override; did you mean "actionName"?)",
          R"({"ActionName": "S", "revisionType": "IMAGE_DIGEST", "revisionValue": "x"} | missing "actionName")"});
  CHECK(problems(R"({"sourceRevisions": [{"actionName": "S", "revisionType": "DIGEST", "revisionValue": "x"}]})") ==
        E{R"("DIGEST" | revision type "DIGEST" is not one of COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_VERSION_ID, S3_OBJECT_KEY)"});
  CHECK(problems(R"({"sourceRevisions": [{"actionName": "S", "revisionType": "image_digest", "revisionValue": "x"}]})") ==
        E{R"("image_digest" | revision type "image_digest" is not one of COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_VERSION_ID, S3_OBJECT_KEY; did you mean "IMAGE_DIGEST"?)"});
  CHECK(problems(R"({"sourceRevisions": [{"actionName": "my source", "revisionType": "COMMIT_ID", "revisionValue": ""}]})") ==
        E{R"("my source" | action name "my source" has characters other than letters, digits, ".", "@", "-" and "_")",
          R"("" | "revisionValue" is empty (an input path that selects nothing in the event renders as an empty string))"});
  CHECK(problems(R"({"variables": []})") == E{R"([] | "variables" needs at least 1 entry)"});
  CHECK(problems(R"({"variables": [{"name": "a.b", "value": "x"}, {"name": "ok"}]})") ==
        E{R"("a.b" | variable name "a.b" has characters other than letters, digits, "@", "-" and "_")",
          R"({"name": "ok"} | missing "value")"});
  std::string fifty_one = R"({"sourceRevisions": [)";
  for (int i = 0; i < 51; ++i) {
    fifty_one += std::string(i ? ", " : "") + R"({"actionName": "a)" + std::to_string(i) +
                 R"(", "revisionType": "COMMIT_ID", "revisionValue": "x"})";
  }
  fifty_one += "]}";
  const auto many = problems(fifty_one.c_str());
  REQUIRE(many.size() == 1);
  CHECK(many[0].find("has 51 entries; at most 50 are allowed") != std::string::npos);
  const std::string long_value = R"({"sourceRevisions": [{"actionName": "a", "revisionType": "COMMIT_ID", "revisionValue": ")" +
                                 std::string(1501, 'x') + R"("}]})";
  CHECK(problems(long_value.c_str()).front().find("has 1501 characters; at most 1500 are allowed") != std::string::npos);
}

TEST_CASE("payload errors point into the template", "[eventbridge][transform][payload]") {
  const auto loaded = load_transformer(R"({"d": "$.detail.state"})",
                                       R"({"sourceRevisions": [{"actionName": "Source", "revisionType": "DIGEST", "revisionValue": "<d>"}]})");
  const Json e{kEc2};
  const auto r = render(loaded.transformer(), loaded.ws.sources, e.doc());
  REQUIRE(r.errors.empty());
  const auto problems = check_pipeline_payload(r);
  REQUIRE(problems.size() == 1);
  CHECK(loaded.text(problems[0].span) == R"("DIGEST")");
  // In the file, inside the InputTemplate string.
  CHECK(loaded.text(loaded.ws.sources.to_root(problems[0].span)) == R"(\"DIGEST\")");
  // A value from a placeholder points at the placeholder.
  const auto empty = load_transformer(R"({"d": "$.detail.nothing"})",
                                      R"({"sourceRevisions": [{"actionName": "Source", "revisionType": "IMAGE_DIGEST", "revisionValue": "<d>"}]})");
  const auto r2 = render(empty.transformer(), empty.ws.sources, e.doc());
  const auto p2 = check_pipeline_payload(r2);
  REQUIRE(p2.size() == 1);
  CHECK(empty.text(p2[0].span) == R"("<d>")");
}
