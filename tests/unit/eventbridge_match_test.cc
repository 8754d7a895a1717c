// Matching one pattern against one event: the EventBridge user guide's
// examples (content filtering, comparison operators, arrays, null values)
// behave as documented, and each operator's edge cases behave as
// aws/event-ruler, which EventBridge runs, makes them behave.

#include <catch2/catch.hpp>

#include "eventbridge_support.h"

using namespace pipec::eventbridge;
using pipec::eventbridge::test::Json;
using pipec::eventbridge::test::matches;
using pipec::eventbridge::test::run;

namespace {

// The EC2 state-change event of event-ruler's README and the user guide's
// content filtering examples.
constexpr const char* kEc2 = R"({
  "version": "0",
  "id": "ddddd4-aaaa-7777-4444-345dd43cc333",
  "detail-type": "EC2 Instance State-change Notification",
  "source": "aws.ec2",
  "account": "012345679012",
  "time": "2017-10-02T16:24:49Z",
  "region": "us-east-1",
  "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
  "detail": {
    "c-count": 5,
    "d-count": 3,
    "x-limit": 301.8,
    "source-ip": "10.0.0.33",
    "instance-id": "i-000000aaaaaa00000",
    "state": "running"
  }
})";

std::string with_detail(const std::string& detail) { return R"({"source": "test", "detail": )" + detail + "}"; }

bool detail_matches(const std::string& detail_pattern, const std::string& detail_event) {
  return matches(R"({"detail": )" + detail_pattern + "}", with_detail(detail_event));
}

}  // namespace

// --- The user guide's examples ------------------------------------------------

TEST_CASE("fields are ANDed, values of a field ORed", "[eventbridge][match][docs]") {
  CHECK(matches(R"({
    "detail-type": ["EC2 Instance State-change Notification"],
    "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
    "detail": {"state": ["initializing", "running"]}
  })", kEc2));
  CHECK_FALSE(matches(R"({"source": ["aws.ec2"], "detail": {"state": ["terminated"]}})", kEc2));
  CHECK(matches(R"({"source": ["aws.ec2", "aws.fargate"]})", kEc2));
  // Fields the pattern does not name are ignored.
  CHECK(matches(R"({"region": ["us-east-1"]})", kEc2));
}

TEST_CASE("prefix matching", "[eventbridge][match][docs]") {
  CHECK(matches(R"({"time": [{"prefix": "2017-10-02"}]})", kEc2));
  CHECK_FALSE(matches(R"({"time": [{"prefix": "2017-10-03"}]})", kEc2));
  CHECK(detail_matches(R"({"Region": [{"prefix": "us-"}]})", R"({"Region": "us-west-2"})"));
  CHECK_FALSE(detail_matches(R"({"Region": [{"prefix": "us-"}]})", R"({"Region": "eu-west-1"})"));
}

TEST_CASE("prefix matching ignoring case", "[eventbridge][match][docs]") {
  const std::string pattern = R"({"service": [{"prefix": {"equals-ignore-case": "EventB"}}]})";
  for (const char* service : {"EventBridge", "EVENTBRIDGE", "eventbridge", "eVeNtB"}) {
    INFO(service);
    CHECK(detail_matches(pattern, std::string(R"({"service": ")") + service + "\"}"));
  }
  CHECK_FALSE(detail_matches(pattern, R"({"service": "Event"})"));
}

TEST_CASE("suffix matching, and ignoring case", "[eventbridge][match][docs]") {
  CHECK(detail_matches(R"({"FileName": [{"suffix": ".png"}]})", R"({"FileName": "image.png"})"));
  CHECK_FALSE(detail_matches(R"({"FileName": [{"suffix": ".png"}]})", R"({"FileName": "image.PNG"})"));
  CHECK(detail_matches(R"({"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]})", R"({"FileName": "image.PNG"})"));
  CHECK(detail_matches(R"({"service": [{"suffix": {"equals-ignore-case": "tbridge"}}]})", R"({"service": "EVENTBRIDGE"})"));
}

TEST_CASE("equals-ignore-case", "[eventbridge][match][docs]") {
  for (const char* name : {"Alice", "alice", "ALICE", "aLiCe"}) {
    CHECK(detail_matches(R"({"name": [{"equals-ignore-case": "alice"}]})", std::string(R"({"name": ")") + name + "\"}"));
  }
  CHECK_FALSE(detail_matches(R"({"name": [{"equals-ignore-case": "alice"}]})", R"({"name": "Alicia"})"));
}

