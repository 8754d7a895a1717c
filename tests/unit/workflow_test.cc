// The workflow commands end to end, on copies in a temporary folder: --fix
// and --diff (before/after files, a second run that changes nothing, a file
// no fix is safe for), baselines (a golden baseline; an edit elsewhere in
// the file keeps findings matched; a new finding is reported),
// --add-suppressions (golden files after; the next run is clean), stdin,
// --output and --max-warnings. Inputs and goldens are in tests/workflow/.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(PIPEC_SOURCE_DIR) / "tests" / "workflow";

// A fresh copy of a case's folder, removed when the test ends.
struct Scratch {
  fs::path dir;
  explicit Scratch(const fs::path& from, const std::string& name) {
    dir = fs::temp_directory_path() / ("pipec-workflow-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    if (!from.empty()) fs::copy(from, dir, fs::copy_options::recursive);
  }
  ~Scratch() { fs::remove_all(dir); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  [[nodiscard]] pipec::test::Run pipec(const std::string& args) const {
    return pipec::test::run_command("cd '" + dir.string() + "' && NO_COLOR=1 '" PIPEC_BINARY "' " + args);
  }
  [[nodiscard]] std::string text(const std::string& name) const { return pipec::test::read_text((dir / name).string()); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name, std::ios::binary) << text; }
};

}  // namespace

TEST_CASE("lint --fix applies the certain fixes, keeps everything else, and a second run changes nothing") {
  Scratch s(kCases / "fix" / "before", "fix");
  const auto first = s.pipec("lint --fix --format short .");
  CHECK(first.status == 1);  // nofix.json keeps its finding
  CHECK(first.err == "pipec: fixed 6 findings in 3 files\n");
  CHECK(pipec::test::compare_golden((kCases / "fix" / "fix.stdout").string(), first.out) == "");
  for (const auto& name : {"pattern.json", "rule.yaml", "template.yaml", "nofix.json"}) {
    INFO(name);
    CHECK(pipec::test::compare_golden((kCases / "fix" / "after" / name).string(), s.text(name)) == "");
  }
  const auto second = s.pipec("lint --fix --format short .");
  CHECK(second.status == 1);
  CHECK(second.err.empty());
  CHECK(second.out == first.out);
  CHECK(s.text("pattern.json") == pipec::test::read_text((kCases / "fix" / "after" / "pattern.json").string()));
}

TEST_CASE("lint --diff prints the fixes without writing them, and fails when there are some") {
  Scratch s(kCases / "fix" / "before", "diff");
  const auto run = s.pipec("lint --diff .");
  CHECK(run.status == 1);
  CHECK(pipec::test::compare_golden((kCases / "fix" / "diff.stdout").string(), run.out) == "");
  CHECK(s.text("pattern.json") == pipec::test::read_text((kCases / "fix" / "before" / "pattern.json").string()));
  const auto clean = s.pipec("lint --diff nofix.json");
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("a baseline records findings by pointer, survives edits elsewhere, and lets new findings through") {
  Scratch s(kCases / "baseline", "baseline");
  const auto write = s.pipec("lint --write-baseline baseline.json .");
  CHECK(write.status == 0);
  CHECK(write.err == "pipec: recorded 3 findings in baseline.json\n");
  CHECK(pipec::test::compare_golden((kCases / "baseline.expected.json").string(), s.text("baseline.json")) == "");
  CHECK(s.pipec("lint --baseline baseline.json .").status == 0);

  // A key added above every finding moves them all down a line.
  std::string pipeline = s.text("pipeline.json");
  pipeline.insert(pipeline.find('\n') + 1, "  \"metadata\": {\"pipelineArn\": \"arn:aws:codepipeline:us-east-1:123456789012:web\"},\n");
  s.write("pipeline.json", pipeline);
  std::string tmpl = s.text("template.yaml");
  tmpl.replace(tmpl.find("AWS::RDS::DBInstance"), 20, "AWS::ECS::Services");
  s.write("template.yaml", tmpl);
  const auto after = s.pipec("lint --baseline baseline.json --format short .");
  CHECK(after.status == 1);
  CHECK(after.out == "template.yaml:8:11: error: \"AWS::ECS::Services\" is not a CloudFormation resource type [CP0116]\n");

  const auto bad = s.pipec("lint --baseline template.yaml .");
  CHECK(bad.status == 2);
  CHECK(bad.err == "pipec: --baseline template.yaml: not JSON\n");
}

TEST_CASE("lint --add-suppressions writes a comment above each YAML finding and a configuration entry for JSON") {
  Scratch s(kCases / "add-suppressions" / "before", "suppress");
  CHECK(s.pipec("lint --add-suppressions .").status == 2);  // no reason
  const auto run = s.pipec("lint --add-suppressions --reason 'backlog: fix in the next release' .");
  CHECK(run.status == 0);
  CHECK(run.err == "pipec: suppressed 3 findings in 2 files\n");
  for (const auto& name : {"template.yaml", ".pipec.yaml"}) {
    INFO(name);
    CHECK(pipec::test::compare_golden((kCases / "add-suppressions" / "after" / name).string(), s.text(name)) == "");
  }
  const auto next = s.pipec("lint --format short .");
  CHECK(next.status == 0);
  CHECK(next.out.empty());
}

TEST_CASE("stdin is linted under --stdin-filename; --output and --max-warnings") {
  Scratch s(kCases / "fix" / "before", "stdin");
  const auto piped = s.pipec("lint --format short --stdin-filename events/push.json - < nofix.json");
  CHECK(piped.status == 1);
  CHECK(piped.out == "events/push.json:3:19: error: no event from \"aws.ecr\" has detail-type \"ECR Thing Happened\" [CP3003]\n");

  const auto to_file = s.pipec("lint --format short --output report.txt nofix.json");
  CHECK(to_file.status == 1);
  CHECK(to_file.out.empty());
  CHECK(s.text("report.txt") == piped.out.substr(std::string("events/push.json").size()).insert(0, "nofix.json"));

  Scratch w(kCases / "baseline", "warnings");
  w.write(".pipec.yaml", "rules:\n  CP0116: warning\n  CP2001: off\n");
  CHECK(w.pipec("lint --format short .").status == 0);
  const auto capped = w.pipec("lint --format short --max-warnings 1 .");
  CHECK(capped.status == 1);
  CHECK(capped.err == "pipec: 2 warnings, more than --max-warnings 1\n");
  CHECK(w.pipec("lint --format short --max-warnings 2 .").status == 0);
}
