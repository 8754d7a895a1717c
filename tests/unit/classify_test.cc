#include <catch2/catch.hpp>

#include "model/classify.h"

using namespace pipec::model;

namespace {
Kind kind_of(const std::string& text, const std::string& name = "x.json") { return classify(scan_shape(text), name); }
}  // namespace

TEST_CASE("files are classified by their shape") {
  CHECK(kind_of(R"({"pipeline": {"name": "p"}, "metadata": {}})") == Kind::pipeline);
  CHECK(kind_of(R"({"name": "p", "roleArn": "r", "stages": []})") == Kind::pipeline);
  CHECK(kind_of(R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"]})") == Kind::event_pattern);
  CHECK(kind_of(R"({"source": "aws.ecr", "detail": {}})") == Kind::event_pattern);
  CHECK(kind_of(R"({"version": "0", "id": "1", "detail-type": "ECR Image Action", "source": "aws.ecr", "time": "t"})") ==
        Kind::event);
  CHECK(kind_of(R"({"Name": "r", "EventPattern": "{}"})") == Kind::put_rule);
  CHECK(kind_of(R"({"Rule": "r", "Targets": []})") == Kind::put_targets);
  CHECK(kind_of(R"({"InputPathsMap": {}, "InputTemplate": "x"})") == Kind::input_transformer);
  CHECK(kind_of(R"({"imageDigest": "$.detail.image-digest"})") == Kind::input_paths);
  CHECK(kind_of(R"([{"name": "web", "imageUri": "x"}])") == Kind::image_definitions);
  CHECK(kind_of(R"({"ImageURI": "x"})") == Kind::image_detail);
  CHECK(kind_of(R"({"ci": {}, "setup": {}})") == Kind::ecr_settings);
  CHECK(kind_of(R"({"name": "pkg", "version": "1.0.0", "dependencies": {}})") == Kind::unknown);
  CHECK(kind_of("garbage") == Kind::unknown);
}

TEST_CASE("classification survives syntax errors and comments") {
  CHECK(kind_of("{\n\"detail-type\": [\"ECR Replication Action\"],\n\"detail\": {\"result\": [\"SUCCESS\"],},\n}") ==
        Kind::event_pattern);
  CHECK(kind_of("// exported\n{\"pipeline\": {\"stages\": [}}") == Kind::pipeline);
}

TEST_CASE("imagedefinitions.json and imageDetail.json are known by name") {
  CHECK(kind_of("{}", "imagedefinitions.json") == Kind::image_definitions);
  CHECK(kind_of("[]", "imageDetail.json") == Kind::image_detail);
}
