// valijson says what failed only in English sentences, and pipec's schema
// messages depend on recognizing each form (schema/raw_error.h). Each case
// here makes the real valijson produce one form and checks that it is
// recognized, so a valijson upgrade that rewords one fails here instead of
// silently turning pipec's messages into valijson's.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/raw_error.h"

namespace {

using pipec::schema::ErrorKind;
using nlohmann::json;

// The kinds classify() gives the errors of validating `instance` against `schema`.
std::vector<pipec::schema::RawError> errors(const json& schema_json, const json& instance) {
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_json), schema);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(instance), &results);
  std::vector<pipec::schema::RawError> out;
  for (const auto& e : results) out.push_back(pipec::schema::classify(e.description, e.context));
  return out;
}

bool has(const std::vector<pipec::schema::RawError>& found, ErrorKind kind) {
  return std::any_of(found.begin(), found.end(), [&](const auto& e) { return e.kind == kind; });
}

std::string descriptions(const std::vector<pipec::schema::RawError>& found) {
  std::string out;
  for (const auto& e : found) out += "  " + e.description + "\n";
  return out;
}

}  // namespace

TEST_CASE("every form of valijson's messages that pipec explains is recognized") {
  struct Case {
    const char* name;
    json schema, instance;
    ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {"required", json::parse(R"({"required": ["Name"]})"), json::object(), ErrorKind::required},
      {"additional", json::parse(R"({"properties": {"a": {}}, "additionalProperties": false})"), json::parse(R"({"b": 1})"),
       ErrorKind::additional},
      {"enum", json::parse(R"({"enum": ["A", "B"]})"), "C", ErrorKind::enumeration},
      {"const", json::parse(R"({"const": "A"})"), "B", ErrorKind::constant},
      {"pattern", json::parse(R"({"pattern": "^a+$"})"), "b", ErrorKind::pattern},
      {"type", json::parse(R"({"type": "string"})"), 1, ErrorKind::type},
      {"minLength", json::parse(R"({"minLength": 2})"), "a", ErrorKind::min_length},
      {"maxLength", json::parse(R"({"maxLength": 1})"), "ab", ErrorKind::max_length},
      {"minimum", json::parse(R"({"minimum": 2})"), 1, ErrorKind::minimum},
      {"maximum", json::parse(R"({"maximum": 1})"), 2, ErrorKind::maximum},
      {"minItems", json::parse(R"({"minItems": 1})"), json::array(), ErrorKind::min_items},
      {"maxItems", json::parse(R"({"maxItems": 1})"), json::parse("[1, 2]"), ErrorKind::max_items},
      {"uniqueItems", json::parse(R"({"uniqueItems": true})"), json::parse("[1, 1]"), ErrorKind::unique},
      {"minProperties", json::parse(R"({"minProperties": 1})"), json::object(), ErrorKind::min_properties},
      {"maxProperties", json::parse(R"({"maxProperties": 1})"), json::parse(R"({"a": 1, "b": 2})"), ErrorKind::max_properties},
      {"not", json::parse(R"({"not": {"type": "string"}})"), "a", ErrorKind::negation},
      {"anyOf summary", json::parse(R"({"anyOf": [{"type": "string"}, {"type": "integer"}]})"), json::array(), ErrorKind::summary},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto found = errors(c.schema, c.instance);
      INFO("valijson said:\n" << descriptions(found));
      CHECK(has(found, c.kind));
    }
  }
}

TEST_CASE("the names in required and additional-property messages are read") {
  auto found = errors(json::parse(R"({"required": ["RepositoryName"]})"), json::object());
  REQUIRE_FALSE(found.empty());
  CHECK(found.front().name == "RepositoryName");
  found = errors(json::parse(R"({"properties": {"a": {}}, "additionalProperties": false})"), json::parse(R"({"Repositoryname": 1})"));
  REQUIRE(has(found, ErrorKind::additional));
  for (const auto& e : found) {
    if (e.kind == ErrorKind::additional) CHECK(e.name == "Repositoryname");
  }
}

TEST_CASE("the path of an error is read from valijson's context") {
  const auto found = errors(json::parse(R"({"properties": {"stages": {"items": {"required": ["name"]}}}})"),
                            json::parse(R"({"stages": [{}, {}]})"));
  const bool second = std::any_of(found.begin(), found.end(), [](const auto& e) {
    return e.kind == ErrorKind::required && e.path == pipec::schema::Path{"stages", "1"};
  });
  CHECK(second);
}
