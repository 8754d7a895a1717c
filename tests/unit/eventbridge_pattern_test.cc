// Compiling event patterns: what EventBridge refuses, with event-ruler's
// words, at the token that causes it.

#include <catch2/catch.hpp>

#include "eventbridge/number.h"
#include "eventbridge/wildcard_complexity.h"
#include "eventbridge_support.h"

using namespace pipec::eventbridge;
using pipec::eventbridge::test::errors_of;
using pipec::eventbridge::test::located_errors_of;
using pipec::eventbridge::test::Json;
using Errors = std::vector<std::string>;

TEST_CASE("valid patterns compile without errors", "[eventbridge][pattern]") {
  for (const char* text : {
           R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"result": ["SUCCESS"]}})",
           R"({"a": [{"prefix": "child"}], "b": [{"suffix": "child"}], "c": [{"anything-but": "child"}]})",
           R"({"a": [{"anything-but": ["child0", "child1"]}], "b": [{"anything-but": [111, 222]}], "c": [{"anything-but": 111}]})",
           R"({"a": [{"anything-but": {"prefix": "foo"}}], "b": [{"anything-but": {"prefix": ["abc", "123"]}}]})",
           R"({"a": [{"anything-but": {"suffix": "foo"}}], "b": [{"anything-but": {"suffix": ["abc", "123"]}}]})",
           R"({"a": [{"anything-but": {"equals-ignore-case": ""}}], "b": [{"anything-but": {"equals-ignore-case": ["abc", ""]}}]})",
           R"({"a": [{"anything-but": {"wildcard": "foo*bar"}}], "b": [{"anything-but": {"wildcard": ["foo*bar", ""]}}]})",
           R"({"a": [{"exists": true}], "b": [{"exists": false}], "c": [{"cidr": "10.0.0.0/8"}], "d": [{"cidr": "2001:db8::/32"}]})",
           R"({"a": [{"equals-ignore-case": "abc"}], "b": [{"wildcard": "a*b*c"}], "c": [{"wildcard": "a\\*b\\\\"}]})",
           R"({"a": [{"prefix": {"equals-ignore-case": "child"}}], "b": [{"suffix": {"equals-ignore-case": "child"}}]})",
           R"({"a": [null, true, false, 1, -2.5e3, "x", ""]})",
           R"({"x": [{"numeric": ["=", 3.8]}], "y": [{"numeric": ["<", 1E-320]}], "z": [{"numeric": [">=", 0, "<", 1]}]})",
           R"({"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]})",
       }) {
    INFO(text);
    CHECK(errors_of(text).empty());
  }
}

TEST_CASE("the structure of a pattern", "[eventbridge][pattern]") {
  // EBP-01: an object, not empty, and no empty object inside.
  CHECK(errors_of(R"([1, 2, 3])") == Errors{"[1, 2, 3] | Filter is not an object"});
  CHECK(errors_of(R"({})") == Errors{"{} | Empty objects are not allowed"});
  CHECK(errors_of(R"({"source": ["aws.ecr"], "detail": {}})") == Errors{"{} | Empty objects are not allowed"});
  // EBP-02: values are arrays (or objects to nest); the error is at the value.
  CHECK(errors_of(R"({"source": "aws.ecr"})") == Errors{"\"aws.ecr\" | \"source\" must be an object or an array"});
  CHECK(located_errors_of("{\n  \"detail\": {\n    \"repository-name\": \"app\"\n  }\n}") ==
        Errors{"3:24 \"repository-name\" must be an object or an array"});
  CHECK(errors_of(R"({"a": 1, "b": null, "c": true})") ==
        Errors{"1 | \"a\" must be an object or an array", "null | \"b\" must be an object or an array", "true | \"c\" must be an object or an array"});
  // EBP-03 and EBP-04.
  CHECK(errors_of(R"({"detail-type": []})") == Errors{"[] | Empty arrays are not allowed"});
  CHECK(errors_of(R"({"detail": {"image-tag": [["latest"]]}})") ==
        Errors{"[\"latest\"] | Match value must be String, number, true, false, or null"});
}

