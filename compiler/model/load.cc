#include "model/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/classify.h"
#include "model/cloudformation.h"
#include "model/secrets.h"
#include "syntax/decoded_string.h"
#include "syntax/json/json_reader.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/parallel.h"
#include "util/utf8.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string format_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
  if (bytes >= (1ull << 10)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / (1 << 10));
  return fmt::format("{} bytes", bytes);
}

struct Candidate {
  std::string path;
  bool named;
};

class Loader {
 public:
  Loader(const source::FileSystem& fs, const LoadOptions& options) : fs_(fs), options_(options) {}

  Workspace run(std::span<const std::string> paths) {
    for (const auto& path : paths) {
      const source::Entry entry = fs_.stat(path);
      switch (entry.type) {
        case source::EntryType::directory: walk(path); break;
        case source::EntryType::file: add_candidate(path, true); break;
        case source::EntryType::missing:
          if (!seen_.contains(path)) fail(path, "no such file or directory");
          break;
        case source::EntryType::other:
          if (!seen_.contains(path)) fail(path, "not a regular file or folder");
          break;
      }
    }
    load_all();
    link_targets_to_rules();
    return std::move(ws_);
  }

 private:
  void add_candidate(const std::string& path, bool named) {
    if (seen_.insert(path).second) candidates_.push_back({path, named});
  }

  // A path given on the command line that cannot be read. Paths first met
  // here are remembered, so naming one twice reports it once.
  void fail(const std::string& path, std::string reason) {
    seen_.insert(path);
    LoadedFile f;
    f.file = ws_.sources.add(path, "");
    f.named = true;
    f.load_error = std::move(reason);
    ws_.files.push_back(std::move(f));
  }

  void walk(const std::string& root) {
    const auto take = [&](std::string_view name, const std::string& path) {
      return is_candidate_file(name) || front_end_for(path) != nullptr;
    };
    for (auto& path : walk_folder(fs_, root, take)) add_candidate(path, false);
  }

  // What reading a candidate gave: its text and kind, or why it is skipped
  // or unreadable. Computed for all candidates at once, on every core.
  struct Fetched {
    bool skip = false;
    std::optional<std::string> error;
    std::string text;
    std::size_t nul = std::string::npos;
    Kind kind = Kind::unknown;
  };

  Fetched fetch(const Candidate& c) const {
    Fetched f;
    const source::Entry entry = fs_.stat(c.path);
    if (entry.size > options_.max_file_size) {
      // A folder's oversized file is someone's data, not ours to judge.
      f.skip = !c.named;
      f.error = fmt::format("file is {}, larger than the {} pipec reads (raise it with --max-file-size)",
                            format_size(entry.size), format_size(options_.max_file_size));
      return f;
    }
    source::ReadResult read = fs_.read(c.path);
    if (!read.ok) {
      f.skip = !c.named;
      f.error = std::move(read.error);
      return f;
    }
    f.nul = read.text.find('\0');
    const auto forced = std::find_if(options_.path_kinds.begin(), options_.path_kinds.end(),
                                     [&](const auto& p) { return p.first == c.path; });
    if (options_.kind) {
      f.kind = *options_.kind;
    } else if (forced != options_.path_kinds.end()) {
      f.kind = forced->second;
    } else if (const FrontEnd* front_end = front_end_for(c.path)) {
      f.kind = front_end->kind();
    } else if (f.nul == std::string::npos) {
      // YAML files are recognized by a scan of their top-level keys; only
      // CloudFormation templates are (other kinds in YAML need --kind).
      const std::string name = base_name(c.path);
      f.kind = is_test_suite_name(name)               ? Kind::test_suite
               : syntax::is_yaml_file(name, read.text) ? classify_yaml(read.text)
                                                       : classify(scan_shape(read.text), name);
    }
    // Binary data or a file of no known kind in a folder is not ours.
    f.skip = !c.named && (f.nul != std::string::npos || f.kind == Kind::unknown);
    f.text = std::move(read.text);
    return f;
  }

  FrontEnd* front_end_for(std::string_view path) const {
    for (FrontEnd* f : options_.front_ends) {
      if (f->handles(path)) return f;
    }
    return nullptr;
  }

  FrontEnd* front_end_for_kind(Kind kind) const {
    for (FrontEnd* f : options_.front_ends) {
      if (f->kind() == kind) return f;
    }
    return nullptr;
  }

