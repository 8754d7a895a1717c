// The CI formats (JUnit XML, GitLab Code Quality) on reports no lint run
// makes: control characters and invalid UTF-8 in messages and paths, the same
// finding twice, a file whose findings move down. The XML is also read by
// Python's parser, one that shares no code with the renderer.

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "diag/render.h"
#include "support/golden.h"

using namespace pipec;

namespace {

source::Span span_of(const source::SourceSet& sources, source::FileId file, std::string_view needle,
                     std::size_t from = 0) {
  const auto at = sources.file(file).text().find(needle, from);
  REQUIRE(at != std::string_view::npos);
  return {file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

diag::Diagnostic finding(std::string_view id, std::string_view name, diag::Severity severity, source::Span span,
                         std::string message) {
  diag::Diagnostic d;
  d.rule_id = id;
  d.rule_name = name;
  d.severity = severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

// A file whose path and findings hold what XML 1.0 cannot carry as is.
struct Hostile {
  source::SourceSet sources;
  diag::Report report;

  explicit Hostile(std::string prefix = "") {
    const std::string text = prefix + "{\n  \"a\": 1,,\n  \"b\": 2,,\n  \"key\": \"AKIAIOSFODNN7ABCDEFG\"\n}\n";
    const auto file = sources.add("./dir/a&<b>\"'\x01\xff.json", text);
    const auto other = sources.add("plain.json", "{}\n");
    report.sources = &sources;
    report.files_checked = 2;
    report.redactions.push_back({span_of(sources, file, "AKIAIOSFODNN7ABCDEFG"), 4});
    // Two findings alike in rule, path and message, on different lines.
    report.diagnostics.push_back(finding("CP0003", "json-syntax-error", diag::Severity::error,
                                         span_of(sources, file, ",,"), "extra comma"));
    report.diagnostics.push_back(finding("CP0003", "json-syntax-error", diag::Severity::error,
                                         span_of(sources, file, ",,", text.find("\"b\"")), "extra comma"));
    auto hostile = finding("CP9999", "test-rule", diag::Severity::warning, span_of(sources, file, "\"a\""),
                           "bell \x07 escape \x1b[31m ]]> <tag> & \"q\" 'a' \xff\xfe nonchar \xEF\xBF\xBE del \x7f c1 \xC2\x85 cr \r tab \t");
    hostile.notes.push_back("note with\nnewline");
    hostile.help.push_back("help & <more>");
    hostile.related.push_back({span_of(sources, other, "{}"), "the other file"});
    report.diagnostics.push_back(std::move(hostile));
    report.diagnostics.push_back(finding("CP5001", "committed-aws-secret", diag::Severity::info,
                                         span_of(sources, file, "AKIAIOSFODNN7ABCDEFG"),
                                         "key AKIAIOSFODNN7ABCDEFG is committed"));
    diag::finalize(report);
  }
};

// Writes `text` to a temporary file and has python3's minidom parse it.
// Returns what it printed: "ok" and a summary, or the parser's error.
std::string python_parse_xml(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("pipec-junit-" + std::to_string(::getpid()) + ".xml");
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const auto run = test::run_command(
      "python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
      "print(\"ok\", len(d.getElementsByTagName(\"testcase\")), len(d.getElementsByTagName(\"failure\")))' '" +
      path.string() + "' 2>&1");
  std::filesystem::remove(path);
  return run.out;
}

bool python_available() { return test::run_command("python3 -c 'import xml.dom.minidom' 2>&1").status == 0; }

}  // namespace

TEST_CASE("junit output is well-formed XML 1.0 whatever the messages and paths hold") {
  const Hostile hostile;
  std::string out;
  diag::render_junit(hostile.report, out);
  INFO(out);
  // Only tab, LF and CR of the C0 controls are XML 1.0 characters; CR and
  // tab are written as references where a parser would change them.
  for (const char c : out) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20 || c == '\n' || c == '\t'));
    CHECK(u != 0x7F);
    CHECK(u != 0xFF);
  }
  CHECK(out.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK(out.find("\xC2\x85") == std::string::npos);
  CHECK(out.find("]]>") == std::string::npos);
  CHECK(out.find("AKIAIOSFODNN7ABCDEFG") == std::string::npos);  // masked in the report
  CHECK(out.find("<testsuites name=\"pipec\" tests=\"4\" failures=\"4\" errors=\"0\" time=\"0\">") != std::string::npos);
  CHECK(out.find("classname=\"./dir/a&amp;&lt;b&gt;&quot;'\\x01\xEF\xBF\xBD.json\"") != std::string::npos);
  CHECK(out.find("message=\"bell \xEF\xBF\xBD escape") != std::string::npos);
  CHECK(out.find("cr &#13; tab &#9;") != std::string::npos);
  // The same rule at two places: two names; notes, help and related places
  // in the failure's text.
  CHECK(out.find("name=\"CP0003 json-syntax-error 2:9\"") != std::string::npos);
  CHECK(out.find("name=\"CP0003 json-syntax-error 3:9\"") != std::string::npos);
  CHECK(out.find("\nplain.json:1:1: note: the other file\nnote: note with\nnewline\nhelp: help &amp; &lt;more&gt;</failure>") !=
        std::string::npos);
  CHECK(out.find("<failure message=\"extra comma\" type=\"CP0003\">./dir/a&amp;&lt;b&gt;\"'\\x01\xEF\xBF\xBD.json:2:9: error: extra comma</failure>") !=
        std::string::npos);

  if (!python_available()) {
    WARN("python3 with xml.dom.minidom is not available: the XML was not parsed");
    return;
  }
  CHECK(python_parse_xml(out) == "ok 4 4\n");
}

TEST_CASE("junit output of a clean run is one passing test case") {
  source::SourceSet sources;
  diag::Report report;
  report.sources = &sources;
  report.files_checked = 3;
  std::string out;
  diag::render_junit(report, out);
  CHECK(out ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"pipec\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">\n"
        "  <testsuite name=\"pipec\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">\n"
        "    <testcase classname=\"pipec\" name=\"no problems found\" time=\"0\">\n"
        "      <system-out>no problems found (3 files checked)</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
  if (python_available()) CHECK(python_parse_xml(out) == "ok 1 0\n");
}

TEST_CASE("junit names test cases of one rule at one place apart") {
  source::SourceSet sources;
  const auto file = sources.add("p.json", "{\"a\": 1}\n");
  diag::Report report;
  report.sources = &sources;
  report.diagnostics.push_back(finding("CP1", "r", diag::Severity::error, span_of(sources, file, "\"a\""), "first"));
  report.diagnostics.push_back(finding("CP1", "r", diag::Severity::error, span_of(sources, file, "\"a\""), "second"));
  diag::Diagnostic unplaced;  // a build's finding of no rule and no place
  unplaced.message = "needs --var account";
  report.diagnostics.push_back(unplaced);
  diag::finalize(report);
  std::string out;
  diag::render_junit(report, out);
  INFO(out);
  CHECK(out.find("name=\"CP1 r 1:2\"") != std::string::npos);
  CHECK(out.find("name=\"CP1 r 1:2 (2)\"") != std::string::npos);
  CHECK(out.find("<testsuite name=\"pipec\" tests=\"1\" failures=\"1\"") != std::string::npos);
  CHECK(out.find("<failure message=\"needs --var account\" type=\"error\">error: needs --var account</failure>") !=
        std::string::npos);
}

TEST_CASE("gitlab output is a JSON array of Code Quality issues with unique, line-free fingerprints") {
  const Hostile hostile;
  std::string out;
  diag::render_gitlab(hostile.report, out);
  INFO(out);
  const auto issues = nlohmann::json::parse(out);
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 4);
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) {
    CHECK(issue.at("description").is_string());
    CHECK(issue.at("check_name").is_string());
    CHECK(issue.at("location").at("path") == "dir/a&<b>\"'\x01\xEF\xBF\xBD.json");
    CHECK(issue.at("location").at("lines").at("begin").get<int>() >= 1);
    const std::string severity = issue.at("severity");
    CHECK(std::set<std::string>{"info", "minor", "major", "critical", "blocker"}.contains(severity));
    fingerprints.insert(issue.at("fingerprint").get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());
  CHECK(out.find("AKIAIOSFODNN7ABCDEFG") == std::string::npos);
  // In the report's order: by line and column.
  CHECK(issues[0].at("check_name") == "CP9999");
  CHECK(issues[0].at("severity") == "minor");
  CHECK(issues[1].at("check_name") == "CP0003");
  CHECK(issues[1].at("severity") == "critical");
  CHECK(issues[1].at("description") == "extra comma [CP0003 json-syntax-error]");
  CHECK(issues[1].at("location").at("lines").at("begin") == 2);
  CHECK(issues[2].at("location").at("lines").at("begin") == 3);
  CHECK(issues[3].at("check_name") == "CP5001");
  CHECK(issues[3].at("severity") == "info");

  // Lines added above every finding move them, not their fingerprints.
  const Hostile moved("\n\n\n");
  std::string moved_out;
  diag::render_gitlab(moved.report, moved_out);
  const auto moved_issues = nlohmann::json::parse(moved_out);
  REQUIRE(moved_issues.size() == issues.size());
  for (std::size_t i = 0; i < issues.size(); ++i) {
    CHECK(moved_issues[i].at("fingerprint") == issues[i].at("fingerprint"));
    CHECK(moved_issues[i].at("location").at("lines").at("begin").get<int>() ==
          issues[i].at("location").at("lines").at("begin").get<int>() + 3);
  }
}

TEST_CASE("gitlab output of a clean run is an empty array") {
  source::SourceSet sources;
  diag::Report report;
  report.sources = &sources;
  std::string out;
  diag::render_gitlab(report, out);
  CHECK(out == "[]\n");
}

TEST_CASE("render_as knows junit and gitlab") {
  source::SourceSet sources;
  diag::Report report;
  report.sources = &sources;
  for (const char* format : {"junit", "gitlab"}) {
    std::string out;
    CHECK(diag::render_as(format, report, {}, "0", out));
    CHECK_FALSE(out.empty());
  }
}

// The real binary's reports on real files (golden inputs, file names with
// XML's special and illegal characters and invalid UTF-8, a build), read by
// Python's XML and JSON parsers: tests/check_ci_formats.py.
TEST_CASE("junit and gitlab reports of pipec lint and build parse with python's parsers") {
  if (!python_available()) {
    WARN("python3 with xml.dom.minidom is not available: tests/check_ci_formats.py did not run");
    return;
  }
  const auto run = test::run_command("python3 '" PIPEC_SOURCE_DIR "/tests/check_ci_formats.py' '" PIPEC_BINARY "' 2>&1");
  INFO(run.out);
  CHECK(run.status == 0);
}