TEST_CASE("match expressions take one known key", "[eventbridge][pattern]") {
  CHECK(errors_of(R"({"a": [{"contains": "prod"}]})") == Errors{"\"contains\" | Unrecognized match type contains"});
  CHECK(errors_of(R"({"a": [{}]})") == Errors{"{} | Match expression name not found"});
  CHECK(errors_of(R"({"a": [{"prefix": "child", "foo": []}]})") ==
        Errors{"\"foo\" | Only one key allowed in match expression"});
  CHECK(errors_of(R"({"a": [{"suffix": "child", "foo": []}]})") ==
        Errors{"\"foo\" | Only one key allowed in match expression"});
  CHECK(errors_of(R"({"a": [{"exists": true, "b": 1}]})") == Errors{"\"b\" | Only one key allowed in match expression"});
  CHECK(errors_of(R"({"a": [{"exactly": 33}]})") == Errors{"33 | exact match pattern must be a string"});
}

TEST_CASE("prefix, suffix, equals-ignore-case and wildcard operands", "[eventbridge][pattern]") {
  // EBP-06
  CHECK(errors_of(R"({"a": [{"prefix": 3}]})") == Errors{"3 | prefix match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"suffix": 3}]})") == Errors{"3 | suffix match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"prefix": {"equals-ignore-case": ["a"]}}]})") ==
        Errors{"[\"a\"] | equals-ignore-case match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"prefix": {"invalid-expression": ["abc"]}}]})") ==
        Errors{"\"invalid-expression\" | Unsupported prefix pattern: invalid-expression"});
  CHECK(errors_of(R"({"a": [{"suffix": {"invalid-expression": ["abc"]}}]})") ==
        Errors{"\"invalid-expression\" | Unsupported suffix pattern: invalid-expression"});
  CHECK(errors_of(R"({"a": [{"prefix": {}}]})") == Errors{"{} | Prefix expression name not found"});
  CHECK(errors_of(R"({"a": [{"prefix": {"equals-ignore-case": "abc", "test": "def"}}]})") ==
        Errors{"\"test\" | Only one key allowed in match expression"});
  CHECK(errors_of(R"({"a": [{"prefix": {"equals-ignore-case": "abc"}, "test": "def"}]})") ==
        Errors{"\"test\" | Only one key allowed in match expression"});
  // EBP-07
  CHECK(errors_of(R"({"a": [{"equals-ignore-case": 5}]})") ==
        Errors{"5 | equals-ignore-case match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"equals-ignore-case": ["abc"]}]})") ==
        Errors{"[\"abc\"] | equals-ignore-case match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"wildcard": ["abc"]}]})") == Errors{"[\"abc\"] | wildcard match pattern must be a string"});
  // Positions count the opening quote event-ruler adds, as its messages do;
  // the span is the offending characters themselves.
  CHECK(errors_of(R"({"key": [{"wildcard": "abc**def"}]})") ==
        Errors{"** | Consecutive wildcard characters at pos 4"});
  CHECK(errors_of(R"({"tag": [{"wildcard": "release-**"}]})") ==
        Errors{"** | Consecutive wildcard characters at pos 9"});
  CHECK(errors_of(R"({"a": [{"wildcard": "a*c\\def"}]})") == Errors{"\\\\d | Invalid escape character at pos 4"});
  CHECK(errors_of(R"({"a": [{"wildcard": "foo*bar\\"}]})") == Errors{"\\\\ | Invalid escape character at pos 8"});
}

TEST_CASE("wildcard errors point at the characters", "[eventbridge][pattern]") {
  const Json p{R"({"key": [{"wildcard": "abc**def"}]})"};
  const auto result = pipec::eventbridge::test::compile(p);
  REQUIRE(result.errors.size() == 1);
  CHECK(p.text(result.errors[0].span) == "**");
}

