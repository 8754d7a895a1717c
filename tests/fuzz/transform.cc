// Fuzz harness: input transformer rendering (eventbridge::render). The input
// is a flags byte, then a file declaring transformers and an event,
// separated by a NUL byte:
//
//   <flags> TRANSFORMER-FILE \0 EVENT
//
// flags bit 0: the target takes JSON (RenderOptions::json_target);
// flags bits 1-2: what the first file is: 0 an input transformer
// ({"InputPathsMap", "InputTemplate"}), 1 PutTargets input, 2 a
// CloudFormation template (YAML), 3 a .json file of whatever kind its shape
// says.
//
// Both files are loaded as `pipec transform` loads them (model::load, the
// event as an event); when neither has a syntax issue, every transformer
// they declare is checked (check_transformer) and rendered for the event,
// and the result checked as a CodePipeline payload (check_pipeline_payload).
//
// Oracles: the rendered text maps back to the template byte by byte
// (`origin` has one entry per byte and one more), every placeholder's output
// range lies in the text, and a JSON target's text with no error reads as
// JSON without a syntax issue.

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventbridge/pipeline_input.h"
#include "eventbridge/transform.h"
#include "fuzz_support.h"
#include "model/load.h"
#include "source/file_system.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

namespace {

struct Shape {
  const char* path;
  model::Kind kind;
  bool forced;
};
constexpr Shape kShapes[] = {
    {"transformer.json", model::Kind::input_transformer, true},
    {"put-targets.json", model::Kind::put_targets, true},
    {"template.yaml", model::Kind::cloudformation, true},
    {"transformer.json", model::Kind::unknown, false},
};

using fuzz::clean;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > fuzz::kMaxInput) return -1;
  const bool json_target = (data[0] & 1) != 0;
  const Shape& shape = kShapes[(data[0] >> 1) & 3];
  auto parts = fuzz::split(fuzz::as_text(data + 1, size - 1), 2);

  source::MemoryFileSystem fs;
  fs.add(shape.path, std::move(parts[0]));
  fs.add("event.json", std::move(parts[1]));
  model::LoadOptions options;
  if (shape.forced) options.path_kinds.emplace_back(shape.path, shape.kind);
  options.path_kinds.emplace_back("event.json", model::Kind::event);
  const std::vector<std::string> paths{shape.path, "event.json"};
  const model::Workspace ws = model::load(fs, paths, options);

  const syntax::Document* event = nullptr;
  for (const auto& f : ws.files) {
    if (f.load_error || !clean(f.issues)) return 0;
    if (ws.sources.file(f.file).path() == "event.json") event = f.document;
  }
  if (event == nullptr || event->empty()) return 0;

  eventbridge::RenderOptions render_options;
  render_options.json_target = json_target;
  for (const auto& t : ws.transformers) {
    (void)eventbridge::check_transformer(t, ws.sources);
    if (!t.input_template) continue;
    const auto rendered = eventbridge::render(t, ws.sources, *event, render_options);
    const auto& text = rendered.text;
    if (rendered.origin.size() != text.size() + 1) {
      fuzz::fail(fmt::format("{} bytes rendered, {} origins", text.size(), rendered.origin.size()));
    }
    for (const auto& p : rendered.placeholders) {
      if (p.output_begin > p.output_end || p.output_end > text.size()) {
        fuzz::fail(fmt::format("placeholder <{}> at {}-{} of {} bytes", p.name, p.output_begin, p.output_end, text.size()));
      }
      (void)rendered.template_span(p.output_begin, p.output_end);
    }
    (void)rendered.template_span(0, text.size());
    (void)eventbridge::check_pipeline_payload(rendered);
    if (json_target && rendered.errors.empty()) {
      source::SourceSet scratch;
      const auto file = scratch.add("rendered.json", text);
      const auto reread = syntax::read_json(scratch, file);
      for (const auto& i : reread.issues) {
        if (i.kind == syntax::IssueKind::syntax) {
          fuzz::fail(fmt::format("rendered without an error, but not JSON: {}\n{}", i.message, text.substr(0, 4000)));
        }
      }
    }
  }
  return 0;
}
