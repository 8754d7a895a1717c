// emit::yaml_scalar and yaml_quoted: every scalar pipec writes reads back,
// by yaml-cpp, as the very string it was given.

#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "emit/yaml_text.h"

using pipec::emit::yaml_quoted;
using pipec::emit::yaml_scalar;

TEST_CASE("a YAML scalar is plain only where it reads back as the same string") {
  // Plain: names, paths, ARNs-like text with '*' inside.
  for (const char* plain : {"imagedefinitions.json", "reports/**/*", "dist/app", "Build_1"}) {
    CHECK(yaml_scalar(plain) == plain);
  }
  // Quoted: what YAML would read as something else, or cannot start with.
  for (const char* quoted : {"yes", "No", "on", "OFF", "null", "~", "true", "1.json", "*", "*.zip", "-x", "a: b", "a #b",
                             "", "trailing ", "key:", "&anchor", "!tag", "%d", "@x", "`x", "'q'", "\"q\""}) {
    INFO(quoted);
    CHECK(yaml_scalar(quoted) == yaml_quoted(quoted));
  }
  // And each, plain or quoted, reads back as itself.
  for (const char* text : {"imagedefinitions.json", "reports/**/*", "yes", "null", "1.json", "*.zip", "a: b", "tab\there",
                           "line\nbreak", "quote\"s", "back\\slash", "é"}) {
    INFO(text);
    const YAML::Node node = YAML::Load("- " + yaml_scalar(text));
    CHECK(node[0].as<std::string>() == text);
  }
}