TEST_CASE("anything-but operands", "[eventbridge][pattern]") {
  // EBP-08
  CHECK(errors_of(R"({"a": [{"anything-but": ["child0", 111, "child2"]}]})") == Errors{"[\"child0\", 111, \"child2\"] | Inside anything but list, either all values are number or string, mixed type is not supported"});
  CHECK(errors_of(R"({"a": [{"anything-but": []}]})") == Errors{"[] | Inside anything but list, either all values are number or string, mixed type is not supported"});
  CHECK(errors_of(R"({"a": [{"anything-but": [null]}]})") ==
        Errors{"null | Inside anything but list, start|null|boolean is not supported."});
  CHECK(errors_of(R"({"a": [{"anything-but": true}]})") ==
        Errors{"true | Value of anything-but must be an array or single string/number value."});
  CHECK(errors_of(R"({"a": [{"anything-but": "child", "foo": []}]})") ==
        Errors{"\"foo\" | Too many elements in numeric expression"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"foo": 3}}]})") ==
        Errors{"\"foo\" | Unsupported anything-but pattern: foo"});
  CHECK(errors_of(R"({"a": [{"anything-but": {}}]})") == Errors{"{} | Anything-But expression name not found"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"prefix": 27}}]})") ==
        Errors{"27 | prefix/suffix match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"prefix": ""}}]})") == Errors{"\"\" | Null prefix/suffix not allowed"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"suffix": ["1", ""]}}]})") ==
        Errors{"\"\" | Null prefix/suffix not allowed"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"prefix": [1, 2, 3]}}]})") ==
        Errors{"1 | prefix/suffix match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"equals-ignore-case": [1, 2, 3]}}]})") ==
        Errors{"1 | Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."});
  CHECK(errors_of(R"({"a": [{"anything-but": {"wildcard": 27}}]})") ==
        Errors{"27 | wildcard match pattern must be a string"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"wildcard": ["1", "foo**bar"]}}]})") ==
        Errors{"** | Consecutive wildcard characters at pos 4"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"prefix": "foo", "a": 1}}]})") ==
        Errors{"\"a\" | Too many elements in numeric expression"});
  CHECK(errors_of(R"({"a": [{"anything-but": {"prefix": "foo"}, "x": 1}]})") ==
        Errors{"\"x\" | Too many elements in numeric expression"});
  CHECK(errors_of(R"({"a": [{"anything-but": [1e400]}]})") == Errors{"1e400 | Cannot compare number : 1e400"});
}

TEST_CASE("numeric expressions", "[eventbridge][pattern]") {
  for (const char* good : {R"(["=", 3.8])", R"(["=", 0.000033])", R"(["=", -4e-6])", R"(["=", 55555])", R"(["=", 1E-320])",
                           R"(["<", 3.8])", R"([">", 0, "<", 1])", R"([">=", 0, "<", 1])", R"([">", 0, "<=", 1])",
                           R"([">=", 0, "<=", 1])", R"(["<=", -4e-6])", R"([">=", 55555])"}) {
    INFO(good);
    CHECK(errors_of(std::string(R"({"x": [{"numeric": )") + good + "}]}").empty());
  }
  const auto numeric = [](const std::string& expr) { return errors_of(R"({"x": [{"numeric": )" + expr + "}]}"); };
  // EBP-09; messages and positions as event-ruler's processNumericMatchExpression.
  CHECK(numeric(R"(["=", true])") == Errors{"true | Value of equals must be numeric"});
  CHECK(numeric(R"(["=", "-4e-6"])") == Errors{"\"-4e-6\" | Value of equals must be numeric"});
  CHECK(numeric(R"(["="])") == Errors{"[\"=\"] | Value of equals must be numeric"});
  CHECK(numeric(R"(["=", 2.0e422])") == Errors{"2.0e422 | Cannot compare number : 2.0e422"});
  CHECK(numeric(R"(["=", 1E-325])") == Errors{"1E-325 | Cannot compare number : 1E-325"});
  CHECK(numeric(R"([">=", 0.10000000000000001])") == Errors{"0.10000000000000001 | Cannot compare number : 0.10000000000000001"});
  CHECK(numeric(R"(["<>", 1, ">", 0])") == Errors{"\"<>\" | Unrecognized numeric range operator: <>"});
  CHECK(numeric(R"(["<", 10, ">", 0])") == Errors{"\">\" | Too many elements in numeric expression"});
  CHECK(numeric(R"([">", 1, "<", 1])") == Errors{"[\">\", 1, \"<\", 1] | Bottom must be less than top"});
  CHECK(numeric(R"([">", 30, "<", 1])") == Errors{"[\">\", 30, \"<\", 1] | Bottom must be less than top"});
  CHECK(numeric(R"([">", 1, "<", 30, false])") == Errors{"false | Too many terms in numeric range expression"});
  CHECK(numeric(R"([">", 1, "=", 30])") == Errors{"\"=\" | Bad numeric range operator: ="});
  CHECK(numeric(R"([">", 1, 30])") == Errors{"30 | Bad value in numeric range: 30"});
  CHECK(numeric(R"([">", 1, "<", "30"])") == Errors{"\"30\" | Value of < must be numeric"});
  CHECK(numeric(R"([5])") == Errors{"5 | Invalid member in numeric match: 5"});
  CHECK(numeric(R"([])") == Errors{"[] | Invalid member in numeric match: ]"});
  CHECK(errors_of(R"({"x": [{"numeric": 5}]})") == Errors{"5 | Value of numeric must be an array."});
  CHECK(errors_of(R"({"x": [{"numeric": ["<", 5], "y": 1}]})") ==
        Errors{"\"y\" | Too many elements in numeric expression"});
}

