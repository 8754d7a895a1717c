// No output of pipec shows a credential, whatever shows it and wherever it
// was written: code frames, messages, payloads, and every output format of
// every command, through the real binary.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

// Fake credentials of the real shapes (not AWS's documentation examples,
// which pipec leaves alone).
constexpr const char* kKeyId = "AKIAQ4RS7XJ2LPN3WDKZ";
constexpr const char* kKeyIdTail = "Q4RS7XJ2LPN3WDKZ";
constexpr const char* kSecret = "kQ9vX2mZ7rT4pL8nW3yB6cH1dF5gJ0sA2eU7iO9q";

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("pipec-secrets-" + std::to_string(::getpid()));
  Folder() {
    fs::create_directories(dir / ".git");
  }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

std::string with(std::string text) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"$KEY", kKeyId}, {"$SECRET", kSecret}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

TEST_CASE("every output of every command masks every credential") {
  const Folder folder;
  // A template whose flagged lines carry credentials in a comment, under a
  // key not named like one, as an object key, in a pattern array and in JSON
  // inside a string.
  folder.write("template.yaml", with(R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      State: Enabled  # $KEY $SECRET
      Description: $SECRET
      EventPattern:
        source: aws.ecr
        detail:
          repository-name: [$KEY, Success]
          $KEY: [1]
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Environment:
        EnvironmentVariables:
          - {Name: AWS_SECRET, Value: "{\"k\": \"$SECRET\", \"id\": \"$KEY\"}"}
)"));
  folder.write("put-rule.json", with(R"({"Name": "r", "EventPattern": "{\"source\": [\"aws.ecr\"], \"detail\": {\"repository-name\": [\"$KEY\"], \"note\": \"$SECRET\"}}"})"));
  folder.write("put-targets.json", with(R"({"Rule": "r", "Targets": [{"Id": "t", "Arn": "arn:aws:sns:us-east-1:123456789012:t",
    "InputTransformer": {"InputPathsMap": {"k": "$.detail.repository-name", "s": "$.detail.note"},
                         "InputTemplate": "{\"k\": <k>, \"s\": <s>}"}}]})"));
  folder.write("event.json", with(R"({"id": "1", "account": "123456789012", "source": "aws.ecr", "time": "2024-01-01T00:00:00Z",
    "region": "us-east-1", "resources": [], "detail-type": "ECR Image Action",
    "detail": {"repository-name": "$KEY", "note": "$SECRET"}})"));
  folder.write("secrets.test.yaml", with(R"(rule: [put-rule.json, put-targets.json]
tests:
  - name: the payload quotes the credentials  # $KEY
    event: event.json
    payload: {k: "$KEY", s: "other $SECRET"}
)"));

  const std::string bin = "'" PIPEC_BINARY "' ";
  const std::string in = "cd '" + folder.dir.string() + "' && ";
  std::vector<std::string> commands;
  for (const char* format : {"text", "short", "json", "sarif", "github", "junit", "gitlab"}) {
    commands.push_back(in + bin + "lint --color always --format " + format + " .");
  }
  commands.push_back(in + bin + "test-pattern put-rule.json event.json");
  commands.push_back(in + bin + "test-pattern --format json put-rule.json event.json");
  commands.push_back(in + bin + "transform put-targets.json event.json --with put-rule.json");
  commands.push_back(in + bin + "test .");
  commands.push_back(in + bin + "test --format json .");
  for (const auto& command : commands) {
    SECTION(command.substr(command.find("&& ") + 3)) {
      const auto run = pipec::test::run_command(command);
      const std::string all = run.out + run.err;
      INFO(all.substr(0, 4000));
      CHECK(run.status < 128);
      CHECK_FALSE(all.empty());
      CHECK(all.find(kKeyIdTail) == std::string::npos);
      CHECK(all.find(kSecret) == std::string::npos);
      CHECK(all.find("kQ9vX2mZ7rT4") == std::string::npos);
    }
  }
}
