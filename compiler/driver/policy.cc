#include "driver/policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "config/inline_suppressions.h"
#include "rules/registry.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/fnv1a.h"
#include "util/glob.h"
#include "util/text.h"

namespace pipec::driver {

namespace {

// The file a span is in, as read (an embedded document's outer file).
source::FileId root_file(const source::SourceSet& sources, source::Span span) { return sources.to_root(span).file; }

// The document read from a root file, if it is one read from text.
const syntax::Document* text_document(const model::Workspace& ws, source::FileId file) {
  const model::LoadedFile* loaded = ws.file_of(file);
  if (loaded == nullptr || loaded->document == nullptr || loaded->document->synthetic() ||
      loaded->document->file() != file) {
    return nullptr;
  }
  return loaded->document;
}

bool pointer_within(std::string_view pointer, std::string_view prefix) {
  if (prefix.empty()) return true;
  return pointer == prefix || (pointer.starts_with(prefix) && pointer[prefix.size()] == '/');
}

// One run's view of its files: what governs each, and the comments in it.
class Policy {
 public:
  Policy(const model::Workspace& ws, config::Finder& finder, diag::Report& report)
      : ws_(ws), finder_(finder), report_(report) {}

  void apply() {
    rebase_configurations();
    std::vector<diag::Diagnostic> kept;
    kept.reserve(report_.diagnostics.size());
    for (auto& d : report_.diagnostics) {
      if (keep(d)) kept.push_back(std::move(d));
    }
    report_.diagnostics = std::move(kept);
    // Files with no finding may hold suppressions too, all unused.
    for (const auto& loaded : ws_.files) {
      if (!loaded.load_error && !loaded.withheld) (void)view(loaded.file);
    }
    report_unused();
    diag::finalize(report_);
  }

 private:
  struct FileView {
    const config::ConfigFile* config = nullptr;
    std::string relative;
    std::vector<config::InlineSuppression> comments;
    bool scanned = false;
  };

  // The configurations' spans, moved into the run's sources, where their
  // findings are shown: each was loaded with the inputs (driver/lint.cc).
  void rebase_configurations() {
    for (const auto& loaded : ws_.files) {
      if (loaded.load_error || loaded.kind != model::Kind::pipec_config || loaded.document == nullptr) continue;
      config::ConfigFile* file = finder_.file_at(ws_.sources.file(loaded.file).path());
      if (file == nullptr || config_files_.contains(file)) continue;
      config::Finder::rebase(*file, *loaded.document);
      config_files_[file] = loaded.file;
    }
  }

  FileView& view(source::FileId file) {
    FileView& v = views_[file];
    if (!v.scanned) {
      v.scanned = true;
      const auto& source = ws_.sources.file(file);
      const config::Placement& placed = finder_.place(source.path());
      v.config = placed.config;
      v.relative = placed.relative;
      if (holds_comments(source.path(), source.text()) && source.text().find("pipec:") != std::string_view::npos) {
        v.comments = config::scan_inline_suppressions(ws_.sources, file);
      }
    }
    return v;
  }

  const diag::RuleMetadata* ran(std::string_view id_or_name) const {
    for (const auto& r : report_.rules) {
      if (r.id == id_or_name || r.name == id_or_name) return &r;
    }
    return nullptr;
  }

  // Whether `rule` runs on the file (selected, and not off in its configuration).
  bool runs_on(const diag::RuleMetadata& rule, FileView& v) const {
    if (ran(rule.id) == nullptr) return false;
    return v.config == nullptr || config::decide_rule(v.config->config, v.relative, rule).enabled;
  }

  static bool names(std::string_view selector, std::string_view id, std::string_view name) {
    return selector == id || selector == name;
  }

  bool keep(diag::Diagnostic& d) {
    const source::FileId file = root_file(ws_.sources, d.span);
    FileView& v = view(file);
    if (v.config != nullptr) {
      if (const auto* meta = ran(d.rule_id)) {
        const auto decision = config::decide_rule(v.config->config, v.relative, *meta);
        if (!decision.enabled) return false;
        if (decision.severity) d.severity = *decision.severity;
      }
    }
    if (suppressed_inline(d, v, file)) return false;
    return !suppressed_by_configuration(d, v);
  }

  // The lines a comment may cover for a finding: its own, and where the
  // value it is in begins when that is a string of several lines (a YAML
  // block scalar, where a comment cannot go).
  std::vector<std::uint32_t> lines_of(const diag::Diagnostic& d, source::FileId file) const {
    const source::Span at = ws_.sources.to_root(d.span);
    std::vector<std::uint32_t> lines{ws_.sources.line_col(file, at.begin).line};
    if (const auto* doc = text_document(ws_, file)) {
      const syntax::NodeId node = doc->node_at(at.begin);
      if (node != syntax::kNoNode && doc->is(node, syntax::NodeKind::string)) {
        lines.push_back(ws_.sources.line_col(file, doc->node(node).span.begin).line);
        lines.push_back(ws_.sources.line_col(file, doc->name_span(node).begin).line);
      }
    }
    return lines;
  }

  bool suppressed_inline(const diag::Diagnostic& d, FileView& v, source::FileId file) {
    if (v.comments.empty()) return false;
    const auto lines = lines_of(d, file);
    bool suppressed = false;
    for (auto& comment : v.comments) {
      if (!comment.problem.empty()) continue;
      if (!comment.file_level && std::find(lines.begin(), lines.end(), comment.line) == lines.end()) continue;
      for (auto& rule : comment.rules) {
        if (!names(rule.selector, d.rule_id, d.rule_name)) continue;
        rule.used = true;
        if (d.rule_id == kCommittedSecretRule) {
          secret_attempts_.push_back(rule.span);
          continue;
        }
        suppressed = true;
      }
    }
    return suppressed;
  }

