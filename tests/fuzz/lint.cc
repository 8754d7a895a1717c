// Fuzz harness: the whole of `pipec lint` on one in-memory file: loading
// (classification, the JSON and YAML readers, the .pipe front end), every
// rule of the registry, the configuration and suppression comments, and
// rendering the report; then the fixes it offers, and a baseline written and
// read back. The first byte chooses the file's name and kind (kShapes below,
// byte % 18) and the output format ((byte / 18) % 7); the rest is the file.
//
// A .pipe file may read `pattern file "pattern.json"`: that file exists, with
// a valid pattern, beside it.
//
// Then `pipec import` of the same file, when it reads as pipelines: the
// .pipe text it prints must lex and parse without a syntax error.
//
// Oracle: the sanitizers and lint's own assertions (lint and import must
// never crash, whatever the file), and the printed .pipe parsing cleanly;
// every schema validation is also made by valijson
// (PIPEC_CROSS_CHECK_SCHEMAS), which must agree with schema/validity.h
// wherever that calls a value valid.

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diag/render.h"
#include "driver/baseline.h"
#include "driver/fixes.h"
#include "driver/import.h"
#include "dsl/parser.h"
#include "driver/lint.h"
#include "driver/policy.h"
#include "fuzz_support.h"
#include "source/file_system.h"

using namespace pipec;

namespace {

struct Shape {
  const char* path;
  model::Kind kind;
  bool forced;  ///< --kind; otherwise the kind is decided by name and shape
};
constexpr Shape kShapes[] = {
    {"pipeline.json", model::Kind::unknown, false},
    {"input.json", model::Kind::pipeline, true},
    {"template.yaml", model::Kind::unknown, false},
    {"template.yaml", model::Kind::cloudformation, true},
    {"template.json", model::Kind::cloudformation, true},
    {"fuzz.pipe", model::Kind::unknown, false},
    {"rules.test.yaml", model::Kind::unknown, false},
    {"event.json", model::Kind::event, true},
    {"event-pattern.json", model::Kind::event_pattern, true},
    {"put-rule.json", model::Kind::put_rule, true},
    {"put-targets.json", model::Kind::put_targets, true},
    {"transformer.json", model::Kind::input_transformer, true},
    {"input-paths.json", model::Kind::input_paths, true},
    {"imagedefinitions.json", model::Kind::unknown, false},
    {"imageDetail.json", model::Kind::unknown, false},
    {"ecr-settings.json", model::Kind::ecr_settings, true},
    {"stack.template", model::Kind::unknown, false},
    {".pipec.yaml", model::Kind::unknown, false},
};
constexpr std::size_t kShapeCount = sizeof(kShapes) / sizeof(kShapes[0]);
constexpr const char* kFormats[] = {"text", "short", "json", "sarif", "github", "junit", "gitlab"};
constexpr std::size_t kFormatCount = sizeof(kFormats) / sizeof(kFormats[0]);

constexpr const char* kPatternFile =
    R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"]}})";

}  // namespace

// Set before the first validation reads it.
const bool kCrossCheckSchemas = setenv("PIPEC_CROSS_CHECK_SCHEMAS", "1", 1) == 0;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > fuzz::kMaxInput) return -1;
  const Shape& shape = kShapes[data[0] % kShapeCount];
  const char* format = kFormats[(data[0] / kShapeCount) % kFormatCount];
  const std::string_view text = fuzz::as_text(data + 1, size - 1);

  source::MemoryFileSystem fs;
  fs.add(shape.path, std::string(text));
  fs.add("pattern.json", kPatternFile);
  driver::LintRequest request;
  request.paths = {shape.path};
  request.configure = true;
  if (shape.forced) request.load.kind = shape.kind;
  const auto run = driver::lint(fs, request);

  std::string out;
  if (!diag::render_as(format, run->report, diag::TextOptions{}, "fuzz", out)) fuzz::fail("unknown format");

  (void)driver::apply_fixes(run->report);
  const std::string baseline_text = driver::write_baseline(*run, fs, "baseline.json");
  std::string error;
  const auto baseline = driver::read_baseline(baseline_text, error);
  if (!baseline) fuzz::fail("a baseline pipec wrote does not read back");
  const std::size_t before = run->report.diagnostics.size();
  const std::size_t removed = driver::subtract_baseline(*run, fs, *baseline, "baseline.json");
  std::size_t secrets = 0;
  for (const auto& d : run->report.diagnostics) secrets += d.rule_id == driver::kCommittedSecretRule ? 1 : 0;
  if (removed + secrets != before) fuzz::fail("a baseline of a run does not hold all of its findings");

  if (!shape.forced || shape.kind == model::Kind::pipeline || shape.kind == model::Kind::cloudformation) {
    driver::ImportRequest import_request;
    import_request.paths = {shape.path};
    const auto imported = driver::import_pipelines(fs, import_request);
    if (imported.outcome == driver::Import::Outcome::imported) {
      source::SourceSet sources;
      const source::FileId file = sources.add("imported.pipe", imported.text);
      for (const auto& issue : dsl::parse(sources, file).issues) {
        if (issue.kind == syntax::IssueKind::dsl_syntax) fuzz::fail("pipec import printed a .pipe file that does not parse");
      }
    }
  }
  return 0;
}
