#include "model/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/boundary.h"
#include "model/classify.h"
#include "model/cloudformation.h"
#include "model/azure_tasks.h"
#include "model/image_uris.h"
#include "model/lower_events.h"
#include "model/lower_policies.h"
#include "model/secrets.h"
#include "syntax/json/json_reader.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/heap_pages.h"
#include "util/parallel.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::string format_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
  if (bytes >= (1ull << 10)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / (1 << 10));
  return fmt::format("{} bytes", bytes);
}

struct Candidate {
  std::string path;
  bool named;
  std::optional<Kind> given;  ///< the kind it is given before it is read (given_kind)
  std::optional<std::uint64_t> size = std::nullopt;  ///< its size when found, if it was stat'ed then
};

class Loader final : public FileLoader {
 public:
  Loader(const source::FileSystem& fs, const LoadOptions& options) : fs_(fs), options_(options) {}

  Workspace run(std::span<const std::string> paths) {
    for (const auto& path : paths) {
      const source::Entry entry = fs_.stat(path);
      switch (entry.type) {
        case source::EntryType::directory: walk(path); break;
        case source::EntryType::file:
          add_candidate(path, true, entry.size);
          break;
        case source::EntryType::missing:
          if (!seen_.contains(path)) fail(path, "no such file or directory");
          break;
        case source::EntryType::other:
          if (!seen_.contains(path)) fail(path, entry.problem.empty() ? "not a regular file or folder" : entry.problem);
          break;
      }
    }
    // Before the first thread: malloc's arenas are chosen as threads start.
    util::prepare_heap_for(expected_heap_);
    load_all();
    link_targets_to_rules();
    lower_image_uris(ws_);
    ws_.index_policies();
    return std::move(ws_);
  }

