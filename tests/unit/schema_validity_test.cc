// schema/validity.h: the checks that call a value valid without valijson.
// The whole suite also runs with PIPEC_CROSS_CHECK_SCHEMAS=1, which shows
// valijson every value they call valid; here, that every bundled schema is
// modelled (a keyword the checks do not know would silently send every file
// back to valijson), and the three answers on values chosen to need them.

#include <catch2/catch.hpp>

#include <cstring>
#include <tuple>

#include <nlohmann/json.hpp>

#include "schema/bundled.h"
#include "schema/checks.h"
#include "schema/compiled.h"
#include "schema/validity.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

namespace {

bool valid(const std::string& schema, const std::string& text) {
  const auto checks = schema::compile_checks(nlohmann::json::parse(schema));
  REQUIRE(checks != nullptr);
  source::SourceSet set;
  const auto id = set.add("t.json", text);
  const auto parsed = syntax::read_json(set, id);  // a duplicate key is an issue, and the document is read
  REQUIRE(!parsed.document.empty());
  return schema::known_valid(*checks, parsed.document, parsed.document.root());
}

// The judgement when the values that are objects with a key starting "Fn::"
// are ones whose errors the caller drops (a template's intrinsic functions).
schema::Validity judged(const std::string& schema, const std::string& text) {
  const auto checks = schema::compile_checks(nlohmann::json::parse(schema));
  REQUIRE(checks != nullptr);
  source::SourceSet set;
  const auto id = set.add("t.json", text);
  const auto parsed = syntax::read_json(set, id);
  REQUIRE(!parsed.document.empty());
  const syntax::Document& doc = parsed.document;
  const schema::Unknowable intrinsic = [&](syntax::NodeId node) {
    const auto members = doc.members(node);
    return doc.is(node, syntax::NodeKind::object) && members.size() == 1 && members.front().key.starts_with("Fn::");
  };
  return schema::judge(*checks, doc, doc.root(), &intrinsic);
}

}  // namespace

