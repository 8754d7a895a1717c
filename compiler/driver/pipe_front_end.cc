#include "driver/pipe_front_end.h"

#include <fmt/core.h>

#include "dsl/parser.h"
#include "dsl/resolve.h"
#include "emit/api_shapes.h"
#include "emit/lint_document.h"
#include "model/secrets.h"
#include "syntax/json/json_reader.h"
#include "util/text.h"

namespace pipec::driver {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

std::optional<model::Text> text_of(const syntax::Document& doc, NodeId object, std::string_view key) {
  const NodeId value = doc.get(object, key);
  if (!doc.is(value, NodeKind::string)) return std::nullopt;
  return model::Text{doc.node(value).text, doc.node(value).span, value};
}

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

void PipeFrontEnd::read(model::Workspace& ws, model::LoadedFile& file, const source::FileSystem& fs) {
  dsl::Parsed parsed = dsl::parse(ws.sources, file.file);
  file.issues.insert(file.issues.end(), std::make_move_iterator(parsed.issues.begin()), std::make_move_iterator(parsed.issues.end()));
  dsl::Resolved resolved = dsl::resolve(parsed.file);
  file.issues.insert(file.issues.end(), std::make_move_iterator(resolved.issues.begin()), std::make_move_iterator(resolved.issues.end()));
  file.secrets = model::find_secrets_in_text(ws.sources, file.file);
  auto compiled = std::make_unique<Compiled>();
  compiled->program = std::move(resolved.program);
  const dsl::ir::Program& program = compiled->program;

  for (const auto& p : program.pipelines) {
    const syntax::Document* doc = ws.keep(emit::to_document(emit::codepipeline_json(p), file.file, vars_));
    model::Pipeline pipeline = model::lower_api_pipeline(*doc, doc->root());
    pipeline.dialect = model::PipelineDialect::dsl;
    ws.pipelines.push_back(std::move(pipeline));
  }

  for (const auto& r : program.rules) {
    // The pattern: built from `on` or `pattern`, or read from its file.
    const syntax::Document* pattern = nullptr;
    if (r.pattern_file) {
      const std::string path = beside(ws.sources.file(file.file).path(), *r.pattern_file);
      source::ReadResult read = fs.read(path);
      if (!read.ok) {
        file.issues.push_back({syntax::IssueKind::dsl_reference, r.pattern_span,
                               fmt::format("cannot read pattern file {}: {}", util::quote(path), read.error),
                               "pattern file", {}, {"the path is relative to the .pipe file"}});
      } else {
        model::LoadedFile pattern_file;
        pattern_file.file = ws.sources.add(path, std::move(read.text));
        pattern_file.kind = model::Kind::event_pattern;
        pattern_file.named = true;
        syntax::JsonResult json = syntax::read_json(ws.sources, pattern_file.file);
        pattern_file.issues = std::move(json.issues);
        pattern_file.document = ws.keep(std::move(json.document));
        pattern_file.secrets = model::find_secrets(ws.sources, *pattern_file.document);
        pattern = pattern_file.document;
        if (!pattern->empty()) compiled->pattern_files[r.name.text] = dsl::ir::json_from_document(*pattern, pattern->root());
        ws.files.push_back(std::move(pattern_file));
      }
    } else {
      pattern = ws.keep(emit::to_document(r.pattern, file.file, vars_));
    }
    model::EventRule rule;
    rule.name = model::Text{r.name.text, r.name.span, syntax::kNoNode};
    rule.span = r.span;
    if (pattern != nullptr && !pattern->empty()) {
      rule.document = pattern;
      rule.node = pattern->root();
      rule.pattern = model::PatternRef{pattern, pattern->root()};
      ws.patterns.push_back(*rule.pattern);
    }
    ws.event_rules.push_back(std::move(rule));

    // The targets, as PutTargets would take them.
    const syntax::Document* targets = ws.keep(emit::to_document(emit::put_targets_json(r), file.file, vars_));
    model::TargetSet set;
    set.document = targets;
    set.node = targets->root();
    set.event_rule = ws.event_rules.size() - 1;
    set.rule = text_of(*targets, targets->root(), "Rule");
    set.event_bus = text_of(*targets, targets->root(), "EventBusName");
    for (const NodeId item : targets->items(targets->get(targets->root(), "Targets"))) {
      model::Target target;
      target.node = item;
      target.span = targets->node(item).span;
      target.id = text_of(*targets, item, "Id");
      target.arn = text_of(*targets, item, "Arn");
      target.role_arn = text_of(*targets, item, "RoleArn");
      const NodeId transformer = targets->get(item, "InputTransformer");
      if (targets->is(transformer, NodeKind::object)) {
        model::InputTransformer t;
        t.document = targets;
        t.node = transformer;
        t.span = targets->node(transformer).span;
        t.paths_node = targets->get(transformer, "InputPathsMap");
        for (const auto& m : targets->members(t.paths_node)) {
          if (targets->is(m.value, NodeKind::string)) {
            t.paths.push_back({model::Text{m.key, m.key_span, m.value},
                               model::Text{targets->node(m.value).text, targets->node(m.value).span, m.value}});
          }
        }
        const NodeId literal = targets->get(transformer, "InputTemplate");
        if (targets->is(literal, NodeKind::string)) {
          // pipec wrote the template: its text is a file of its own whose
          // every position points at the `start` that asked for it.
          const auto& node = targets->node(literal);
          const source::FileId text = ws.sources.add_generated(node.text, node.span);
          t.input_template = model::input_template_from(ws.sources, text, node.span);
        }
        target.transformer = ws.transformers.size();
        ws.transformers.push_back(std::move(t));
      }
      set.targets.push_back(std::move(target));
    }
    ws.target_sets.push_back(std::move(set));
  }
  compiled_[file.file] = std::move(compiled);
}

}  // namespace pipec::driver
