// .pipe files through `pipec lint`: every lint rule applies to what they
// declare, at the DSL's positions and in its words.

#include <catch2/catch.hpp>

#include "cli/commands.h"

namespace {

std::string lint(const std::string& text, const std::string& extra_path = "", const std::string& extra = "") {
  pipec::source::MemoryFileSystem fs;
  fs.add("app.pipe", text);
  if (!extra_path.empty()) fs.add(extra_path, extra);
  pipec::cli::LintOptions options;
  options.paths = {"app.pipe"};
  options.format = "short";
  pipec::cli::Output output;
  (void)pipec::cli::run_lint(options, fs, output);
  return output.out + output.err;
}

}  // namespace

TEST_CASE("schema rules speak the DSL's words at the DSL's positions") {
  const std::string out = lint(
      "pipeline web {\n"
      "  role \"arn:aws:iam::12345678901:role/x\"\n"
      "  stage Source { ecr Image { repository \"Web_App\" } -> Img }\n"
      "  stage Deploy { ecs Web { service \"web\" } Img2 }\n"
      "}\n");
  CHECK(out.find("app.pipe:2:8: error: \"role\" is \"arn:aws:iam::12345678901:role/x\"") != std::string::npos);
  CHECK(out.find("app.pipe:3:41: error: \"repository\" is \"Web_App\"") != std::string::npos);
  CHECK(out.find("\"settings\" is missing required property \"cluster\" [CP0102]") != std::string::npos);
  CHECK(out.find("app.pipe:4:44: error: input artifact \"Img2\" of action \"Web\" is not produced by any action [CP2002]") !=
        std::string::npos);
}

TEST_CASE("a rule's revision override is checked against the pipeline it starts") {
  const std::string out = lint(
      "pipeline web {\n"
      "  type V2\n"
      "  stage Source { ecr Image { repository \"web\" } -> Img }\n"
      "  stage Build { imagedefinitions Defs { container \"web\" } Img -> Defs }\n"
      "  stage Deploy { ecs Web { cluster \"c\"  service \"web\" } Defs }\n"
      "}\n"
      "rule pushed {\n"
      "  on ecr push { repository \"web\" }\n"
      "  start web { revision Defs = image-digest }\n"
      "}\n");
  CHECK(out.find("[CP4005]") != std::string::npos);
  CHECK(out.find("actionName \"Defs\" is not a source action of pipeline \"web\"") != std::string::npos);
}

TEST_CASE("a pattern file is read beside the .pipe file and linted as a pattern") {
  const std::string out = lint(
      "pipeline web {\n"
      "  stage Source { ecr Image { repository \"web\" } -> Img }\n"
      "  stage Build { imagedefinitions Defs { container \"web\" } Img -> Defs }\n"
      "  stage Deploy { ecs Web { cluster \"c\"  service \"web\" } Defs }\n"
      "}\n"
      "rule pushed {\n"
      "  pattern file \"push.json\"\n"
      "  start web\n"
      "}\n",
      "push.json", "{\"source\": [\"aws.ecr\"], \"detail-type\": [\"ECR Image Push\"],}\n");
  CHECK(out.find("push.json:1:41: error: no event from \"aws.ecr\" has detail-type \"ECR Image Push\" [CP3003]") != std::string::npos);
  CHECK(out.find("push.json:1:58: error: trailing comma after the last member [CP0003]") != std::string::npos);
}

TEST_CASE("secrets written in a .pipe file are found and masked") {
  const std::string out = lint(
      "let key = \"AKIA4QZRS7XJ2LPN3WDK\"\n"
      "let secret = \"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\"\n");
  CHECK(out.find("app.pipe:1:12: warning: AWS access key ID AKIA… is committed in this file [CP5001]") != std::string::npos);
  CHECK(out.find("app.pipe:2:15: warning: AWS secret access key") != std::string::npos);
  CHECK(out.find("4QZRS7XJ2LPN3WDK") == std::string::npos);
}

TEST_CASE("a misspelled setting is reported once, with a suggestion, and read as the one meant") {
  const std::string out = lint(
      "pipeline web {\n"
      "  stage Source { ecr Image { repositry \"web\" } -> Img }\n"
      "  stage Build { imagedefinitions Defs { container \"web\" } Img -> Defs }\n"
      "  stage Deploy { ecs Web { cluster \"c\"  service \"web\" } Defs }\n"
      "}\n"
      "rule pushed { on ecr push { repository \"web\" }; start web }\n");
  CHECK(out == "app.pipe:2:30: error: unknown setting \"repositry\" for ecr actions [CP0007]\n");
}

TEST_CASE("numbers are plain decimals: a leading zero is refused with the number it means") {
  const std::string pipe =
      "pipeline web {\n"
      "  stage Source { ecr Image { repository \"web\" } -> Img }\n"
      "  stage Approve { approval Ok { timeout 0720 } }\n"
      "  stage Deploy { ecs Web { cluster \"c\"  service \"web\" } Img }\n"
      "}\n";
  const std::string out = lint(pipe);
  CHECK(out.find("app.pipe:3:41: error: \"0720\" is not a plain decimal number [CP0007]") != std::string::npos);
  // A quoted whole number is written as the number, without its zeros.
  std::string quoted = pipe;
  quoted.replace(quoted.find("0720"), 4, "\"0720\"");
  CHECK(lint(quoted).find("CP0007") == std::string::npos);
  CHECK(lint("rule r {\n  pattern { detail { n [1.2.3] } }\n  start web\n}\n").find("\"1.2.3\" is not a plain decimal number") !=
        std::string::npos);
}

TEST_CASE("a pattern file outside the .pipe file's folder (no git) is not read") {
  pipec::source::MemoryFileSystem fs;
  fs.add("project/app.pipe", "rule pushed {\n  pattern file \"../../etc/passwd\"\n  start web\n}\n");
  fs.add("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  pipec::cli::LintOptions options;
  options.paths = {"project/app.pipe"};
  options.format = "short";
  pipec::cli::Output output;
  (void)pipec::cli::run_lint(options, fs, output);
  INFO(output.out);
  CHECK(output.out.find("pattern file \"project/../../etc/passwd\" is outside the folder of the file that names it") !=
        std::string::npos);
  CHECK(output.out.find("root:x") == std::string::npos);
}