TEST_CASE("numbers outside the documented range are accepted with a warning", "[eventbridge][pattern]") {
  const Json p{R"({"x": [{"numeric": [">", 1e10]}]})"};
  const auto result = pipec::eventbridge::test::compile(p);
  CHECK(result.ok());
  REQUIRE(result.warnings.size() == 1);
  CHECK(p.text(result.warnings[0].span) == "1e10");
}

TEST_CASE("numeric operands with more than 6 decimal places are accepted with a warning", "[eventbridge][pattern]") {
  // The user guide documents six digits after the decimal point; event-ruler
  // v1.7 refused more ("Only values upto 6 decimals are supported", scale after
  // stripTrailingZeros); v1.8 compares any double.
  const auto warnings = [](const std::string& operand) {
    const Json p{R"({"x": [{"numeric": ["=", )" + operand + "]}]}"};
    const auto result = pipec::eventbridge::test::compile(p);
    CHECK(result.ok());
    std::vector<std::string> out;
    for (const auto& w : result.warnings) {
      CHECK(w.problem == PatternProblem::limit);
      out.push_back(p.text(w.span) + " | " + w.message);
    }
    return out;
  };
  CHECK(warnings("0.1234567") == Errors{"0.1234567 | 0.1234567 has 7 digits after the decimal point; EventBridge "
                                        "documents numeric matching to 6"});
  CHECK(warnings("1.5e-7") == Errors{"1.5e-7 | 1.5e-7 has 8 digits after the decimal point; EventBridge documents "
                                     "numeric matching to 6"});
  CHECK(warnings("0.123456").empty());
  CHECK(warnings("1.5000000000").empty());  // trailing zeros do not count
  CHECK(warnings("12345.6e-5").empty());     // 0.123456
  CHECK(warnings("3e2").empty());
  CHECK(warnings("-0.0000001").size() == 1);
  // In a range, each operand is judged.
  const Json range{R"({"x": [{"numeric": [">", 0.0000001, "<", 0.1234567]}]})"};
  CHECK(pipec::eventbridge::test::compile(range).warnings.size() == 2);
  // Exact numbers and anything-but are not numeric operands.
  CHECK(pipec::eventbridge::test::compile(Json{R"({"x": [0.1234567, {"anything-but": [0.1234567]}]})"}).warnings.empty());
}

TEST_CASE("decimal_places: BigDecimal's scale once trailing zeros are stripped", "[eventbridge][pattern]") {
  CHECK(decimal_places("300") == 0);
  CHECK(decimal_places("300.000") == 0);
  CHECK(decimal_places("3e2") == 0);
  CHECK(decimal_places("1.50e1") == 0);
  CHECK(decimal_places("0.1234567") == 7);
  CHECK(decimal_places("1.5e-6") == 7);
  CHECK(decimal_places("-0.0") == 0);
  CHECK(decimal_places("1e-400") == 400);
  CHECK_FALSE(decimal_places("abc").has_value());
}