 private:
  void add_candidate(const std::string& path, bool named, std::uint64_t size) {
    // The configuration is asked here, on one thread, not while files are read.
    if (options_.excluded && options_.excluded(path)) return;
    if (!seen_.insert(path).second) return;
    candidates_.push_back({path, named, given_kind(path), size});
    expected_heap_ += heap_for(candidates_.back());
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
    Walk walk = walk_folder(fs_, root, take);
    for (const auto& file : walk.files) add_candidate(file.path, false, file.size);
    for (auto& [path, reason] : walk.unreadable) {
      if (!seen_.contains(path)) fail(path, std::move(reason));
    }
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

  Fetched fetch(const Candidate& c, std::optional<Kind> kind = std::nullopt) const {
    Fetched f;
    // The size from the stat that found the file (the walk's, or run()'s for
    // a path named on the command line): each stat is a system call.
    const std::uint64_t size = c.size ? *c.size : fs_.stat(c.path).size;
    if (size > options_.max_file_size) {
      // A folder's oversized file is someone's data, not ours to judge.
      f.skip = !c.named;
      f.error = fmt::format("file is {}, larger than the {} pipec reads (raise it with --max-file-size)",
                            format_size(size), format_size(options_.max_file_size));
      return f;
    }
    source::ReadResult read = fs_.read(c.path);
    if (!read.ok) {
      // Said, even in a folder: a lint gate that skips what it cannot read
      // passes what it did not check.
      f.error = std::move(read.error);
      return f;
    }
    f.nul = read.text.find('\0');
    if (kind) {
      f.kind = *kind;
    } else if (c.given) {
      f.kind = *c.given;
    } else if (const FrontEnd* front_end = front_end_for(c.path)) {
      f.kind = front_end->kind();
    } else if (f.nul == std::string::npos) {
      // YAML files are recognized by a scan of their top-level keys; only
      // CloudFormation templates are (other kinds in YAML need --kind).
      const std::string name(source::file_name(c.path));
      f.kind = is_test_suite_name(name)               ? Kind::test_suite
               : is_pipec_config_name(name)            ? Kind::pipec_config
               : is_buildspec_name(name)               ? Kind::buildspec
               : is_azure_pipelines_name(name)         ? Kind::azure_pipeline
               : syntax::is_yaml_file(name, read.text) ? classify_yaml(read.text)
                                                       : classify(scan_shape(read.text), name);
      const auto unless = std::find_if(options_.path_kinds_unless.begin(), options_.path_kinds_unless.end(),
                                       [&](const auto& k) { return k.path == c.path; });
      if (unless != options_.path_kinds_unless.end() &&
          std::find(unless->unless.begin(), unless->unless.end(), f.kind) == unless->unless.end()) {
        f.kind = unless->kind;
      }
    }
    // Binary data or a file of no known kind in a folder is not ours.
    f.skip = !c.named && (f.nul != std::string::npos || f.kind == Kind::unknown);
    f.text = std::move(read.text);
    return f;
  }

  // The kind a file is given before it is read: --kind, then its path's
  // own, then the configuration's; nothing when its name or text decides.
  std::optional<Kind> given_kind(const std::string& path) const {
    if (options_.kind) return options_.kind;
    const auto forced = std::find_if(options_.path_kinds.begin(), options_.path_kinds.end(),
                                     [&](const auto& p) { return p.first == path; });
    if (forced != options_.path_kinds.end()) return forced->second;
    return options_.configured_kind ? options_.configured_kind(path) : std::nullopt;
  }

  // The heap reading a candidate will take: by its size, and by the front
  // end that reads it, if one does. A file too large to read takes nothing.
  std::uint64_t heap_for(const Candidate& c) const {
    const std::uint64_t size = c.size.value_or(0);
    if (size > options_.max_file_size) return 0;
    const FrontEnd* front_end = c.given ? front_end_for_kind(*c.given) : front_end_for(c.path);
    return size * (front_end != nullptr ? front_end->heap_per_byte() : kHeapPerByte);
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
    std::unique_ptr<syntax::Document> document;  ///< on the heap, where it stays: pipelines point at it
    std::vector<Secret> secrets;
    std::optional<PreparedTemplate> prepared;  ///< a template's, prepared on the parsing thread
  };

  Parsed parse(source::FileId file, Kind kind) const {
    Parsed p;
    syntax::YamlOptions yaml;
    if (auto issue = encoding_issue(file)) {
      p.issues.push_back(std::move(*issue));
    } else {
      yaml.valid_utf8 = true;
    }
    const auto& source = ws_.sources.file(file);
    auto parsed = syntax::is_yaml_file(source::file_name(source.path()), source.text())
                      ? syntax::read_yaml(ws_.sources, file, yaml)
                      : [&] {
                          syntax::JsonResult json = syntax::read_json(ws_.sources, file);
                          return syntax::YamlResult{std::move(json.document), std::move(json.issues)};
                        }();
    // YAML read for another reader than CloudFormation takes what only CloudFormation refuses.
    if (kind != Kind::cloudformation && kind != Kind::unknown) {
      std::erase_if(parsed.issues, [](const syntax::Issue& i) { return i.cloudformation_only; });
    }
    p.issues.insert(p.issues.end(), std::make_move_iterator(parsed.issues.begin()),
                    std::make_move_iterator(parsed.issues.end()));
    p.secrets = merge_secrets(find_secrets(ws_.sources, parsed.document), find_secrets_in_text(ws_.sources, file), ws_.sources);
    p.document = std::make_unique<syntax::Document>(std::move(parsed.document));
    if (kind == Kind::cloudformation) {
      p.prepared = prepare_cloudformation(ws_.sources, *p.document);
      // Rules see the template resolved. The template as written was
      // needed only to resolve it (and its secrets, found above), so it is
      // freed here, on the parsing thread, where the next file reuses it.
      // Its pipelines, roles and policies are lowered here too, in
      // parallel, once the resolved document has the place it keeps:
      // lowering them was most of the serial part of loading (pipelines 14
      // of 20 ms for 100 templates, then policies most of the other 6).
      if (p.prepared) {
        p.document = std::make_unique<syntax::Document>(std::move(p.prepared->resolved));
        p.prepared->pipelines = lower_template_pipelines(*p.document);
        p.prepared->policies = lower_template_policies(ws_.sources, *p.document);
      }
    }
    return p;
  }

  // Reads every candidate: reading and parsing run on every core; adding to
  // the workspace and lowering (which can add embedded files) run in
  // candidate order, so FileIds and output never depend on timing.
  void load_all() {
    std::vector<Fetched> fetched(candidates_.size());
    // Reading a file is quick: a thread pays off only for many of them.
    util::parallel_for(candidates_.size(), [&](std::size_t i) { fetched[i] = fetch(candidates_[i]); }, 16);

    std::vector<std::size_t> readable;  // indexes into ws_.files
    std::vector<std::pair<LoadedFile, FrontEnd*>> other;  // read by a front end, after the JSON
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      Fetched& f = fetched[i];
      if (f.skip) continue;
      if (f.error) {
        fail(candidates_[i].path, std::move(*f.error));
        continue;
      }
      LoadedFile file = admit(candidates_[i], f);
      if (f.nul == std::string::npos) {
        if (FrontEnd* front_end = front_end_for_kind(f.kind)) {
          other.emplace_back(std::move(file), front_end);
          continue;
        }
        readable.push_back(ws_.files.size());
      } else if (is_named(file)) {
        withhold_if_unexpected(file);
      }
      ws_.files.push_back(std::move(file));
    }

    std::vector<Parsed> parsed(readable.size());
    std::uint64_t bytes = 0;
    for (const std::size_t k : readable) bytes += ws_.sources.file(ws_.files[k].file).text().size();
    util::parallel_for(readable.size(), [&](std::size_t k) { parsed[k] = parse(ws_.files[readable[k]].file, ws_.files[readable[k]].kind); },
                       util::jobs_per_worker_for(readable.size(), bytes));

    for (std::size_t k = 0; k < readable.size(); ++k) read(ws_.files[readable[k]], std::move(parsed[k]));

    // Front ends may add files of their own (a pattern a .pipe file reads):
    // each file joins the workspace once it is read.
    for (auto& [file, front_end] : other) {
      if (auto issue = encoding_issue(file.file)) file.issues.push_back(std::move(*issue));
      front_end->read(ws_, file, *this);
      ws_.files.push_back(std::move(file));
    }
  }