  std::optional<syntax::Issue> encoding_issue(source::FileId file) const {
    const std::string_view text = ws_.sources.file(file).text();
    const auto bad = util::first_invalid_utf8(text);
    if (!bad) return std::nullopt;
    const auto at = static_cast<std::uint32_t>(*bad);
    return syntax::Issue{syntax::IssueKind::encoding,
                         source::Span{file, at, at + 1},
                         fmt::format("invalid UTF-8: byte 0x{:02X} does not start a valid sequence",
                                     static_cast<unsigned char>(text[at])),
                         "not UTF-8",
                         {},
                         {"text must be UTF-8 (RFC 8259 for JSON); re-save the file as UTF-8"}};
  }

  // What reading a file's text gave.
  struct Parsed {
    std::vector<syntax::Issue> issues;
    std::optional<syntax::Document> document;
    std::vector<Secret> secrets;
  };

  Parsed parse(source::FileId file) const {
    Parsed p;
    if (auto issue = encoding_issue(file)) p.issues.push_back(std::move(*issue));
    const auto& source = ws_.sources.file(file);
    auto parsed = syntax::is_yaml_file(base_name(source.path()), source.text())
                      ? syntax::read_yaml(ws_.sources, file)
                      : [&] {
                          syntax::JsonResult json = syntax::read_json(ws_.sources, file);
                          return syntax::YamlResult{std::move(json.document), std::move(json.issues)};
                        }();
    p.issues.insert(p.issues.end(), std::make_move_iterator(parsed.issues.begin()),
                    std::make_move_iterator(parsed.issues.end()));
    p.secrets = find_secrets(ws_.sources, parsed.document);
    p.document = std::move(parsed.document);
    return p;
  }

  // Reads every candidate: reading and parsing run on every core; adding to
  // the workspace and lowering (which can add embedded files) run in
  // candidate order, so FileIds and output never depend on timing.
  void load_all() {
    std::vector<Fetched> fetched(candidates_.size());
    util::parallel_for(candidates_.size(), [&](std::size_t i) { fetched[i] = fetch(candidates_[i]); });

    std::vector<std::size_t> readable;  // indexes into ws_.files
    std::vector<std::pair<LoadedFile, FrontEnd*>> other;  // read by a front end, after the JSON
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      Fetched& f = fetched[i];
      if (f.skip) continue;
      if (f.error) {
        fail(candidates_[i].path, std::move(*f.error));
        continue;
      }
      LoadedFile file;
      file.file = ws_.sources.add(candidates_[i].path, std::move(f.text));
      file.named = candidates_[i].named;
      file.kind = f.kind;
      file.kind_forced = options_.kind.has_value();
      if (f.nul != std::string::npos) {
        // Binary: said once, and not parsed.
        file.issues.push_back({syntax::IssueKind::encoding,
                               source::Span{file.file, static_cast<std::uint32_t>(f.nul), static_cast<std::uint32_t>(f.nul + 1)},
                               fmt::format("binary file: NUL byte at offset {}; expected UTF-8 text", f.nul),
                               "NUL byte",
                               {},
                               {"pipec reads JSON and YAML documents; check that this is the file you meant"}});
      } else if (FrontEnd* front_end = front_end_for_kind(f.kind)) {
        other.emplace_back(std::move(file), front_end);
        continue;
      } else {
        readable.push_back(ws_.files.size());
      }
      ws_.files.push_back(std::move(file));
    }

    std::vector<Parsed> parsed(readable.size());
    util::parallel_for(readable.size(), [&](std::size_t k) { parsed[k] = parse(ws_.files[readable[k]].file); });

    for (std::size_t k = 0; k < readable.size(); ++k) {
      LoadedFile& f = ws_.files[readable[k]];
      f.issues = std::move(parsed[k].issues);
      f.secrets = std::move(parsed[k].secrets);
      f.document = ws_.keep(std::move(*parsed[k].document));
      lower(f);
    }