TEST_CASE("every bundled schema compiles to validity checks, at build time as now", "[schema][validity]") {
  for (const auto& file : schema::bundled_schemas()) {
    INFO(file.name);
    const auto compiled = schema::compile_schema_checks(nlohmann::json::parse(file.text));
    REQUIRE(compiled.has_value());
    const auto* built = util::find_embedded(schema::compiled_schema_checks(), file.name);
    REQUIRE(built != nullptr);
    const std::string bytes = schema::write_checks(*compiled);
    CHECK(bytes == built->text);
    // And the bytes read back, every check verified, to the same checks.
    const auto read = schema::read_checks(bytes);
    REQUIRE(read != nullptr);
    CHECK(schema::write_checks(schema::unpack(*read)) == bytes);
    // Opened where they lie, each check verified when asked for: the same
    // checks again.
    const auto opened = schema::open_checks(built->text);
    REQUIRE(opened != nullptr);
    CHECK(opened->bytes().data() == built->text.data());
    CHECK(schema::write_checks(schema::unpack(*opened)) == bytes);
  }
  // Bytes that are not checks are refused, not trusted.
  CHECK(schema::read_checks("pipec-checks-4") == nullptr);
  CHECK(schema::read_checks("pipec-checks-3") == nullptr);
  CHECK(schema::read_checks("something else") == nullptr);
  const std::string bytes = schema::write_checks(*schema::compile_schema_checks(nlohmann::json::parse(R"({"type": "string"})")));
  REQUIRE(schema::read_checks(bytes) != nullptr);
  CHECK(schema::read_checks(bytes.substr(0, bytes.size() - 1)) == nullptr);
  CHECK(schema::read_checks(bytes + "x") == nullptr);
  CHECK(schema::open_checks(bytes.substr(0, bytes.size() - 1)) == nullptr);
  // A layout that holds together around a check that is not one: refused
  // by read_checks at once, and by opened bytes when the check is asked for.
  using namespace schema::checks;
  const std::size_t record = kMagic.size() + kHeaderWords * 4;  // no patterns: the first check
  // Types no value has; an index past the one check; a flag nobody
  // defined; a list of one item past the end of the (empty) list words.
  const std::pair<std::uint32_t, std::uint32_t> damages[] = {{kTypes, 200}, {kAdditional, 2}, {kFlags, 1u << 20}, {kAllOf + 1, 1}};
  for (const auto& [word, value] : damages) {
    INFO(word);
    std::string damaged = bytes;
    std::memcpy(damaged.data() + record + word * 4, &value, 4);
    CHECK(schema::read_checks(damaged) == nullptr);
    const auto opened = schema::open_checks(damaged);
    REQUIRE(opened != nullptr);
    CHECK_THROWS_AS(opened->check(0), std::logic_error);
  }
  // And the guards of what lies outside the record: a string, a pattern, a
  // pattern property's pattern, an enum number's kind. Places are found the
  // way a reader finds them (check_view.h).
  const std::string rich = schema::write_checks(*schema::compile_schema_checks(nlohmann::json::parse(
      R"({"required": ["name"], "patternProperties": {"^p": true},
          "properties": {"name": {"pattern": "^[a-z]+$", "enum": ["x", 1.5]}}})")));
  REQUIRE(schema::read_checks(rich) != nullptr);
  const auto word = [&](std::size_t at) { return word_at(rich.data() + at); };
  const auto header = [&](std::uint32_t w) { return word(kMagic.size() + w * 4); };
  const std::size_t records = kMagic.size() + kHeaderWords * 4 + header(kPatternCount) * 8;
  const std::size_t words = records + std::size_t{header(kCheckCount)} * kRecordWords * 4;
  const auto in_record = [&](std::uint32_t check, std::uint32_t w) { return records + (check * kRecordWords + w) * 4; };
  const auto in_list = [&](std::uint32_t check, std::uint32_t list, std::uint32_t w) {
    return words + (word(in_record(check, list)) + w) * 4;
  };
  const std::uint32_t root = header(kRoot);
  const std::uint32_t name = word(in_list(root, kProperties, 2)) - 1;  // stored plus one
  const std::tuple<std::uint32_t, std::size_t, std::uint32_t> outside[] = {
      {root, in_list(root, kRequired, 1), 0xFFFF},               // a string's length past the strings
      {root, in_list(root, kPatternProperties, 0), 99},          // no such pattern
      {name, in_record(name, kPattern), 99},                     // no such pattern
      {name, in_list(name, kEnumNumbers, 0), 3},                 // neither integer nor double
      {name, in_list(name, kEnumStrings, 0), 0xFFFFFF},          // a string's start past the strings
  };
  for (const auto& [check, at, value] : outside) {
    INFO("check " << check << ", byte " << at);
    std::string damaged = rich;
    std::memcpy(damaged.data() + at, &value, 4);
    CHECK(schema::read_checks(damaged) == nullptr);
    const auto opened = schema::open_checks(damaged);
    REQUIRE(opened != nullptr);
    CHECK_THROWS_AS(opened->check(static_cast<CheckId>(check)), std::logic_error);
  }
}

TEST_CASE("validity checks: what they decide and what they leave to valijson", "[schema][validity]") {
  const std::string names = R"({"type": "object", "required": ["name"], "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 5, "pattern": "^[a-z]+$"},
                   "count": {"type": "integer", "minimum": 1, "maximum": 9},
                   "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "uniqueItems": true, "maxItems": 3}}})";
  CHECK(valid(names, R"({"name": "web"})"));
  CHECK(valid(names, R"({"name": "web", "count": 3, "tags": ["a", "b"]})"));
  CHECK_FALSE(valid(names, R"({})"));                           // required
  CHECK_FALSE(valid(names, R"({"name": "web", "other": 1})"));  // additionalProperties
  CHECK_FALSE(valid(names, R"({"name": "Web"})"));              // pattern
  CHECK_FALSE(valid(names, R"({"name": "toolong"})"));          // maxLength
  CHECK_FALSE(valid(names, R"({"name": "web", "count": 1.5})")); // a double is not an integer
  CHECK_FALSE(valid(names, R"({"name": "web", "count": 10})"));  // maximum
  CHECK_FALSE(valid(names, R"({"name": "web", "tags": ["a", "a"]})"));  // uniqueItems
  CHECK_FALSE(valid(names, R"({"name": "web", "tags": ["c"]})"));       // enum
  // Not known valid: left to valijson, which decides.
  CHECK_FALSE(valid(names, R"({"name": "web", "name": "api"})"));  // duplicate keys: valijson sees the last
  // The same in an object of many keys (those past 16 are sorted to compare).
  const std::string counts = R"({"type": "object", "additionalProperties": {"type": "integer"}})";
  std::string many = "{";
  for (int k = 0; k < 20; ++k) many += (k ? ", \"k" : "\"k") + std::to_string(k) + "\": 1";
  CHECK(valid(counts, many + "}"));
  CHECK_FALSE(valid(counts, many + ", \"k7\": 2}"));

  const std::string intrinsic = R"({"if": {"type": "object"}, "then": {"type": "object", "maxProperties": 1},
    "else": {"type": ["string", "number", "boolean"], "pattern": "^[0-9]+$"}})";
  CHECK(valid(intrinsic, R"({"Ref": "Port"})"));
  CHECK(valid(intrinsic, R"("80")"));
  CHECK(valid(intrinsic, R"(80)"));  // a pattern applies to strings only
  CHECK_FALSE(valid(intrinsic, R"({"Ref": "Port", "Fn::Sub": "x"})"));
  CHECK_FALSE(valid(intrinsic, R"("eighty")"));

  const std::string combinators = R"({"definitions": {"short": {"type": "string", "maxLength": 2}},
    "anyOf": [{"$ref": "#/definitions/short"}, {"type": "integer"}], "not": {"const": "no"},
    "oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]})";
  CHECK(valid(combinators, R"("ok")"));
  CHECK(valid(combinators, R"(7)"));
  CHECK_FALSE(valid(combinators, R"("no")"));
  CHECK_FALSE(valid(combinators, R"("long")"));
  CHECK_FALSE(valid(combinators, R"(true)"));

  // Numbers in an enum: equal values of one kind are valid; an integer equal
  // to a double is left to valijson's rules, as is an integer past 2^53.
  CHECK(valid(R"({"enum": [1.5, "x"]})", R"(1.5)"));
  CHECK(valid(R"({"enum": [0.2, "0.2"]})", R"(0.2)"));
  CHECK(valid(R"({"enum": [1.5, "x"]})", R"("x")"));
  CHECK(valid(R"({"const": 3})", R"(3)"));
  CHECK_FALSE(valid(R"({"enum": [1.5, 3]})", R"(2)"));
  CHECK_FALSE(valid(R"({"enum": [2.0]})", R"(2)"));
  CHECK_FALSE(valid(R"({"enum": [2]})", R"(2.0)"));
  CHECK_FALSE(valid(R"({"enum": [9007199254740993]})", R"(9007199254740992)"));
  // A keyword the checks do not model: no checks at all.
  CHECK(schema::compile_checks(nlohmann::json::parse(R"({"propertyNames": {"maxLength": 3}})")) == nullptr);
}