  // A candidate that could be read, as a file of the workspace (not yet in
  // it): binary data is said once, and not parsed.
  LoadedFile admit(const Candidate& c, Fetched& f) {
    LoadedFile file;
    file.file = ws_.sources.add(c.path, std::move(f.text));
    file.named = c.named;
    file.kind = f.kind;
    file.kind_forced = options_.kind.has_value();
    if (f.nul != std::string::npos) {
      file.issues.push_back({syntax::IssueKind::encoding,
                             source::Span{file.file, static_cast<std::uint32_t>(f.nul), static_cast<std::uint32_t>(f.nul + 1)},
                             fmt::format("binary file: NUL byte at offset {}; expected UTF-8 text", f.nul),
                             "NUL byte",
                             {},
                             {"pipec reads JSON and YAML documents; check that this is the file you meant"}});
    }
    return file;
  }

  // Parses an admitted file and lowers it to the model.
  void read(LoadedFile& f, Parsed parsed) {
    f.issues.insert(f.issues.end(), std::make_move_iterator(parsed.issues.begin()), std::make_move_iterator(parsed.issues.end()));
    f.secrets = std::move(parsed.secrets);
    f.document = ws_.keep(std::move(parsed.document));
    if (is_named(f) && withhold_if_unexpected(f)) return;
    lower(f, std::move(parsed.prepared));
  }

  bool is_named(const LoadedFile& f) const {
    const std::string& path = ws_.sources.file(f.file).path();
    return std::find(options_.named_paths.begin(), options_.named_paths.end(), path) != options_.named_paths.end();
  }

