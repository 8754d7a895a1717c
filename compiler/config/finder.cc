#include "config/finder.h"

#include <fmt/format.h>

#include <filesystem>

#include "check/runner.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/glob.h"

namespace pipec::config {

namespace {

bool any_matches(const std::vector<Glob>& globs, std::string_view relative) {
  for (const auto& g : globs) {
    if (util::glob_matches(g.text, relative)) return true;
  }
  return false;
}

void apply(const std::vector<RuleSetting>& settings, const diag::RuleMetadata& rule, RuleDecision& decision) {
  for (const auto& s : settings) {
    if (!check::matches_selector(rule, s.selector)) continue;
    decision.enabled = s.enabled;
    if (s.severity) decision.severity = s.severity;
    if (!s.enabled) decision.severity.reset();
    decision.origin = s.span;
  }
}

}  // namespace

Finder::Finder(const source::FileSystem& fs, std::optional<std::string> forced) : fs_(fs), cwd_(fs.real_path(".")) {
  if (!forced) return;
  const auto entry = fs_.stat(*forced);
  if (entry.type != source::EntryType::file) {
    error_ = fmt::format("--config {}: {}", *forced, entry.problem.empty() ? "not a file" : entry.problem);
    return;
  }
  forced_ = read(*forced);
  if (forced_ == nullptr && !error_) error_ = fmt::format("--config {}: cannot be read", *forced);
}

const ConfigFile* Finder::read(const std::string& path) {
  source::ReadResult text = fs_.read(path);
  // A configuration found on the way up that cannot be read governs
  // nothing; a walk over its folder reports it as an unreadable file.
  if (!text.ok) return nullptr;
  auto file = std::make_unique<ConfigFile>();
  file->real = fs_.real_path(path);
  file->folder = source::parent_folder(file->real);
  file->path = shown_path(file->real);
  const source::FileId id = sources_.add(file->path, std::move(text.text));
  const auto yaml = syntax::read_yaml(sources_, id);
  file->config = interpret(yaml.document, yaml.document.root());
  files_.push_back(std::move(file));
  return files_.back().get();
}

std::string Finder::shown_path(const std::string& real) const {
  if (cwd_ == "/") return real;
  return source::path_below(cwd_, real).value_or(real);
}

const ConfigFile* Finder::governing(const std::string& real, bool is_folder) {
  if (forced_ != nullptr || error_) return forced_;
  std::string folder = is_folder ? real : source::parent_folder(real);
  std::vector<std::string> visited;
  const ConfigFile* found = nullptr;
  while (true) {
    if (const auto known = by_folder_.find(folder); known != by_folder_.end()) {
      found = known->second;
      break;
    }
    visited.push_back(folder);
    const std::string candidate = source::join_path(folder, std::string(kFileName));
    if (fs_.stat(candidate).type == source::EntryType::file) {
      found = read(candidate);
      break;
    }
    if (fs_.stat(source::join_path(folder, ".git")).type != source::EntryType::missing || folder == "/") break;
    folder = source::parent_folder(folder);
  }
  for (const auto& v : visited) by_folder_[v] = found;
  return found;
}

std::string Finder::relative(const ConfigFile& config, const std::string& path, const std::string& real) const {
  if (auto below = source::path_below(config.folder, real)) return std::move(*below);
  // A file outside the configuration's folder (--config elsewhere): its
  // path as given, which globs written for the working folder match.
  return std::filesystem::path(path).lexically_normal().generic_string();
}

const Placement& Finder::place(const std::string& path, PathIs is) {
  if (const auto known = by_path_.find(path); known != by_path_.end()) return known->second;
  // One real path for both questions; and whether the path is a folder is
  // asked only where it matters (no --config) and is not known already.
  const std::string real = fs_.real_path(path);
  const bool by_folder = forced_ == nullptr && !error_;
  const bool is_folder = by_folder && is == PathIs::unknown && fs_.stat(path).type == source::EntryType::directory;
  Placement p;
  p.config = governing(real, is_folder);
  if (p.config != nullptr) p.relative = relative(*p.config, path, real);
  p.real = real;
  return by_path_.emplace(path, std::move(p)).first->second;
}

ConfigFile* Finder::file_at(const std::string& path) {
  const std::string real = fs_.real_path(path);
  for (auto& f : files_) {
    if (f->real == real) return f.get();
  }
  return nullptr;
}

void Finder::rebase(ConfigFile& config, const syntax::Document& document) {
  config.config = interpret(document, document.root());
}

RuleDecision decide_rule(const Configuration& config, std::string_view relative, const diag::RuleMetadata& rule) {
  RuleDecision decision;
  apply(config.rules, rule, decision);
  for (const auto& o : config.overrides) {
    if (any_matches(o.paths, relative)) apply(o.rules, rule, decision);
  }
  return decision;
}

bool excludes(const Configuration& config, std::string_view relative) {
  if (!config.include.empty() && !any_matches(config.include, relative)) return true;
  return any_matches(config.exclude, relative);
}

const KindGlob* kind_for(const Configuration& config, std::string_view relative) {
  const KindGlob* found = nullptr;
  for (const auto& k : config.kinds) {
    if (util::glob_matches(k.glob.text, relative)) found = &k;  // the last that matches, as with rules
  }
  return found;
}

}  // namespace pipec::config
