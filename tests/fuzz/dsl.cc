// Fuzz harness: the .pipe front end through lowering and the emitters. The
// input is a .pipe file. It is linted as `pipec build` lints it
// (driver::lint, every rule, with --var values for the pseudo-parameters);
// when lint finds no error, the build is planned (emit::plan_build) twice,
// with the CloudFormation template in YAML and in JSON, as driver::build
// plans it, and nothing is written.
//
// A file may read `pattern file "pattern.json"`: that file exists, with a
// valid pattern, beside it.
//
// Oracle: a file lint accepts builds into files that are themselves clean.
// Every planned file lies directly in the output folder, no two share a
// path, the files both plans write are the same (only the template depends
// on its format), each reads back without an issue (JSON with read_json,
// YAML with read_yaml), and lint finds no error in what `pipec build` lints
// before it writes (the .json files and the template), which build would
// report as a bug in pipec ("generated_errors"). Both plans' files are
// linted in one run.

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/render.h"
#include "driver/lint.h"
#include "driver/pipe_front_end.h"
#include "emit/build_plan.h"
#include "fuzz_support.h"
#include "source/file_system.h"
#include "syntax/json/json_reader.h"
#include "syntax/yaml/yaml_reader.h"

using namespace pipec;

namespace {

constexpr const char* kDirectory = "out";
constexpr const char* kPatternFile =
    R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"]}})";

const dsl::Vars& vars() {
  static const dsl::Vars v{{"account", "123456789012"}, {"region", "us-east-1"}, {"partition", "aws"}};
  return v;
}

std::string issues_of(const std::vector<syntax::Issue>& issues) {
  std::string out;
  for (const auto& i : issues) out += fmt::format("  {}-{}: {}\n", i.span.begin, i.span.end, i.message);
  return out;
}

[[noreturn]] void fail(const std::string& what, std::string_view source, const std::string& text) {
  fuzz::fail(fmt::format("{}\n--- the .pipe file:\n{}\n--- the file:\n{}", what, source.substr(0, 4000), text.substr(0, 8000)));
}

// One plan's files lie directly in the output folder, each at a path of its own; added to `files`, where a
// path both plans write must have the same text (only the template depends on its format).
void collect(const emit::BuildPlan& plan, std::string_view source, std::map<std::string, std::string>& files) {
  const std::string prefix = std::string(kDirectory) + "/";
  std::set<std::string> paths;
  for (const auto& f : plan.files) {
    const std::string name = f.path.starts_with(prefix) ? f.path.substr(prefix.size()) : std::string();
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
      fail(fmt::format("planned file {} is not directly in {}/", f.path, kDirectory), source, f.text);
    }
    if (!paths.insert(f.path).second) fail(fmt::format("two planned files are both {}", f.path), source, f.text);
    const auto [at, added] = files.emplace(f.path, f.text);
    if (!added && at->second != f.text) {
      fail(fmt::format("{} differs with the template in YAML and in JSON", f.path), source, at->second + "\n---\n" + f.text);
    }
  }
}

// Every file reads back without an issue, and lint finds no error in what build lints before writing.
void check_files(const std::map<std::string, std::string>& files, std::string_view source) {
  source::MemoryFileSystem generated;
  driver::LintRequest request;
  request.vars = vars();
  for (const auto& [path, text] : files) {
    source::SourceSet sources;
    const auto file = sources.add(path, text);
    if (path.ends_with(".json")) {
      const auto read = syntax::read_json(sources, file);
      if (!read.issues.empty()) fail(fmt::format("{} does not read back as JSON:\n{}", path, issues_of(read.issues)), source, text);
    } else if (path.ends_with(".yaml") || path.ends_with(".yml")) {
      const auto read = syntax::read_yaml(sources, file);
      if (!read.issues.empty()) fail(fmt::format("{} does not read back as YAML:\n{}", path, issues_of(read.issues)), source, text);
    } else {
      fail(fmt::format("planned file {} is neither JSON nor YAML", path), source, text);
    }
    // What driver::build lints before writing (both templates at once: one lint run, not two).
    if (path.ends_with(".json") || path.ends_with(".cfn.yaml")) {
      generated.add(path, text);
      request.paths.push_back(path);
    }
  }
  if (request.paths.empty()) return;
  const auto run = driver::lint(generated, request);
  if (run->has_errors()) {
    std::string report;
    diag::render_short(run->report, report);
    std::string texts;
    for (const auto& [path, text] : files) texts += "--- " + path + "\n" + text + "\n";
    fail("lint finds errors in what build would write:\n" + report, source, texts);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  source::MemoryFileSystem fs;
  fs.add("fuzz.pipe", std::string(text));
  fs.add("pattern.json", kPatternFile);
  driver::LintRequest request;
  request.paths = {"fuzz.pipe"};
  request.vars = vars();
  const auto run = driver::lint(fs, request);
  if (run->unreadable() || run->has_errors()) return 0;

  const driver::Compiled* compiled = nullptr;
  for (const auto& f : run->workspace.files) {
    if (f.kind == model::Kind::dsl) compiled = run->compiled(f.file);
  }
  if (compiled == nullptr) return 0;

  std::map<std::string, std::string> files;
  for (const auto format : {emit::CfnFormat::yaml, emit::CfnFormat::json}) {
    emit::BuildInput input;
    input.program = &compiled->program;
    input.pattern_files = compiled->pattern_files;
    input.stem = "fuzz";
    input.description = "Generated by pipec fuzz from fuzz.pipe";
    input.outputs = {emit::Output::codepipeline, emit::Output::cloudformation, emit::Output::transformer,
                     emit::Output::buildspec};
    input.cfn_format = format;
    input.vars = vars();
    input.directory = kDirectory;
    const auto plan = emit::plan_build(input);
    if (!plan.missing.empty()) fuzz::fail("a value of --var is missing although every one was given");
    collect(plan, text, files);
  }
  check_files(files, text);
  return 0;
}
