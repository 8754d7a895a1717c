// aws::split_sub: Fn::Sub's text as literal runs, references and escapes,
// each with where it lies in the text.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "aws/cfn_sub.h"

using pipec::aws::split_sub;
using pipec::aws::SubPiece;

namespace {

// Each piece as "kind:text@begin-end".
std::vector<std::string> shown(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : split_sub(text)) {
    const char* kind = p.kind == SubPiece::Kind::literal ? "lit" : p.kind == SubPiece::Kind::reference ? "ref" : "esc";
    out.push_back(std::string(kind) + ":" + std::string(p.text) + "@" + std::to_string(p.begin) + "-" + std::to_string(p.end));
  }
  return out;
}

}  // namespace

TEST_CASE("split_sub separates literal runs, references and escapes") {
  using V = std::vector<std::string>;
  CHECK(shown("") == V{});
  CHECK(shown("plain") == V{"lit:plain@0-5"});
  CHECK(shown("arn:${AWS::Partition}:s3:::${Bucket}/*") ==
        V{"lit:arn:@0-4", "ref:AWS::Partition@4-21", "lit::s3:::@21-27", "ref:Bucket@27-36", "lit:/*@36-38"});
  CHECK(shown("${Role.Arn}") == V{"ref:Role.Arn@0-11"});
  CHECK(shown("a${!Literal}b") == V{"lit:a@0-1", "esc:Literal@1-12", "lit:b@12-13"});
  CHECK(shown("${}") == V{"ref:@0-3"});
  // A "${" with no "}" after it is text to the end, one run with what is before it.
  CHECK(shown("x ${A} y ${B") == V{"lit:x @0-2", "ref:A@2-6", "lit: y ${B@6-12"});
  CHECK(shown("$ {A} $A}") == V{"lit:$ {A} $A}@0-9"});
  // The first "}" closes: "${a${b}" names "a${b".
  CHECK(shown("${a${b}c") == V{"ref:a${b@0-7", "lit:c@7-8"});
}

TEST_CASE("an escape stands for the text it escapes") {
  const auto pieces = split_sub("${!Name}");
  REQUIRE(pieces.size() == 1);
  CHECK(pieces[0].literal_text() == "${Name}");
  CHECK(split_sub("abc")[0].literal_text() == "abc");
}