TEST_CASE("exists and cidr operands", "[eventbridge][pattern]") {
  // EBP-12
  CHECK(errors_of(R"({"x": [{"exists": "true"}]})") == Errors{"\"true\" | exists match pattern must be either true or false."});
  CHECK(errors_of(R"({"x": [{"exists": null}]})") == Errors{"null | exists match pattern must be either true or false."});
  // EBP-11: /32 and /128 are refused; the message for a non-string is event-ruler's own.
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.1/32"}]})") == Errors{"\"10.0.0.1/32\" | IPv4 mask bits must be < 32"});
  CHECK(errors_of(R"({"x": [{"cidr": "2001:db8::/128"}]})") == Errors{"\"2001:db8::/128\" | IPv6 mask bits must be < 128"});
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.0"}]})") == Errors{"\"10.0.0.0\" | Malformed CIDR, one '/' required"});
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.0/8/"}]})").empty());  // Java's split drops a trailing empty part
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.0/x"}]})") == Errors{"\"10.0.0.0/x\" | Malformed CIDR, mask bits must be an integer"});
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.0/-1"}]})") ==
        Errors{"\"10.0.0.0/-1\" | Malformed CIDR, mask bits must not be negative"});
  CHECK(errors_of(R"({"x": [{"cidr": "foo/8"}]})") == Errors{"\"foo/8\" | Nonstandard IP address: foo"});
  CHECK(errors_of(R"({"x": [{"cidr": "10.0.0.256/8"}]})") == Errors{"\"10.0.0.256/8\" | Invalid IP address: 10.0.0.256"});
  CHECK(errors_of(R"({"x": [{"cidr": 10}]})") == Errors{"10 | prefix match pattern must be a string"});
  // I7-I9: localstack content_ip_address_bad_mask_EXC, _bad_ip_EXC, _EXC and _type_EXC (recorded against AWS).
  CHECK(errors_of(R"({"ip": [{"cidr": "bad-/64filter"}]})") ==
        Errors{"\"bad-/64filter\" | Malformed CIDR, mask bits must be an integer"});
  CHECK(errors_of(R"({"ip": [{"cidr": "xx.11.xx/8"}]})") == Errors{"\"xx.11.xx/8\" | Nonstandard IP address: xx.11.xx"});
  CHECK(errors_of(R"({"ip": [{"cidr": "bad-filter"}]})") == Errors{"\"bad-filter\" | Malformed CIDR, one '/' required"});
  CHECK(errors_of(R"({"ip": [{"cidr": ["bad-type"]}]})") == Errors{"[\"bad-type\"] | prefix match pattern must be a string"});
  // Leading zeros are decimal, as the JDK reads IPv4 literals: accepted.
  CHECK(errors_of(R"({"ip": [{"cidr": "10.0.0.01/24"}]})").empty());
  CHECK(errors_of(R"({"ip": [{"cidr": "010.0.0.0/24"}]})").empty());
}