    // Front ends may add files of their own (a pattern a .pipe file reads):
    // each file joins the workspace once it is read.
    for (auto& [file, front_end] : other) {
      if (auto issue = encoding_issue(file.file)) file.issues.push_back(std::move(*issue));
      front_end->read(ws_, file, fs_);
      ws_.files.push_back(std::move(file));
    }
  }

  // PutTargets input names its rule; the PutRule input of that name read in
  // the same run (the nearest in the folder tree, if several) is its rule.
  void link_targets_to_rules() {
    for (auto& set : ws_.target_sets) {
      if (!set.event_rule && set.rule) set.event_rule = ws_.event_rule_named(set.rule->value, set.rule->span.file);
    }
  }

  // -- lowering by kind -------------------------------------------------------

  std::optional<Text> text(const Document& doc, NodeId object, std::string_view key) const {
    const NodeId value = doc.get(object, key);
    if (!doc.is(value, NodeKind::string)) return std::nullopt;
    return Text{doc.node(value).text, doc.node(value).span, value};
  }

  void lower(LoadedFile& f) {
    const Document& doc = *f.document;
    if (doc.empty()) return;
    const NodeId root = doc.root();
    const bool object = doc.is(root, NodeKind::object);
    switch (f.kind) {
      case Kind::pipeline:
        if (object) ws_.pipelines.push_back(lower_api_pipeline(doc, root));
        break;
      case Kind::event_pattern:
        ws_.patterns.push_back({&doc, root});
        break;
      case Kind::put_rule:
        if (object) lower_rule(f, doc, root);
        break;
      case Kind::put_targets:
        if (object) lower_targets(doc, root);
        break;
      case Kind::input_transformer:
        if (object) ws_.transformers.push_back(lower_transformer(doc, root, doc.get(root, "InputPathsMap")));
        break;
      case Kind::input_paths:
        if (object) ws_.transformers.push_back(lower_transformer(doc, root, root));
        break;
      case Kind::cloudformation:
        lower_cloudformation(ws_, f);
        break;
      default: break;
    }
  }

  void lower_rule(LoadedFile& f, const Document& doc, NodeId root) {
    EventRule rule;
    rule.document = &doc;
    rule.node = root;
    rule.span = doc.node(root).span;
    rule.name = text(doc, root, "Name");
    rule.state = text(doc, root, "State");
    rule.event_bus = text(doc, root, "EventBusName");
    rule.schedule = text(doc, root, "ScheduleExpression");
    const NodeId pattern = doc.get(root, "EventPattern");
    if (doc.is(pattern, NodeKind::string)) {
      // PutRule takes the pattern as a string of JSON: read it as a document
      // of its own whose offsets map back into this file.
      rule.pattern_text = text(doc, root, "EventPattern");
      auto decoded = syntax::decode_string(ws_.sources.file(doc.file()).text(), doc, pattern);
      const source::FileId inner =
          ws_.sources.add_embedded(doc.file(), std::move(decoded.text), std::move(decoded.offsets));
      syntax::JsonResult parsed = syntax::read_json(ws_.sources, inner);
      f.issues.insert(f.issues.end(), std::make_move_iterator(parsed.issues.begin()),
                      std::make_move_iterator(parsed.issues.end()));
      const Document* inner_doc = ws_.keep(std::move(parsed.document));
      if (!inner_doc->empty()) {
        rule.pattern = PatternRef{inner_doc, inner_doc->root()};
        ws_.patterns.push_back(*rule.pattern);
      }
    }
    ws_.event_rules.push_back(std::move(rule));
  }

  void lower_targets(const Document& doc, NodeId root) {
    TargetSet set;
    set.document = &doc;
    set.node = root;
    set.rule = text(doc, root, "Rule");
    set.event_bus = text(doc, root, "EventBusName");
    for (const NodeId item : doc.items(doc.get(root, "Targets"))) {
      if (!doc.is(item, NodeKind::object)) continue;
      Target target;
      target.node = item;
      target.span = doc.node(item).span;
      target.id = text(doc, item, "Id");
      target.arn = text(doc, item, "Arn");
      target.role_arn = text(doc, item, "RoleArn");
      const NodeId transformer = doc.get(item, "InputTransformer");
      if (doc.is(transformer, NodeKind::object)) {
        target.transformer = ws_.transformers.size();
        ws_.transformers.push_back(lower_transformer(doc, transformer, doc.get(transformer, "InputPathsMap")));
      }
      set.targets.push_back(std::move(target));
    }
    ws_.target_sets.push_back(std::move(set));
  }

  InputTransformer lower_transformer(const Document& doc, NodeId node, NodeId paths) {
    InputTransformer t;
    t.document = &doc;
    t.node = node;
    t.span = doc.node(node).span;
    t.paths_node = paths;
    for (const auto& m : doc.members(paths)) {
      if (doc.is(m.value, NodeKind::string)) {
        t.paths.push_back({Text{m.key, m.key_span, m.value}, Text{doc.node(m.value).text, doc.node(m.value).span, m.value}});
      }
    }
    if (node != paths) {
      const NodeId literal = doc.get(node, "InputTemplate");
      if (doc.is(literal, NodeKind::string)) t.input_template = read_input_template(ws_.sources, doc, literal);
    }
    return t;
  }

  const source::FileSystem& fs_;
  const LoadOptions& options_;
  Workspace ws_;
  std::vector<Candidate> candidates_;
  std::set<std::string> seen_;
};

}  // namespace

bool is_candidate_file(std::string_view name) {
  // JSON, and YAML or JSON CloudFormation templates (YAML of no known kind
  // is skipped like JSON of none).
  return name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".template");
}

Workspace load(const source::FileSystem& fs, std::span<const std::string> paths, const LoadOptions& options) {
  return Loader(fs, options).run(paths);
}

}  // namespace pipec::model
