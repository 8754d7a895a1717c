#include "driver/pipe_front_end.h"

#include <fmt/core.h>

#include "dsl/parser.h"
#include "dsl/resolve.h"
#include "emit/api_shapes.h"
#include "emit/lint_document.h"
#include "model/lower_events.h"
#include "model/secrets.h"
#include "util/text.h"

namespace pipec::driver {

namespace {


// A path written in a .pipe file, relative to the file's folder.
std::string beside(const std::string& pipe_path, const std::string& path) {
  if (!path.empty() && path.front() == '/') return path;
  const auto slash = pipe_path.find_last_of('/');
  return slash == std::string::npos ? path : pipe_path.substr(0, slash + 1) + path;
}

}  // namespace

bool PipeFrontEnd::handles(std::string_view path) const { return path.ends_with(".pipe"); }

model::Kind PipeFrontEnd::kind() const { return model::Kind::dsl; }

const Compiled* PipeFrontEnd::compiled(source::FileId file) const {
  const auto it = compiled_.find(file);
  return it == compiled_.end() ? nullptr : it->second.get();
}

void PipeFrontEnd::read(model::Workspace& ws, model::LoadedFile& file, model::FileLoader& loader) {
  dsl::Parsed parsed = dsl::parse(ws.sources, file.file);
  file.issues.insert(file.issues.end(), std::make_move_iterator(parsed.issues.begin()), std::make_move_iterator(parsed.issues.end()));
  dsl::Resolved resolved = dsl::resolve(parsed.file);
  file.issues.insert(file.issues.end(), std::make_move_iterator(resolved.issues.begin()), std::make_move_iterator(resolved.issues.end()));
  file.secrets = model::find_secrets_in_text(ws.sources, file.file);
  auto compiled = std::make_unique<Compiled>();
  compiled->program = std::move(resolved.program);
  const dsl::ir::Program& program = compiled->program;
  // The file's own `let account = …` fixes that value, over --var's.
  const dsl::Vars vars = program.values_over(vars_);

  for (const auto& p : program.pipelines) {
    const syntax::Document* doc = ws.keep(emit::to_document(emit::codepipeline_json(p, vars), file.file, vars));
    model::Pipeline pipeline = model::lower_api_pipeline(*doc, doc->root());
    pipeline.dialect = model::Dialect::dsl;
    const dsl::ir::Text region = dsl::ir::Text::pseudo(dsl::ir::Pseudo::region);
    pipeline.home_region = region.resolve(vars, true);
    pipeline.home_region_assumed = !region.resolve(vars, false);
    ws.pipelines.push_back(std::move(pipeline));
  }

  for (const auto& r : program.rules) {
    // The pattern: built from `on` or `pattern`, or read from its file
    // through the loader, as any input is read.
    std::optional<model::PatternRef> file_pattern;
    if (r.pattern_file) {
      const std::string path = beside(ws.sources.file(file.file).path(), *r.pattern_file);
      std::string error;
      if (const auto named = loader.load_named(path, model::Kind::event_pattern, ws.sources.file(file.file).path(), error)) {
        const syntax::Document& pattern = *named->document;
        if (!pattern.empty()) {
          file_pattern = model::PatternRef{&pattern, pattern.root()};
          compiled->pattern_files[r.name.text] = dsl::ir::json_from_document(pattern, pattern.root());
        }
      } else {
        const bool outside = error.find(" is outside ") != std::string::npos;
        file.issues.push_back({syntax::IssueKind::dsl_reference, r.pattern_span,
                               outside ? "pattern file " + error : fmt::format("cannot read pattern file {}: {}", util::quote(path), error),
                               outside ? "outside" : "pattern file", {},
                               {outside ? "pipec reads the files a .pipe file names inside its repository; "
                                          "--read-outside-repository allows others"
                                        : "the path is relative to the .pipe file"}});
      }
    }
    // The rule and its targets, as PutRule and PutTargets would take them.
    const syntax::Document* rule = ws.keep(emit::to_document(emit::put_rule_json(r), file.file, vars));
    const std::size_t index = model::lower_event_rule(ws, file, *rule, rule->root(), model::Dialect::dsl, {}, file_pattern);
    const syntax::Document* targets = ws.keep(emit::to_document(emit::put_targets_json(r), file.file, vars));
    model::lower_target_set(ws, *targets, targets->root(), model::Dialect::dsl, index);
  }
  compiled_[file.file] = std::move(compiled);
}

}  // namespace pipec::driver