TEST_CASE("wildcard matching", "[eventbridge][match][docs]") {
  const std::string bus = R"({"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]})";
  CHECK(detail_matches(bus, R"({"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"})"));
  CHECK_FALSE(detail_matches(bus, R"({"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/myEventBus"})"));
  const std::string png = R"({"FileName": [{"wildcard": "dir/*.png"}]})";
  CHECK(detail_matches(png, R"({"FileName": "dir/image.png"})"));
  CHECK(detail_matches(png, R"({"FileName": "dir/sub/image.png"})"));  // '*' crosses slashes
  CHECK_FALSE(detail_matches(png, R"({"FileName": "dir/image.jpg"})"));
  CHECK(matches(R"({"source": [{"wildcard": "Simple*Service"}]})", R"({"source": "SimpleNotificationService"})"));
}

TEST_CASE("anything-but matching", "[eventbridge][match][docs]") {
  CHECK(matches(R"({"detail": {"state": [{"anything-but": "initializing"}]}})", kEc2));
  CHECK_FALSE(detail_matches(R"({"state": [{"anything-but": "initializing"}]})", R"({"state": "initializing"})"));
  CHECK(matches(R"({"detail": {"x-limit": [{"anything-but": 123}]}})", kEc2));
  CHECK(matches(R"({"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}})", kEc2));
  CHECK_FALSE(detail_matches(R"({"state": [{"anything-but": ["stopped", "overloaded"]}]})", R"({"state": "stopped"})"));
  CHECK(matches(R"({"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}})", kEc2));
  CHECK_FALSE(detail_matches(R"({"x-limit": [{"anything-but": [100, 200, 300]}]})", R"({"x-limit": 200})"));
  // anything-but prefix, suffix, ignore case and wildcard.
  CHECK(detail_matches(R"({"state": [{"anything-but": {"prefix": "init"}}]})", R"({"state": "running"})"));
  CHECK_FALSE(detail_matches(R"({"state": [{"anything-but": {"prefix": "init"}}]})", R"({"state": "initializing"})"));
  CHECK_FALSE(detail_matches(R"({"state": [{"anything-but": {"prefix": ["init", "error"]}}]})", R"({"state": "error-1"})"));
  CHECK(detail_matches(R"({"FileName": [{"anything-but": {"suffix": ".png"}}]})", R"({"FileName": "a.jpg"})"));
  CHECK_FALSE(detail_matches(R"({"FileName": [{"anything-but": {"suffix": ".png"}}]})", R"({"FileName": "a.png"})"));
  CHECK_FALSE(detail_matches(R"({"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]})",
                             R"({"state": "INITIALIZING"})"));
  CHECK(detail_matches(R"({"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "OverLoaded"]}}]})",
                       R"({"state": "running"})"));
  CHECK_FALSE(detail_matches(R"({"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]})",
                             R"({"FilePath": "/usr/lib/x.so"})"));
  CHECK(detail_matches(R"({"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]})", R"({"FilePath": "/usr/bin/x"})"));
}

TEST_CASE("numeric matching", "[eventbridge][match][docs]") {
  CHECK(matches(R"({"detail": {
    "c-count": [{"numeric": [">", 0, "<=", 5]}],
    "d-count": [{"numeric": ["<", 10]}],
    "x-limit": [{"numeric": ["=", 3.018e2]}]
  }})", kEc2));
  CHECK(detail_matches(R"({"Price": [{"numeric": [">", 10, "<=", 20]}]})", R"({"Price": 20})"));
  CHECK_FALSE(detail_matches(R"({"Price": [{"numeric": [">", 10, "<=", 20]}]})", R"({"Price": 10})"));
  CHECK(detail_matches(R"({"Price": [100]})", R"({"Price": 100})"));
}

TEST_CASE("IP address matching", "[eventbridge][match][docs]") {
  CHECK(matches(R"({"detail": {"source-ip": [{"cidr": "10.0.0.0/24"}]}})", kEc2));
  const std::string pattern = R"({"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]})";
  CHECK(detail_matches(pattern, R"({"sourceIPAddress": "10.0.0.0"})"));
  CHECK(detail_matches(pattern, R"({"sourceIPAddress": "10.0.0.255"})"));
  CHECK_FALSE(detail_matches(pattern, R"({"sourceIPAddress": "10.0.1.0"})"));
  const std::string v6 = R"({"sourceIPAddress": [{"cidr": "2001:db8::/64"}]})";
  CHECK(detail_matches(v6, R"({"sourceIPAddress": "2001:db8::1"})"));
  CHECK(detail_matches(v6, R"({"sourceIPAddress": "2001:0DB8:0000:0000:ffff:ffff:ffff:ffff"})"));
  CHECK_FALSE(detail_matches(v6, R"({"sourceIPAddress": "2001:db8:0:1::1"})"));
}

TEST_CASE("exists matching", "[eventbridge][match][docs]") {
  CHECK(detail_matches(R"({"state": [{"exists": true}]})", R"({"instance-id": "i-abcd1111", "state": "pending"})"));
  CHECK_FALSE(detail_matches(R"({"state": [{"exists": true}]})", R"({"c-count": {"c1": 100}})"));
  CHECK(detail_matches(R"({"c-count": [{"exists": false}]})", R"({"state": "running"})"));
  // Exists works on leaves only: an object at the path is no leaf there.
  CHECK(detail_matches(R"({"c-count": [{"exists": false}]})", R"({"state": "running", "c-count": {"c1": 100}})"));
  CHECK_FALSE(detail_matches(R"({"c-count": [{"exists": false}]})", R"({"c-count": 5})"));
}

TEST_CASE("$or matching", "[eventbridge][match][docs]") {
  const std::string pattern = R"({"detail": {"$or": [
    {"c-count": [{"numeric": [">", 0, "<=", 5]}]},
    {"d-count": [{"numeric": ["<", 10]}]},
    {"x-limit": [{"numeric": ["=", 3.018e2]}]}
  ]}})";
  CHECK(matches(pattern, kEc2));
  CHECK(detail_matches(R"({"$or": [{"c-count": [1]}, {"d-count": [2]}]})", R"({"c-count": 9, "d-count": 2})"));
  CHECK_FALSE(detail_matches(R"({"$or": [{"c-count": [1]}, {"d-count": [2]}]})", R"({"c-count": 9, "d-count": 9})"));
  // "Location is New York, or Day is Monday".
  const std::string or_fields = R"({"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]})";
  CHECK(matches(or_fields, R"({"Location": "Boston", "Day": "Monday"})"));
  CHECK_FALSE(matches(or_fields, R"({"Location": "Boston", "Day": "Friday"})"));
  // source AND (metricName OR (metricType AND namespace) OR scope), from event-ruler's README.
  const std::string nested = R"({"source": ["aws.cloudwatch"], "$or": [
    {"metricName": ["CPUUtilization", "ReadLatency"]},
    {"metricType": ["MetricType"], "namespace": ["AWS/EC2", "AWS/ES"]},
    {"scope": ["Service"]}
  ]})";
  CHECK(matches(nested, R"({"source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/ES"})"));
  CHECK_FALSE(matches(nested, R"({"source": "aws.cloudwatch", "metricType": "MetricType"})"));
  CHECK_FALSE(matches(nested, R"({"source": "aws.ec2", "scope": "Service"})"));
}

TEST_CASE("null and empty values", "[eventbridge][match][docs]") {
  const std::string event = R"({
    "version": "0", "id": "3e3c153a-8339-4e30-8c35-687ebef853fe", "detail-type": "EC2 Instance Launch Successful",
    "source": "aws.autoscaling", "account": "123456789012", "time": "2015-11-11T21:31:47Z", "region": "us-east-1",
    "resources": [], "detail": {"eventVersion": "", "responseElements": null}
  })";
  CHECK(matches(R"({"source": ["aws.autoscaling"], "detail": {"responseElements": [null]}})", event));
  CHECK(matches(R"({"detail": {"eventVersion": [""]}})", event));
  // null is not "", and neither is a missing field.
  CHECK_FALSE(matches(R"({"detail": {"eventVersion": [null]}})", event));
  CHECK_FALSE(matches(R"({"detail": {"responseElements": [""]}})", event));
  CHECK_FALSE(matches(R"({"detail": {"other": [null]}})", event));
  // An empty array holds no value: "resources" does not exist.
  CHECK(matches(R"({"resources": [{"exists": false}]})", event));
  CHECK_FALSE(matches(R"({"resources": [{"exists": true}]})", event));
}

TEST_CASE("array values in events", "[eventbridge][match][docs]") {
  const std::string pattern = R"({"resources": [
    "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
    "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"
  ]})";
  CHECK(matches(pattern, R"({"resources": [
    "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"
  ]})"));
  CHECK_FALSE(matches(pattern, R"({"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-other"]})"));
}

TEST_CASE("the complex example, and the last of a repeated key wins", "[eventbridge][match][docs]") {
  CHECK(matches(R"({
    "time": [{"prefix": "2017-10-02"}],
    "detail": {
      "state": [{"anything-but": "initializing"}],
      "c-count": [{"numeric": [">", 0, "<=", 5]}],
      "d-count": [{"numeric": ["<", 10]}],
      "x-limit": [{"anything-but": [100, 200, 300]}],
      "source-ip": [{"cidr": "10.0.0.0/8"}]
    }
  })", kEc2));
  const std::string repeated = R"({"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}})";
  CHECK_FALSE(matches(repeated, with_detail(R"({"location": "us-east"})")));
  CHECK(matches(repeated, with_detail(R"({"location": "eu-west"})")));
}

// --- Edge cases, per operator ---------------------------------------------------

TEST_CASE("exact strings: byte for byte, case and Unicode included", "[eventbridge][match]") {
  CHECK_FALSE(matches(R"({"detail-type": ["ECR image action"]})", R"({"detail-type": "ECR Image Action"})"));
  CHECK_FALSE(matches(R"({"a": ["SUCCESS"]})", R"({"a": "SUCCESS "})"));
  CHECK(matches(R"({"a": ["café"]})", R"({"a": "caf\u00e9"})"));        // an escape is the same string
  CHECK_FALSE(matches(R"({"a": ["café"]})", R"({"a": "cafe\u0301"})"));  // no normalisation
  CHECK(matches(R"({"a": ["日本"]})", R"({"a": "日本"})"));
  // A string is not the number it spells, and the other way round.
  CHECK_FALSE(matches(R"({"a": ["300"]})", R"({"a": 300})"));
  CHECK_FALSE(matches(R"({"a": [300]})", R"({"a": "300"})"));
  CHECK_FALSE(matches(R"({"a": ["true"]})", R"({"a": true})"));
  CHECK(matches(R"({"a": [true]})", R"({"a": true})"));
  CHECK_FALSE(matches(R"({"a": [true]})", R"({"a": false})"));
  // ARNs are plain strings: ':' and '/' matter.
  CHECK_FALSE(matches(R"({"resources": ["arn:aws:ecr:us-east-1:123456789012:repository/app"]})",
                      R"({"resources": ["arn:aws:ecr:us-east-1:123456789012:repository:app"]})"));
}

TEST_CASE("exact numbers compare by value by default, as the service does", "[eventbridge][match]") {
  const auto n = [](const char* pattern_value, const char* event_value) {
    return matches(std::string(R"({"n": [)") + pattern_value + "]}", std::string(R"({"n": )") + event_value + "}");
  };
  // N1: localstack number_comparison_float (TestEventPattern, recorded against AWS).
  CHECK(matches(R"({"number": [300]})", R"({"number": 300.0})"));
  // N2, N3: event-ruler's JsonRuleCompiler adds a numeric equality beside the exact text.
  for (const char* written : {"300", "300.0", "3e2", "3E+2", "300.00", "30e1", "3.0e2", "3.0e+2", "300.0000"}) {
    INFO(written);
    CHECK(n("300", written));
  }
  CHECK(n("300.0", "300"));
  CHECK(n("300.0", "3e2"));
  // N4: BigDecimal has no negative zero.
  for (const char* zero : {"-0", "0.0", "-0.0", "0e5"}) {
    INFO(zero);
    CHECK(n("0", zero));
  }
  CHECK(n("-0", "0"));
  CHECK(n("0.1", "0.1000"));
  // N5: a string is never a number.
  CHECK_FALSE(n("300", R"("300")"));
  // N6, N7: a number a double cannot hold exactly only matches its own text.
  CHECK_FALSE(n("0.1", "0.10000000000000001"));
  CHECK(n("0.10000000000000001", "0.10000000000000001"));
  CHECK_FALSE(n("0.10000000000000001", "0.1"));
  // N8
  CHECK(n("12345678901234567890", "12345678901234567890"));
  CHECK_FALSE(n("12345678901234567890", "12345678901234567000"));
  CHECK_FALSE(n("12345678901234567890", "1.2345678901234567e19"));
  CHECK_FALSE(n("9007199254740993", "9007199254740992"));
  // N9: beyond a double, text only, as written.
  CHECK(n("1e400", "1e400"));
  CHECK_FALSE(n("1e400", "1E400"));
  // No ±5e9 limit on exact numbers.
  CHECK(n("5000000001", "5.000000001e9"));
  // AWS account numbers as numbers (event-ruler JsonRuleCompilerTest.testBigNumbers).
  CHECK(n("123456789012", "123456789012"));
  // N14: anything-but compares numbers by value too; strings are not numbers.
  CHECK_FALSE(matches(R"({"n": [{"anything-but": [300]}]})", R"({"n": 300.0})"));
  CHECK_FALSE(matches(R"({"n": [{"anything-but": [300]}]})", R"({"n": 3e2})"));
  CHECK(matches(R"({"n": [{"anything-but": [300]}]})", R"({"n": "300"})"));
  CHECK(matches(R"({"n": [{"anything-but": [300]}]})", R"({"n": 12345678901234567890})"));
  CHECK(matches(R"({"n": [{"anything-but": 300}]})", R"({"n": null})"));
  CHECK(matches(R"({"n": [{"anything-but": 300}]})", R"({"n": true})"));
  // N13, N16, N17: numeric compares values, never strings or null.
  CHECK_FALSE(matches(R"({"n": [{"numeric": ["=", 300]}]})", R"({"n": "300"})"));
  CHECK(matches(R"({"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}})", R"({"detail": {"x-limit": 3.018e2}})"));
  CHECK(matches(R"({"n": [{"numeric": [">", 100]}]})", R"({"n": 101.0})"));
  CHECK_FALSE(matches(R"({"n": [{"numeric": [">", 100]}]})", R"({"n": null})"));
  // N12: beyond the documented ±5e9, still compared (with a warning at compile time).
  CHECK(matches(R"({"n": [{"numeric": [">", 5e9]}]})", R"({"n": 6e9})"));
  CHECK(matches(R"({"n": [{"numeric": [">", 5e9]}]})", R"({"n": 1.7976931348623157e308})"));
  CHECK_FALSE(matches(R"({"n": [{"numeric": [">", 1e300]}]})", R"({"n": 1e400})"));
}

TEST_CASE("exact numbers as text: the user guide's reading, on request", "[eventbridge][match]") {
  // "300, 300.0, and 3.0e2 are not considered equal" (EventBridge user
  // guide, Event patterns), which the service contradicts; --numbers text.
  CompileOptions as_text;
  as_text.exact_numbers_by_value = false;
  CHECK(matches(R"({"a": [300]})", R"({"a": 300})", as_text));
  for (const char* written : {"300.0", "3e2", "3.0e2", "3.0e+2", "300.0000"}) {
    INFO(written);
    CHECK_FALSE(matches(R"({"a": [300]})", std::string(R"({"a": )") + written + "}", as_text));
    CHECK(matches(R"({"a": [{"numeric": ["=", 3.0e2]}]})", std::string(R"({"a": )") + written + "}", as_text));
  }
  CHECK(matches(R"({"account": [123456789012]})", R"({"account": 123456789012})", as_text));
  CHECK(matches(R"({"a": [12345678901234567890]})", R"({"a": 12345678901234567890})", as_text));
  CHECK_FALSE(matches(R"({"a": [-0]})", R"({"a": 0})", as_text));
}

TEST_CASE("numeric ranges: bounds, open ends, JSON numbers only", "[eventbridge][match]") {
  const auto in = [](const char* range, const char* value) {
    return matches(std::string(R"({"n": [{"numeric": )") + range + "}]}", std::string(R"({"n": )") + value + "}");
  };
  CHECK_FALSE(in(R"([">", 0, "<=", 5])", "0"));
  CHECK(in(R"([">", 0, "<=", 5])", "0.000001"));
  CHECK(in(R"([">", 0, "<=", 5])", "5"));
  CHECK(in(R"([">", 0, "<=", 5])", "5.0"));
  CHECK_FALSE(in(R"([">", 0, "<=", 5])", "5.0000001"));
  CHECK(in(R"([">=", 0, "<", 5])", "0"));
  CHECK_FALSE(in(R"([">=", 0, "<", 5])", "5"));
  CHECK(in(R"(["<", 0])", "-1e300"));
  CHECK(in(R"([">", -5e9])", "-4999999999.99999"));
  CHECK(in(R"(["=", 1E-320])", "1e-320"));
  CHECK_FALSE(in(R"([">", 0])", "1e400"));  // not comparable: never numeric
  CHECK_FALSE(in(R"([">", 0])", R"("5")"));  // a string
  CHECK_FALSE(in(R"([">", 0])", "null"));
  // Sets of ranges.
  CHECK(matches(R"({"n": [{"numeric": ["<", 0]}, {"numeric": [">", 10]}]})", R"({"n": 11})"));
  CHECK_FALSE(matches(R"({"n": [{"numeric": ["<", 0]}, {"numeric": [">", 10]}]})", R"({"n": 5})"));
}

TEST_CASE("null, empty string and missing field are three things", "[eventbridge][match]") {
  CHECK(matches(R"({"a": [null]})", R"({"a": null})"));
  CHECK_FALSE(matches(R"({"a": [null]})", R"({"a": ""})"));
  CHECK_FALSE(matches(R"({"a": [null]})", R"({"b": 1})"));
  CHECK(matches(R"({"a": [""]})", R"({"a": ""})"));
  CHECK_FALSE(matches(R"({"a": [""]})", R"({"a": null})"));
  // exists: true holds for null and "" (they are values), false for neither.
  CHECK(matches(R"({"a": [{"exists": true}]})", R"({"a": null})"));
  CHECK(matches(R"({"a": [{"exists": true}]})", R"({"a": ""})"));
  CHECK_FALSE(matches(R"({"a": [{"exists": false}]})", R"({"a": null})"));
  // ECR-03: an untagged push has "image-tag": "", so exists: true does not exclude it.
  CHECK(matches(R"({"detail": {"image-tag": [{"exists": true}]}})", with_detail(R"({"image-tag": ""})")));
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"anything-but": ""}]}})", with_detail(R"({"image-tag": ""})")));
}

TEST_CASE("missing fields: only exists: false matches them", "[eventbridge][match]") {
  const std::string event = R"({"source": "aws.ecr", "detail": {"result": "SUCCESS"}})";
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"anything-but": "latest"}]}})", event));
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"anything-but": {"prefix": "sha256-"}}]}})", event));
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"prefix": ""}]}})", event));
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"wildcard": "*"}]}})", event));
  CHECK(matches(R"({"detail": {"image-tag": [{"exists": false}]}})", event));
  // Absent or a value: the two matchers of one field are alternatives.
  CHECK(matches(R"({"detail": {"image-tag": [{"exists": false}, "v1"]}})", event));
  CHECK(matches(R"({"detail": {"image-tag": [{"exists": false}, "v1"]}})", with_detail(R"({"image-tag": "v1"})")));
  CHECK_FALSE(matches(R"({"detail": {"image-tag": [{"exists": false}, "v1"]}})", with_detail(R"({"image-tag": "v2"})")));
}

TEST_CASE("anything-but accepts every value it does not exclude, of any type", "[eventbridge][match]") {
  CHECK(matches(R"({"a": [{"anything-but": "x"}]})", R"({"a": 5})"));
  CHECK(matches(R"({"a": [{"anything-but": "x"}]})", R"({"a": null})"));
  CHECK(matches(R"({"a": [{"anything-but": [100]}]})", R"({"a": "100"})"));
  CHECK_FALSE(matches(R"({"a": [{"anything-but": [100]}]})", R"({"a": 1.0e2})"));
  CHECK(matches(R"({"a": [{"anything-but": {"prefix": "x"}}]})", R"({"a": false})"));
  // Several anything-buts are alternatives: "a" is not "b" (event-ruler's
  // testSharedNameStateForMultipleAnythingButPatterns).
  CHECK(matches(R"({"bar": [{"anything-but": "a"}, {"anything-but": "b"}]})", R"({"bar": "b"})"));
  // With an array in the event, one value that is not excluded is enough.
  CHECK(matches(R"({"tags": [{"anything-but": "a"}]})", R"({"tags": ["a", "b"]})"));
  CHECK_FALSE(matches(R"({"tags": [{"anything-but": ["a", "b"]}]})", R"({"tags": ["a", "b"]})"));
}

TEST_CASE("string operators see the value with its quotes", "[eventbridge][match]") {
  // event-ruler compiles a prefix with the opening quote only, so a prefix
  // that ends in a quote meets the value's closing quote.
  CHECK(matches(R"({"a": [{"prefix": "ab\""}]})", R"({"a": "ab"})"));
  CHECK(matches(R"({"a": [{"suffix": "\"ab"}]})", R"({"a": "ab"})"));
  CHECK_FALSE(matches(R"({"a": [{"prefix": "ab\""}]})", R"({"a": "abc"})"));
  // Prefix, suffix and wildcard never match non-strings.
  CHECK(matches(R"({"a": [{"prefix": ""}]})", R"({"a": ""})"));
  CHECK_FALSE(matches(R"({"a": [{"prefix": ""}]})", R"({"a": 12})"));
  CHECK_FALSE(matches(R"({"a": [{"prefix": "1"}]})", R"({"a": 12})"));
  CHECK_FALSE(matches(R"({"a": [{"suffix": "e"}]})", R"({"a": true})"));
  CHECK_FALSE(matches(R"({"a": [{"wildcard": "*"}]})", R"({"a": null})"));
  CHECK(matches(R"({"a": [{"wildcard": "*"}]})", R"({"a": ""})"));
  CHECK(matches(R"({"a": [{"prefix": "日本"}]})", R"({"a": "日本語"})"));
  CHECK(matches(R"({"a": [{"suffix": "語"}]})", R"({"a": "日本語"})"));
}

TEST_CASE("wildcards: stars, escapes", "[eventbridge][match]") {
  const auto w = [](const char* pattern, const char* value) {
    return matches(std::string(R"({"a": [{"wildcard": )") + pattern + "}]}", std::string(R"({"a": )") + value + "}");
  };
  CHECK(w(R"("*")", R"("anything")"));
  CHECK(w(R"("a*b*c")", R"("abc")"));
  CHECK(w(R"("a*b*c")", R"("aXXbYYc")"));
  CHECK_FALSE(w(R"("a*b*c")", R"("aXXbYYcZ")"));
  CHECK(w(R"("*.png")", R"(".png")"));
  CHECK(w(R"("a\\*")", R"("a*")"));  // an escaped star is a star
  CHECK_FALSE(w(R"("a\\*")", R"("ab")"));
  CHECK(w(R"("a\\\\b")", R"("a\\b")"));  // an escaped backslash
  CHECK(w(R"("release-*")", R"("release-")"));
  CHECK(w(R"("*日本*")", R"("こんにちは日本の")"));
}

TEST_CASE("equals-ignore-case uses Java's case mappings", "[eventbridge][match]") {
  const auto eic = [](const char* pattern, const char* value) {
    return matches(std::string(R"({"a": [{"equals-ignore-case": ")") + pattern + "\"}]}",
                   std::string(R"({"a": ")") + value + "\"}");
  };
  CHECK(eic("Ä", "ä"));
  CHECK(eic("ⱥ", "Ⱥ"));  // different UTF-8 lengths (ByteMachineTest)
  // Full mappings, several characters long (ByteMachineTest's case: ΰ
  // upper-cases to Ϋ́ in three code points, ῆ to Η͂, the Kelvin sign K
  // lower-cases to k).
  CHECK(eic("\\u03b0\\u0240\\u0250\\u0390\\u03b0\\u1fc6\\u212a",
            "\\u03a5\\u0308\\u0301\\u0240\\u2c6f\\u0390\\u03a5\\u0308\\u0301\\u0397\\u0342k"));
  CHECK_FALSE(eic("\\u03b0", "\\u03ab\\u0301"));  // the precomposed Ϋ is another spelling
  CHECK(eic("ß", "SS"));
  CHECK_FALSE(eic("ß", "ss"));  // per character of the pattern: ß is ß or SS
  CHECK_FALSE(eic("é", "e"));
  // A character outside the BMP is two lone surrogates to Java, which its
  // UTF-8 encoder writes as "??": event-ruler's quirk, kept.
  CHECK(eic("😀", "??"));
  CHECK_FALSE(eic("😀", "😀"));
  CHECK(matches(R"({"a": ["😀"]})", R"({"a": "😀"})"));  // exact matching is fine
}

TEST_CASE("IP addresses: by address, IPv4 and IPv6", "[eventbridge][match]") {
  // EBP-24: an exact string that is an IP address matches the address.
  CHECK(matches(R"({"ip": ["10.0.0.1"]})", R"({"ip": "10.0.0.1"})"));
  CHECK_FALSE(matches(R"({"ip": ["10.0.0.1"]})", R"({"ip": "10.0.0.2"})"));
  CHECK(matches(R"({"ip": ["::1"]})", R"({"ip": "0:0:0:0:0:0:0:1"})"));
  CHECK(matches(R"({"ip": ["2001:DB8::1"]})", R"({"ip": "2001:db8::1"})"));
  // Leading zeros: decimal, as the JDK reads IPv4 literals (I1-I5 of the
  // research notes: event-ruler on OpenJDK 17; not recorded against AWS).
  CHECK(matches(R"({"ip": ["10.0.0.1"]})", R"({"ip": "010.0.0.1"})"));
  CHECK(matches(R"({"ip": ["10.0.0.1"]})", R"({"ip": "10.0.0.01"})"));
  CHECK(matches(R"({"ip": ["10.0.0.1"]})", R"({"ip": "010.000.000.001"})"));
  CHECK(matches(R"({"ip": ["10.0.0.01"]})", R"({"ip": "10.0.0.1"})"));
  for (const char* value : {"10.0.0.01", "10.0.0.010", "010.000.000.001", "10.0.0.0001"}) {
    INFO(value);
    CHECK(matches(R"({"ip": [{"cidr": "10.0.0.0/24"}]})", std::string(R"({"ip": ")") + value + "\"}"));
  }
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/24"}]})", R"({"ip": "10.0.0.0256"})"));
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/24"}]})", R"({"ip": "0010.000.000.001"})"));
  CHECK(matches(R"({"ip": [{"cidr": "10.0.0.01/24"}]})", R"({"ip": "10.0.0.5"})"));
  CHECK(matches(R"({"ip": [{"cidr": "010.0.0.0/24"}]})", R"({"ip": "10.0.0.5"})"));
  // anything-but compares strings.
  CHECK(matches(R"({"ip": [{"anything-but": "10.0.0.1"}]})", R"({"ip": "10.0.0.01"})"));
  // I6: localstack content_ip_address_NEG, content_ip_address_bad_type_NEG.
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/24"}]})", R"({"ip": "10.0.0.256"})"));
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/24"}]})", R"({"ip": 123})"));
  CHECK(matches(R"({"ip": ["10.0.0.256"]})", R"({"ip": "10.0.0.256"})"));   // not an address: a string
  CHECK(matches(R"({"ip": [{"cidr": "10.0.0.0/8"}]})", R"({"ip": "::ffff:a00:1"})"));  // IPv4-mapped
  CHECK(matches(R"({"ip": [{"cidr": "0.0.0.0/0"}]})", R"({"ip": "255.255.255.255"})"));
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/8"}]})", R"({"ip": "11.0.0.0"})"));
  CHECK_FALSE(matches(R"({"ip": [{"cidr": "10.0.0.0/8"}]})", R"({"ip": "not an ip"})"));
  // event-ruler compares hex digits until the value is known to be inside,
  // so an IPv6 address whose first 32 bits fall in an IPv4 block matches it.
  CHECK(matches(R"({"ip": [{"cidr": "10.0.0.0/8"}]})", R"({"ip": "a01::1"})"));
}

TEST_CASE("arrays of objects: fields match together within one element", "[eventbridge][match]") {
  const std::string employees = R"({"employees": [
    {"firstName": "John", "lastName": "Doe"},
    {"firstName": "Anna", "lastName": "Smith"},
    {"firstName": "Peter", "lastName": "Jones"}
  ]})";
  CHECK(matches(R"({"employees": {"firstName": ["Anna"]}})", employees));
  CHECK(matches(R"({"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}})", employees));
  CHECK_FALSE(matches(R"({"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}})", employees));
  // Nested arrays are crushed out of the path too.
  const std::string nested = R"({"employees": [
    [{"firstName": "John", "lastName": "Doe"}, {"firstName": "Anna", "lastName": "Smith"}],
    [{"firstName": "Peter", "lastName": "Jones"}]
  ]})";
  CHECK(matches(R"({"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}})", nested));
  CHECK_FALSE(matches(R"({"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}})", nested));
  CHECK_FALSE(matches(R"({"employees": {"firstName": ["John"], "lastName": ["Smith"]}})", nested));
  // Fields outside the array combine with any element.
  CHECK(matches(R"({"team": ["a"], "employees": {"firstName": ["Peter"]}})",
                R"({"team": "a", "employees": [{"firstName": "John"}, {"firstName": "Peter"}]})"));
  // The search backtracks: the first "Anna" does not end it.
  CHECK(matches(R"({"e": {"first": ["Anna"], "last": ["Smith"]}})",
                R"({"e": [{"first": "Anna", "last": "Doe"}, {"first": "Anna", "last": "Smith"}]})"));
  // Sibling arrays do not constrain each other.
  CHECK(matches(R"({"a": {"x": ["1"]}, "b": {"y": ["2"]}})",
                R"({"a": [{"x": "0"}, {"x": "1"}], "b": [{"y": "2"}, {"y": "3"}]})"));
}

TEST_CASE("exists: false inside arrays of objects is judged per element, in key order", "[eventbridge][match]") {
  const std::string event = R"({"e": [{"first": "John", "middle": "X", "aaa": 1}, {"first": "Anna"}]})";
  // "e.first" comes before "e.middle": the element is chosen by "Anna" first.
  CHECK(matches(R"({"e": {"first": ["Anna"], "middle": [{"exists": false}]}})", event));
  CHECK_FALSE(matches(R"({"e": {"first": ["John"], "middle": [{"exists": false}]}})", event));
  // "e.aaa" comes first, with no element chosen yet: John's "aaa" counts, as
  // in event-ruler, whose answer here depends on the order of the keys.
  CHECK_FALSE(matches(R"({"e": {"aaa": [{"exists": false}], "first": ["Anna"]}})", event));
}

TEST_CASE("dotted keys and nested objects are the same path", "[eventbridge][match]") {
  CHECK(matches(R"({"detail.state": ["x"]})", R"({"detail": {"state": "x"}})"));
  CHECK(matches(R"({"detail": {"state": ["x"]}})", R"({"detail.state": "x"})"));
  CHECK(matches(R"({"a": {"b.c": ["x"]}})", R"({"a": {"b": {"c": "x"}}})"));
  CHECK_FALSE(matches(R"({"detail": ["x"]})", R"({"detail": {"state": "x"}})"));  // an object is no leaf
}

TEST_CASE("an event that is not an object matches nothing", "[eventbridge][match]") {
  CHECK_FALSE(matches(R"({"a": [{"exists": false}]})", R"([1, 2])"));
  const auto result = run(R"({"a": ["x"]})", R"("x")");
  REQUIRE(result.decisions.size() == 1);
  CHECK(result.decisions[0].message == "the event is not a JSON object");
}

// --- Explanations ---------------------------------------------------------------

TEST_CASE("a match says which value of each field matched", "[eventbridge][match][explain]") {
  const Json pattern{R"({"source": ["aws.ecr"], "detail": {"result": ["FAILURE", "SUCCESS"], "image-tag": [{"prefix": "v"}]}})"};
  const Json event{R"({"source": "aws.ecr", "detail": {"result": "SUCCESS", "image-tag": "v1.2.3"}})"};
  const auto compiled = pipec::eventbridge::test::compile(pattern);
  REQUIRE(compiled.ok());
  const auto result = match(compiled.pattern, event.doc());
  REQUIRE(result.matched);
  REQUIRE(result.decisions.size() == 3);
  CHECK(result.decisions[0].message == R"("detail.image-tag" is "v1.2.3", matched by prefix "v")");
  CHECK(result.decisions[1].message == R"("detail.result" is "SUCCESS", matched by "SUCCESS")");
  CHECK(result.decisions[2].message == R"("source" is "aws.ecr", matched by "aws.ecr")");
  CHECK(pattern.text(result.decisions[1].pattern_value) == R"("SUCCESS")");
  CHECK(pattern.text(result.decisions[1].pattern_key) == R"("result")");
  CHECK(event.text(result.decisions[1].event_value) == R"("SUCCESS")");
}

TEST_CASE("a mismatch says which field decided it", "[eventbridge][match][explain]") {
  const Json pattern{R"({"source": ["aws.ecr"], "detail": {"result": ["SUCCESS"]}})"};
  const Json event{R"({"source": "aws.ecr", "detail": {"result": "Success"}})"};
  const auto compiled = pipec::eventbridge::test::compile(pattern);
  const auto result = match(compiled.pattern, event.doc());
  REQUIRE_FALSE(result.matched);
  REQUIRE(result.decisions.size() == 1);
  const auto& d = result.decisions[0];
  CHECK(d.path == "detail.result");
  CHECK(d.message == R"("detail.result" is "Success" in the event, which is not "SUCCESS" (the case differs; strings match exactly))");
  CHECK(pattern.text(d.pattern_value) == R"(["SUCCESS"])");
  CHECK(event.text(d.event_value) == R"("Success")");
}

TEST_CASE("mismatch explanations", "[eventbridge][match][explain]") {
  const auto why = [](const char* pattern, const char* event) {
    const auto result = run(pattern, event);
    REQUIRE_FALSE(result.matched);
    std::vector<std::string> out;
    for (const auto& d : result.decisions) out.push_back(d.message);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(why(R"({"detail": {"image-tag": ["v1"]}})", R"({"detail": {}})") ==
        V{R"("detail.image-tag" is not in the event; the pattern wants "v1")"});
  CHECK(why(R"({"n": [{"numeric": [">", 5]}]})", R"({"n": "7"})") ==
        V{R"("n" is "7" in the event, which is not numeric > 5 (numeric matching needs a JSON number))"});
  CHECK(why(R"({"n": [7]})", R"({"n": "7"})") ==
        V{R"("n" is "7" in the event, which is not 7 (the event has a string, the pattern a number))"});
  CHECK(why(R"({"t": ["a", "b"]})", R"({"t": ["c", "d"]})") ==
        V{R"("t" has "c", "d" in the event, none of which is "a" or "b")"});
  CHECK(why(R"({"t": [{"exists": false}]})", R"({"t": 1})") == V{R"("t" is 1 in the event, and the pattern wants it absent)"});
  CHECK(why(R"({"e": {"first": ["Anna"], "last": ["Jones"]}})",
            R"({"e": [{"first": "Anna", "last": "Smith"}, {"first": "Peter", "last": "Jones"}]})") ==
        V{R"("e.last" is "Jones" in the event, but only in other elements of the array than the values matched by the fields before it; event-ruler matches fields of one array element together)"});
  // One decision per $or branch.
  CHECK(why(R"({"$or": [{"a": ["1"]}, {"b": ["2"]}]})", R"({"a": "0"})") ==
        V{R"("a" is "0" in the event, which is not "1")", R"("b" is not in the event; the pattern wants "2")"});
}