TEST_CASE("validity checks: a value whose errors are dropped fails only where they are", "[schema][validity]") {
  using schema::Validity;
  const std::string strings = R"({"type": "object", "properties": {
    "Name": {"type": "string", "minLength": 1},
    "Resource": {"if": {"type": "array"}, "then": {"minItems": 1, "items": {"type": "string"}}, "else": {"type": "string"}},
    "Either": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    "Shape": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false},
    "Count": {"type": "integer", "maximum": 3}}})";
  CHECK(judged(strings, R"({"Name": "web"})") == Validity::valid);
  // A string wanted, a function given: a type error at the function, dropped.
  CHECK(judged(strings, R"({"Name": {"Fn::Sub": "${A}"}})") == Validity::errors_dropped);
  // The type error comes from the branch the if chooses, in a list or not.
  CHECK(judged(strings, R"({"Resource": {"Fn::Sub": "arn:${A}"}})") == Validity::errors_dropped);
  CHECK(judged(strings, R"({"Resource": ["a", {"Fn::Sub": "arn:${A}"}]})") == Validity::errors_dropped);
  // An error beside it is still an error.
  CHECK(judged(strings, R"({"Name": {"Fn::Sub": "x"}, "Count": 4})") == Validity::not_known);
  CHECK(judged(strings, R"({"Name": {"Fn::Sub": "x"}, "Resource": []})") == Validity::not_known);
  // Inside anyOf the function fails a branch, and anyOf's own error stands.
  CHECK(judged(strings, R"({"Either": {"Fn::Sub": "x"}})") == Validity::not_known);
  // An object wanted, a function given: its key is one the object may not have.
  CHECK(judged(strings, R"({"Shape": {"Fn::If": ["C", {}, {}]}})") == Validity::errors_dropped);
  // An object with no such rule fails only through what it holds: valijson decides.
  CHECK(judged(R"({"properties": {"Open": {"type": "object", "properties": {"Fn::If": {"type": "string"}}}}})",
               R"({"Open": {"Fn::If": ["C", {}, {}]}})") == Validity::not_known);
  // Not a function: an ordinary error.
  CHECK(judged(strings, R"({"Name": {"Ref": "A"}})") == Validity::not_known);
}
