// ECR image URIs: which hosts are ECR registries, how a URI splits, and what
// its parts may hold (ECR's RepositoryName pattern, OCI tags, sha256 digests).

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "aws/image_uri.h"

using pipec::aws::check_ecr_image_uri;
using pipec::aws::is_ecr_repository_name;
using pipec::aws::split_ecr_image_uri;

TEST_CASE("ECR registries in every documented form split into their parts") {
  const auto plain = split_ecr_image_uri("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:v1.2");
  REQUIRE(plain);
  CHECK(plain->account == "123456789012");
  CHECK(plain->region == "us-east-1");
  CHECK(plain->repository == "team/web");
  CHECK(plain->tag == "v1.2");
  CHECK(plain->digest.empty());

  const auto by_digest = split_ecr_image_uri("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web@sha256:abc");
  REQUIRE(by_digest);
  CHECK(by_digest->region == "us-gov-west-1");
  CHECK(by_digest->repository == "web");
  CHECK(by_digest->tag.empty());
  CHECK(by_digest->digest == "sha256:abc");

  const auto china = split_ecr_image_uri("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web");
  REQUIRE(china);
  CHECK(china->region == "cn-north-1");
  const auto dual_stack = split_ecr_image_uri("123456789012.dkr-ecr.eu-west-1.on.aws/web:latest");
  REQUIRE(dual_stack);
  CHECK(dual_stack->region == "eu-west-1");

  CHECK_FALSE(split_ecr_image_uri("public.ecr.aws/nginx/nginx:stable"));
  CHECK_FALSE(split_ecr_image_uri("nginx:latest"));
  CHECK_FALSE(split_ecr_image_uri("registry.example.com:5000/web:1"));
}

TEST_CASE("repository names follow ECR's RepositoryName pattern") {
  for (const char* good : {"web", "team/web", "a.b_c__d-e---f", "0web", "project-a/nginx-web-app"}) {
    INFO(good);
    CHECK(is_ecr_repository_name(good));
  }
  for (const char* bad : {"w", "Web", "web/", "/web", "web..app", "web___app", "-web", "web-", "team//web", "web app"}) {
    INFO(bad);
    CHECK_FALSE(is_ecr_repository_name(bad));
  }
  CHECK_FALSE(is_ecr_repository_name(std::string(257, 'a')));
  CHECK(is_ecr_repository_name(std::string(256, 'a')));
}

TEST_CASE("each malformed part of a URI is one problem, at that part") {
  const auto uri = split_ecr_image_uri("12345678901.dkr.ecr.us-east-1.amazonaws.com/Web:-edge");
  REQUIRE(uri);
  const auto problems = check_ecr_image_uri(*uri);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].at == 0);
  CHECK(problems[0].message.find("11 digits") != std::string::npos);
  CHECK(problems[1].message.find("repository \"Web\"") != std::string::npos);
  CHECK(problems[2].message.find("tag \"-edge\"") != std::string::npos);

  const auto digest = split_ecr_image_uri("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:7f5b");
  REQUIRE(digest);
  REQUIRE(check_ecr_image_uri(*digest).size() == 1);
  const auto sound = split_ecr_image_uri(
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd");
  REQUIRE(sound);
  CHECK(check_ecr_image_uri(*sound).empty());
}

TEST_CASE("image URIs in text are found as the regular expression finds them") {
  const std::regex uri(
      R"([0-9A-Za-z_]+\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/[a-zA-Z0-9._/-]+(?::[A-Za-z0-9_.-]+|@sha256:[0-9a-fA-F]+)?)");
  const auto expected = [&](const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), uri); it != std::sregex_iterator(); ++it) {
      out.emplace_back(static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->length()));
    }
    return out;
  };
  const auto found = [](const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& u : pipec::aws::find_ecr_image_uris(text)) out.emplace_back(u.at, u.size);
    return out;
  };
  CHECK(found("echo '[{\"imageUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1\"}]' > imagedefinitions.json") ==
        std::vector<std::pair<std::size_t, std::size_t>>{{20, 51}});
  // Random texts of the pieces URIs are made of, and of bytes between them.
  const std::vector<std::string> pieces = {"123456789012", "acct_1", ".dkr.ecr", "-fips", ".", "us-east-1", "cn-north-1",
                                           ".amazonaws.com", ".cn", "/", "repo", "a/b-c.d", ":", "v1.2_x", "@sha256:",
                                           "9f86d081", "@", " ", "$", "{", "\"", "-", "X", "é"};
  std::mt19937 random(20261206);
  for (int i = 0; i < 20000 / PIPEC_TEST_ROUNDS_DIVISOR; ++i) {
    std::string text;
    const int count = static_cast<int>(random() % 24);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    INFO(text);
    CHECK(found(text) == expected(text));
  }
}