TEST_CASE("wildcard complexity: EventBridge refuses a pattern above 10", "[eventbridge][pattern]") {
  const std::string too_complex =
      "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a "
      "wildcard character";
  // W1: localstack content_wildcard_complex_EXC (recorded against AWS); complexity 11.
  const Json w1{R"({"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]})"};
  const auto refused = pipec::eventbridge::test::compile(w1);
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].message == too_complex);
  CHECK(refused.errors[0].problem == PatternProblem::limit);
  CHECK(w1.text(refused.errors[0].span) == R"([{"wildcard": "*:*:*:*:*:event-bus/*"}])");
  CHECK(refused.errors[0].note.find("complexity is 11") != std::string::npos);
  // W2: localstack content_wildcard_repeating: accepted (7), and it matches.
  CHECK(errors_of(R"({"FileName": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]})").empty());
  CHECK(pipec::eventbridge::test::matches(R"({"FileName": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]})",
                                          R"({"FileName": "/Users/ls_user/dir/dir/dir/dir/dir/doc.txt"})"));
  // W4: four alternatives sharing "*:stack/" add up to 12; three make 9 and
  // are accepted (a third-party report of the service, and event-ruler).
  CHECK(errors_of(R"({"s": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}, {"wildcard": "*:stack/C/*"},
                            {"wildcard": "*:stack/D/*"}]})") == Errors{R"([{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}, {"wildcard": "*:stack/C/*"},
                            {"wildcard": "*:stack/D/*"}] | )" + too_complex});
  CHECK(errors_of(R"({"s": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}, {"wildcard": "*:stack/C/*"}]})").empty());
  // The same wildcards in $or alternatives on one field add up as well ...
  CHECK(errors_of(R"({"$or": [{"s": [{"wildcard": "*:stack/A/*"}]}, {"s": [{"wildcard": "*:stack/B/*"}]},
                              {"s": [{"wildcard": "*:stack/C/*"}]}, {"s": [{"wildcard": "*:stack/D/*"}]}]})").size() == 1);
  // ... but not on different fields, nor behind different values of an earlier field.
  CHECK(errors_of(R"({"$or": [{"s": [{"wildcard": "*:stack/A/*"}]}, {"t": [{"wildcard": "*:stack/B/*"}]},
                              {"u": [{"wildcard": "*:stack/C/*"}]}, {"v": [{"wildcard": "*:stack/D/*"}]}]})").empty());
  CHECK(errors_of(R"({"$or": [{"a": ["1"], "s": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}]},
                              {"a": ["2"], "s": [{"wildcard": "*:stack/C/*"}, {"wildcard": "*:stack/D/*"}]}]})").empty());
  // anything-but wildcards count as wildcards.
  CHECK(errors_of(R"({"a": [{"anything-but": {"wildcard": ["*:*:*:*:*:*"]}}]})").size() == 1);
}

TEST_CASE("wildcard complexity: event-ruler's numbers", "[eventbridge][pattern]") {
  // Each value as event-ruler v2.0.1's MachineComplexityEvaluator gives it
  // (a probe on OpenJDK 17: Machine.addRule, then evaluateComplexity).
  const auto complexity = [](const std::string& text) {
    const Json p{text};
    CompileOptions options;
    options.sources = &p.sources();
    auto result = compile_pattern(p.doc(), p.doc().root(), options);
    return wildcard_complexity(result.pattern, 1000).value;
  };
  CHECK(complexity(R"({"f": [{"wildcard": "*"}]})") == 2);
  CHECK(complexity(R"({"f": [{"wildcard": "*.png"}]})") == 2);
  CHECK(complexity(R"({"f": [{"wildcard": "*:*"}]})") == 3);
  CHECK(complexity(R"({"f": [{"wildcard": "*:*:*:*:*"}]})") == 9);
  CHECK(complexity(R"({"f": [{"wildcard": "*:*:*:*:*:*"}]})") == 11);
  CHECK(complexity(R"({"f": [{"wildcard": "*a*a*a*"}]})") == 7);
  CHECK(complexity(R"({"f": [{"wildcard": "a*b*c*d*e*f"}]})") == 6);
  CHECK(complexity(R"({"f": [{"wildcard": "*ab*ab*ab"}]})") == 6);
  CHECK(complexity(R"({"f": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]})") == 3);
  CHECK(complexity(R"({"f": [{"wildcard": "*a"}, {"wildcard": "*b"}]})") == 4);
  CHECK(complexity(R"({"f": [{"wildcard": "x*a"}, {"wildcard": "y*b"}]})") == 2);
  CHECK(complexity(R"({"f": [{"wildcard": "*A*"}, {"wildcard": "*B*"}]})") == 6);
  CHECK(complexity(R"({"f": [{"anything-but": {"wildcard": ["*/init/*", "*/dir/*"]}}]})") == 5);
  CHECK(complexity(R"({"f": [{"anything-but": {"wildcard": ["*", "ab"]}}]})") == 2);
  CHECK(complexity(R"({"f": [{"wildcard": "*a"}, {"wildcard": "*a"}]})") == 3);  // added twice, states twice
  CHECK(complexity(R"({"f": [{"wildcard": "a*b"}], "g": [{"wildcard": "c*d"}]})") == 2);
  CHECK(complexity(R"({"$or": [{"f": [{"wildcard": "*a"}]}, {"g": [{"wildcard": "*b"}]}]})") == 2);
  CHECK(complexity(R"({"f": ["x", {"prefix": "a"}, 5, {"numeric": [">", 1]}]})") == 0);
  // After an {"exists": false}, a field is reached through a name matcher,
  // which the evaluator does not follow.
  CHECK(complexity(R"({"a": [{"exists": false}], "f": [{"wildcard": "*:*:*:*:*:*"}]})") == 0);
  CHECK(complexity(R"({"a": [{"exists": true}], "f": [{"wildcard": "*:*:*:*:*:*"}]})") == 11);
}

TEST_CASE("wildcard complexity: long patterns are measured quickly, up to the cap", "[eventbridge][pattern]") {
  std::string many;
  for (int i = 0; i < 300; ++i) many += "a*";
  const Json p{R"({"f": [{"wildcard": ")" + many + R"("}]})"};
  CompileOptions options;
  const auto result = compile_pattern(p.doc(), p.doc().root(), options);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].note.find("at least 100") != std::string::npos);
  // A repeated character after a wildcard: each run of it is a prefix in play.
  const std::string literal(3000, 'x');
  CHECK(errors_of(R"({"f": [{"wildcard": "*)" + literal + R"("}]})").size() == 1);
  CHECK(errors_of(R"({"f": [{"wildcard": ")" + literal + R"(*"}]})").empty());
}

TEST_CASE("pattern length: a warning above 2048 characters, refused above 4096", "[eventbridge][pattern]") {
  // The EventBridge quota: 2048 characters by default, adjustable to 4096.
  const auto pattern_of = [](std::size_t length) {
    const std::string head = R"({"source": [")";
    const std::string tail = R"("]})";
    return head + std::string(length - head.size() - tail.size(), 'x') + tail;
  };
  for (const std::size_t n : {std::size_t{2048}, std::size_t{2049}, std::size_t{4096}, std::size_t{4097}}) {
    INFO(n);
    const Json p{pattern_of(n)};
    const auto result = pipec::eventbridge::test::compile(p);
    if (n <= 2048) {
      CHECK(result.ok());
      CHECK(result.warnings.empty());
    } else if (n <= 4096) {
      CHECK(result.ok());
      REQUIRE(result.warnings.size() == 1);
      CHECK(result.warnings[0].problem == PatternProblem::limit);
      CHECK(result.warnings[0].message == "the pattern is " + std::to_string(n) +
                                              " characters; EventBridge allows 2048 unless the account's quota is "
                                              "raised (to 4096 at most)");
    } else {
      REQUIRE(result.errors.size() == 1);
      CHECK(result.errors[0].problem == PatternProblem::limit);
      CHECK(result.errors[0].message == "the pattern is 4097 characters; EventBridge allows at most 4096 (its event "
                                        "pattern quota, 2048 unless raised)");
    }
  }
  // Characters, not bytes: 1500 "é" are 3000 bytes.
  std::string accents;
  for (int i = 0; i < 1500; ++i) accents += "\xC3\xA9";
  const Json wide{R"({"source": [")" + accents + R"("]})"};
  CHECK(pipec::eventbridge::test::compile(wide).warnings.empty());
  // A template's object is sent as CloudFormation serializes it: measured minified.
  const std::string spaced = "{\"source\":" + std::string(3000, ' ') + "[\"aws.ecr\"]}";
  const Json p{spaced};
  CHECK(pipec::eventbridge::test::compile(p).warnings.size() == 1);
  CompileOptions serialized;
  serialized.serialized = true;
  CHECK(pipec::eventbridge::test::compile(p, serialized).warnings.empty());
}

TEST_CASE("$or", "[eventbridge][pattern]") {
  // EBP-13
  CHECK(errors_of(R"({"$or": [{"detail": {"repository-name": ["a"]}}]})") ==
        Errors{"[{\"detail\": {\"repository-name\": [\"a\"]}}] | There must have at least 2 Objects in $or relationship."});
  CHECK(errors_of(R"({"$or": {"a": ["x"]}})") == Errors{"{\"a\": [\"x\"]} | It must be an Array followed with $or."});
  CHECK(errors_of(R"({"detail": {"$or": [{"source": ["a"]}, {"detail-type": ["b"]}, [{"foo": ["wrong"]}]]}})") ==
        Errors{"[{\"foo\": [\"wrong\"]}] | Only JSON object is allowed in array of $or relationship."});
  CHECK(errors_of(R"({"$or": [{"numeric": [123]}, {"prefix": ["abc"]}]})") ==
        Errors{"\"numeric\" | numeric is Ruler reserved fieldName which cannot be used inside $or.", "\"prefix\" | prefix is Ruler reserved fieldName which cannot be used inside $or."});
  // Reserved names are only reserved inside $or.
  CHECK(errors_of(R"({"prefix": ["abc"]})").empty());
  // Alternatives multiply: 11 x 11 x 11 is past pipec's 1000 (EventBridge
  // documents no limit): the pattern is not run, and said not to be refused.
  std::string many = R"({"$or": [)";
  for (int i = 0; i < 11; ++i) many += std::string(i ? "," : "") + R"({"a": [")" + std::to_string(i) + R"("]})";
  many += R"(], "detail": {"$or": [)";
  for (int i = 0; i < 11; ++i) many += std::string(i ? "," : "") + R"({"b": [")" + std::to_string(i) + R"("]})";
  many += R"(], "x": {"$or": [)";
  for (int i = 0; i < 11; ++i) many += std::string(i ? "," : "") + R"({"c": [")" + std::to_string(i) + R"("]})";
  many += "]}}}";
  const auto errors = errors_of(many);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("pipec cannot run this pattern offline: its $or alternatives make more than 1000 combinations "
                       "(a limit of pipec, not of EventBridge)") != std::string::npos);
  const auto result = pipec::eventbridge::test::compile(Json{many});
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.refused());
  CHECK(result.errors[0].problem == PatternProblem::pipec_limit);
}

TEST_CASE("$or forks the pattern into branches as event-ruler does", "[eventbridge][pattern]") {
  const Json p{R"({
    "detail": {
      "detail-type": ["EC2 Instance State-change Notification"],
      "$or": [
        {"c-count": [{"numeric": [">", 0, "<=", 5]}]},
        {"d-count": [{"numeric": ["<", 10]}]},
        {"x-limit": [{"numeric": ["=", 3.018e2]}]}
      ]
    },
    "news": {
      "newsProviders": ["p1", "p2"],
      "$or": [{"newCondition1": ["news111"]}, {"newCondition2": ["news222"]}]
    }
  })"};
  const auto result = pipec::eventbridge::test::compile(p);
  REQUIRE(result.ok());
  CHECK(result.pattern.branches.size() == 6);  // 3 x 2, as JsonRuleCompilerTest counts
  // Fields of a branch are in Java's string order.
  std::vector<std::string> paths;
  for (const auto f : result.pattern.branches[0].fields) paths.push_back(result.pattern.fields[f].path);
  CHECK(paths == std::vector<std::string>{"detail.c-count", "detail.detail-type", "news.newCondition1", "news.newsProviders"});
}

TEST_CASE("a path given twice: the last one is used, with a warning", "[eventbridge][pattern]") {
  // EBP-14 and EBP-15: duplicate keys, and a dotted key that is the same path.
  const Json p{R"({"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}, "a.b": ["1"], "a": {"b": ["2"]}})"};
  const auto result = pipec::eventbridge::test::compile(p);
  REQUIRE(result.ok());
  REQUIRE(result.pattern.branches.size() == 1);
  CHECK(result.pattern.branches[0].fields.size() == 2);
  REQUIRE(result.warnings.size() == 2);
  CHECK(p.text(result.warnings[0].span) == "\"location\"");
  CHECK(p.text(result.warnings[1].span) == "\"b\"");
  for (const auto f : result.pattern.branches[0].fields) {
    const auto& field = result.pattern.fields[f];
    if (field.path == "detail.location") CHECK(field.matchers[0].op == Op::anything_but_strings);
    if (field.path == "a.b") CHECK(field.matchers[0].text == "2");
  }
}

TEST_CASE("\"exactly\" works but draws a warning", "[eventbridge][pattern]") {
  const Json p{R"({"a": [{"exactly": "x"}]})"};
  const auto result = pipec::eventbridge::test::compile(p);
  CHECK(result.ok());
  CHECK(result.warnings.size() == 1);
}

TEST_CASE("every error is reported, each at its token", "[eventbridge][pattern]") {
  const std::string pattern = R"({
  "source": "aws.ecr",
  "detail-type": [],
  "detail": {
    "result": [{"prefx": "SUCC"}],
    "image-tag": [{"wildcard": "v**"}],
    "size": [{"numeric": ["<", 10, ">", 0]}],
    "ip": [{"cidr": "10.0.0.1/32"}]
  },
  "$or": [{"region": ["us-east-1"]}]
})";
  CHECK(located_errors_of(pattern) == Errors{"2:13 \"source\" must be an object or an array",
                                     "3:18 Empty arrays are not allowed",
                                     "5:17 Unrecognized match type prefx",
                                     "6:34 Consecutive wildcard characters at pos 2",
                                     "7:36 Too many elements in numeric expression",
                                     "8:21 IPv4 mask bits must be < 32",
                                     "10:10 There must have at least 2 Objects in $or relationship."});
}

TEST_CASE("patterns inside a PutRule string point into the string", "[eventbridge][pattern]") {
  // The reader maps an embedded pattern's bytes back to the outer file.
  Json outer{R"({"Name": "r", "EventPattern": "{\"source\": \"aws.ecr\"}"})"};
  const auto literal = outer.doc().get(outer.doc().root(), "EventPattern");
  const auto decoded = pipec::syntax::decode_string_literal(
      outer.sources().file(outer.doc().file()).text(), outer.doc().node(literal).span);
  const auto inner = outer.sources().add_embedded(outer.doc().file(), decoded.text, decoded.offsets);
  const auto parsed = pipec::syntax::read_json(outer.sources(), inner);
  CompileOptions options;
  options.sources = &outer.sources();
  const auto result = compile_pattern(parsed.document, parsed.document.root(), options);
  REQUIRE(result.errors.size() == 1);
  const auto root = outer.sources().to_root(result.errors[0].span);
  CHECK(outer.where(root) == "1:45");  // the \" before aws.ecr
}