  // A file another file named that is not JSON at all (a suite naming
  // /etc/passwd, /proc/self/environ, a .env file or a private key by
  // mistake): one issue that quotes nothing of it, and its content withheld
  // from every output. A JSON document with a mistake in it (a trailing
  // comma) is what was expected, and is reported as usual.
  bool withhold_if_unexpected(LoadedFile& f) {
    const std::string_view text = ws_.sources.file(f.file).text();
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool json_like = first == std::string_view::npos || text[first] == '{' || text[first] == '[' ||
                           text.substr(first).starts_with("\xEF\xBB\xBF") ||
                           syntax::is_yaml_file(source::file_name(ws_.sources.file(f.file).path()), text);
    const auto unexpected = std::find_if(f.issues.begin(), f.issues.end(), [&](const syntax::Issue& i) {
      return i.kind == syntax::IssueKind::encoding || (i.kind == syntax::IssueKind::syntax && !json_like);
    });
    if (unexpected == f.issues.end()) return false;
    const source::Span at{f.file, unexpected->span.begin, unexpected->span.begin};
    f.issues = {{syntax::IssueKind::syntax, at,
                 fmt::format("{} is not a JSON or YAML document; its content is not shown",
                             util::quote(ws_.sources.file(f.file).path())),
                 "",
                 {},
                 {"another file names it (a suite's event or rule, a .pipe file's pattern): check that path"}}};
    f.secrets.clear();
    f.withheld = true;
    f.document = ws_.keep(syntax::Document(f.file));
    return true;
  }

 public:
  std::optional<NamedFile> load_named(const std::string& path, Kind kind, const std::string& named_by,
                                      std::string& error) override {
    if (!options_.read_outside_repository) {
      if (auto refused = Boundary(fs_, named_by).refuses(path)) {
        error = std::move(*refused);
        return std::nullopt;
      }
    }
    for (const auto& f : ws_.files) {
      if (!f.load_error && f.document != nullptr && ws_.sources.file(f.file).path() == path) return NamedFile{f.file, f.document};
    }
    if (front_end_for_kind(kind) != nullptr || front_end_for(path) != nullptr) {
      error = "pipec reads only JSON and YAML documents named by other files";
      return std::nullopt;
    }
    Fetched fetched = fetch(Candidate{path, true, std::nullopt}, kind);
    if (fetched.error) {
      error = std::move(*fetched.error);
      return std::nullopt;
    }
    LoadedFile file = admit(Candidate{path, true, std::nullopt}, fetched);
    if (fetched.nul == std::string::npos) {
      Parsed parsed = parse(file.file, file.kind);
      file.issues.insert(file.issues.end(), std::make_move_iterator(parsed.issues.begin()), std::make_move_iterator(parsed.issues.end()));
      file.secrets = std::move(parsed.secrets);
      file.document = ws_.keep(std::move(parsed.document));
      if (!withhold_if_unexpected(file)) lower(file, std::move(parsed.prepared));
    } else {
      file.document = ws_.keep(syntax::Document(file.file));
      withhold_if_unexpected(file);
    }
    const NamedFile named{file.file, file.document};
    ws_.files.push_back(std::move(file));
    return named;
  }

 private:
  // PutTargets input names its rule; the PutRule input of that name read in
  // the same run (the nearest in the folder tree, if several) is its rule.
  void link_targets_to_rules() {
    for (auto& set : ws_.target_sets) {
      if (!set.event_rule && set.rule) set.event_rule = ws_.event_rule_named(set.rule->value, set.rule->span.file);
    }
  }

  // -- lowering by kind -------------------------------------------------------

  void lower(LoadedFile& f, std::optional<PreparedTemplate> prepared = std::nullopt) {
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
        if (object) lower_event_rule(ws_, f, doc, root, Dialect::api);
        break;
      case Kind::put_targets:
        if (object) lower_target_set(ws_, doc, root, Dialect::api, std::nullopt);
        break;
      case Kind::input_transformer:
        if (object) lower_transformer(ws_, doc, root, doc.get(root, "InputPathsMap"), Dialect::api);
        break;
      case Kind::input_paths:
        if (object) lower_transformer(ws_, doc, root, root, Dialect::api);
        break;
      case Kind::cloudformation:
        if (prepared) lower_cloudformation(ws_, f, std::move(*prepared));
        break;
      case Kind::iam_policy:
        lower_policy_file(ws_, doc);
        break;
      case Kind::buildspec:
        ws_.buildspecs.push_back({&doc, root});
        break;
      case Kind::azure_pipeline:
        lower_azure_tasks(ws_, doc);
        break;
      default: break;
    }
  }

  const source::FileSystem& fs_;
  const LoadOptions& options_;
  Workspace ws_;
  std::vector<Candidate> candidates_;
  std::set<std::string> seen_;
  std::uint64_t expected_heap_ = 0;  ///< the heap the candidates will take, by their sizes as listed
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