  bool suppressed_by_configuration(const diag::Diagnostic& d, FileView& v) {
    if (v.config == nullptr || v.config->config.suppressions.empty()) return false;
    std::optional<std::string> pointer;
    bool suppressed = false;
    for (const auto& s : v.config->config.suppressions) {
      if (!names(s.rule, d.rule_id, d.rule_name) || !util::glob_matches(s.path.text, v.relative)) continue;
      if (!pointer) pointer = stable_location(ws_, d.span);
      if (!pointer_within(*pointer, s.pointer)) continue;
      used_entries_.insert(&s);
      suppressed = true;
    }
    return suppressed;
  }

  bool reports(std::string_view id, source::FileId file) {
    const auto* meta = ran(id);
    return meta != nullptr && runs_on(*meta, view(file));
  }

  void add(std::string_view id, source::Span span, std::string message, std::vector<std::string> help = {}) {
    const check::Rule* rule = rules::find_rule(id);
    if (rule == nullptr) return;
    diag::Severity severity = rule->meta.default_severity;
    FileView& v = view(root_file(ws_.sources, span));
    if (v.config != nullptr) {
      const auto decision = config::decide_rule(v.config->config, v.relative, rule->meta);
      if (decision.severity) severity = *decision.severity;
    }
    report_.diagnostics.push_back(diag::Diagnostic{rule->meta.id, rule->meta.name, severity, span, std::move(message), {},
                                                   {}, {}, std::move(help), {}, {}});
  }

  void report_unused() {
    for (const source::Span at : secret_attempts_) {
      if (!reports("CP0011", at.file)) continue;
      add("CP0011", at, "a committed secret cannot be suppressed in the file that holds it",
          {"remove the key from the file and deactivate it in IAM: it is in the repository's history",
           "if it is an example that was never a key, suppress it in .pipec.yaml's suppressions, where a reviewer sees it"});
    }
    for (auto& [file, v] : views_) {
      for (const auto& comment : v.comments) {
        if (!comment.problem.empty()) {
          if (reports("CP0011", file)) add("CP0011", comment.span, comment.problem);
          continue;
        }
        for (const auto& rule : comment.rules) {
          const check::Rule* known = rules::find_rule(rule.selector);
          if (known == nullptr) {
            if (!reports("CP0011", file)) continue;
            std::vector<std::string> help;
            if (const auto near = rules::closest_rule_word(rule.selector)) help.push_back(fmt::format("did you mean {}?", util::quote(*near)));
            add("CP0011", rule.span, fmt::format("suppression names {}, which is no rule", util::quote(rule.selector)), std::move(help));
            continue;
          }
          if (rule.used || !runs_on(known->meta, v) || !reports("CP0010", file)) continue;
          add("CP0010", rule.span,
              comment.file_level
                  ? fmt::format("unused suppression: {} finds nothing in this file", known->meta.id)
                  : fmt::format("unused suppression: {} finds nothing on line {}", known->meta.id, comment.line),
              {"remove it, or the rule id from it"});
        }
      }
    }
    for (const auto& [config, file] : config_files_) {
      for (const auto& s : config->config.suppressions) {
        if (used_entries_.contains(&s)) continue;
        const check::Rule* known = rules::find_rule(s.rule);
        if (known == nullptr || ran(known->meta.id) == nullptr || !reports("CP0010", file)) continue;
        // Only a suppression of a file this run read can be judged unused.
        bool read = false;
        for (const auto& loaded : ws_.files) {
          const std::string& path = ws_.sources.file(loaded.file).path();
          const config::Placement& placed = finder_.place(path);
          if (placed.config == config && util::glob_matches(s.path.text, placed.relative)) read = true;
        }
        if (!read) continue;
        add("CP0010", s.span,
            fmt::format("unused suppression: {} finds nothing in {}{}", known->meta.id, util::quote(s.path.text),
                        s.pointer.empty() ? "" : " at " + s.pointer),
            {"remove the entry"});
      }
    }
  }

  const model::Workspace& ws_;
  config::Finder& finder_;
  diag::Report& report_;
  std::map<source::FileId, FileView> views_;
  std::map<const config::ConfigFile*, source::FileId> config_files_;
  std::set<const config::Suppression*> used_entries_;
  std::vector<source::Span> secret_attempts_;
};

}  // namespace

bool holds_comments(std::string_view path, std::string_view text) {
  return path.ends_with(".pipe") || syntax::is_yaml_file(source::file_name(path), text);
}

std::uint32_t suppression_line(const model::Workspace& ws, source::Span span) {
  const source::Span at = ws.sources.to_root(span);
  const std::uint32_t line = ws.sources.line_col(at.file, at.begin).line;
  if (const auto* doc = text_document(ws, at.file)) {
    const syntax::NodeId node = doc->node_at(at.begin);
    if (node != syntax::kNoNode && doc->is(node, syntax::NodeKind::string)) {
      const std::uint32_t key = ws.sources.line_col(at.file, doc->name_span(node).begin).line;
      if (key < line) return key;
    }
  }
  return line;
}

std::string stable_location(const model::Workspace& ws, source::Span span) {
  const source::Span at = ws.sources.to_root(span);
  if (const auto* doc = text_document(ws, at.file)) {
    const syntax::NodeId node = doc->node_at(at.begin);
    if (node != syntax::kNoNode) return doc->pointer(node);
  }
  const auto& file = ws.sources.file(at.file);
  std::string_view line = file.line_text(file.line_col(at.begin).line);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return fmt::format("line:{:016x}", util::Fnv1a().add(line).value());
}

void apply_policy(const model::Workspace& workspace, config::Finder& finder, diag::Report& report) {
  Policy(workspace, finder, report).apply();
}

}  // namespace pipec::driver
