#include <catch2/catch.hpp>

#include "schema/bundled.h"
#include "schema/validator.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

namespace {

struct Checked {
  std::vector<std::string> messages;
  std::vector<std::string> spans;  // the text each error points at
  std::vector<std::string> help;
};

Checked validate(const std::string& schema, const std::string& text) {
  source::SourceSet set;
  const auto id = set.add("t.json", text);
  auto parsed = syntax::read_json(set, id);
  REQUIRE(parsed.issues.empty());
  schema::Validator validator;
  Checked out;
  for (const auto& e : validator.validate(schema, parsed.document, parsed.document.root())) {
    out.messages.push_back(e.message);
    out.spans.push_back(std::string(set.file(id).text().substr(e.span.begin, e.span.size())));
    for (const auto& h : e.help) out.help.push_back(h);
  }
  return out;
}

}  // namespace

TEST_CASE("every bundled schema parses and compiles") {
  schema::Validator validator;
  source::SourceSet set;
  auto parsed = syntax::read_json(set, set.add("t.json", "{}"));
  for (const auto& s : schema::bundled_schemas()) {
    INFO(s.name);
    CHECK_NOTHROW((void)validator.validate(s.name, parsed.document, parsed.document.root()));
  }
}

TEST_CASE("a missing property points at the object that lacks it") {
  const auto r = validate("ecr/integration-settings.json",
                          R"({"ci": {"region": "us-east-1"}, "setup": {"region": "us-east-1", "role_arn": "arn:aws:iam::123456789012:role/x"}})");
  CHECK(r.messages == std::vector<std::string>{"\"ci\" is missing required property \"access_key\"",
                                               "\"ci\" is missing required property \"secret_key\""});
  CHECK(r.spans == std::vector<std::string>{"\"ci\"", "\"ci\""});
}

TEST_CASE("an enum value gets the allowed values and a did-you-mean") {
  const auto r = validate("ecr/integration-settings.json",
                          R"({"ci": {"region": "us-east-3", "access_key": "AKIAIOSFODNN7EXAMPLE", "secret_key": "s"}, "setup": {"region": "us-east-1", "role_arn": "arn:aws:iam::123456789012:role/x"}})");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] == "\"region\" is \"us-east-3\", not one of the 18 allowed values");
  CHECK(r.spans[0] == "\"us-east-3\"");
  CHECK(r.help.front() == "did you mean \"us-east-1\"?");
}

TEST_CASE("a pattern failure says what was expected in words") {
  const auto r = validate("ecr/integration-settings.json",
                          R"({"ci": {"region": "us-east-1", "access_key": "AKIAIOSFODNN7EXAMPLE", "secret_key": "s"}, "setup": {"region": "us-east-1", "role_arn": "arn:aws:iam::12345678901:role/x"}})");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "\"role_arn\" is \"arn:aws:iam::12345678901:role/x\", expected an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
}

TEST_CASE("a misspelled key is one error: unknown, with a suggestion, not also missing") {
  const auto r = validate("codepipeline/actions/ecr-source.json", R"({"Repositoryname": "app"})");
  CHECK(r.messages == std::vector<std::string>{"unknown property \"Repositoryname\""});
  const auto unknown = std::find(r.messages.begin(), r.messages.end(), "unknown property \"Repositoryname\"");
  REQUIRE(unknown != r.messages.end());
  CHECK(r.spans[static_cast<std::size_t>(unknown - r.messages.begin())] == "\"Repositoryname\"");
  CHECK(r.help == std::vector<std::string>{"did you mean \"RepositoryName\"?"});
}

TEST_CASE("every unknown key of an object is reported, not only the first") {
  const auto r = validate("ecs/imagedefinitions.json", R"([{"name": "web", "imageUri": "x", "foo": 1, "bar": 2}])");
  CHECK(r.messages == std::vector<std::string>{"unknown property \"bar\" in the item at index 0",
                                               "unknown property \"foo\" in the item at index 0"});
}

TEST_CASE("a wrongly typed value reports its type only") {
  const auto r = validate("codepipeline/actions/s3-source.json",
                          R"({"S3Bucket": "my-bucket", "S3ObjectKey": "a.zip", "PollForSourceChanges": false})");
  CHECK(r.messages == std::vector<std::string>{"\"PollForSourceChanges\" is a boolean, expected a string"});
  CHECK(r.help == std::vector<std::string>{"write it as a string: \"false\""});
}

TEST_CASE("lengths of very long strings are judged on the whole string") {
  const std::string long_name(70000, 'a');
  const auto r = validate("eventbridge/put-rule.json", "{\"Name\": \"" + long_name + "\"}");
  CHECK(r.messages == std::vector<std::string>{"\"Name\" is 70000 characters long, expected at most 64"});
}

TEST_CASE("values holding a CodePipeline variable are not judged by their pattern") {
  const auto r = validate("codepipeline/actions/ecs-deploy.json",
                          R"({"ClusterName": "c", "ServiceName": "s", "DeploymentTimeout": "#{variables.timeout}"})");
  CHECK(r.messages.empty());
}
