#pragma once
// Which .pipec.yaml governs a file: the one named with --config, else the
// nearest in the file's folder or above it, stopping at the repository's top
// (a folder holding .git). And what that configuration decides for the file:
// whether it is read, as what kind, and each rule's part in it.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/configuration.h"
#include "diag/diagnostic.h"
#include "source/file_system.h"
#include "source/source_file.h"

namespace pipec::config {

struct ConfigFile {
  std::string path;    ///< as pipec shows it: relative to the working folder when under it
  std::string folder;  ///< real path of its folder; its globs are relative to it
  Configuration config;
};

class Finder {
 public:
  /// `forced`: --config, which governs every file.
  Finder(const source::FileSystem& fs, std::optional<std::string> forced);

  /// The configuration that governs `path`, if any.
  [[nodiscard]] const ConfigFile* governing(const std::string& path);
  /// `path` relative to the folder of `config`, '/'-separated (what its globs match).
  [[nodiscard]] std::string relative(const ConfigFile& config, const std::string& path) const;
  /// Every configuration read so far, in the order first met.
  [[nodiscard]] const std::vector<std::unique_ptr<ConfigFile>>& files() const { return files_; }
  /// The texts the configurations were read from, where their spans point
  /// until rebase().
  [[nodiscard]] const source::SourceSet& sources() const { return sources_; }
  /// Why --config could not be read, if it could not.
  [[nodiscard]] const std::optional<std::string>& error() const { return error_; }

  /// Reads the configuration again from `sources`' copy of its text, so its
  /// spans point into the run's sources (where findings about it are shown).
  void rebase(ConfigFile& config, const source::SourceSet& sources, source::FileId file) const;

 private:
  const ConfigFile* read(const std::string& path);
  [[nodiscard]] std::string shown_path(const std::string& real) const;

  const source::FileSystem& fs_;
  std::string cwd_;
  std::optional<std::string> error_;
  const ConfigFile* forced_ = nullptr;
  std::map<std::string, const ConfigFile*, std::less<>> by_folder_;  ///< real folder -> governing config
  std::vector<std::unique_ptr<ConfigFile>> files_;
  source::SourceSet sources_;  ///< the texts as first read, before the run's own sources exist
};

/// What a configuration decides about one rule in one file.
struct RuleDecision {
  bool enabled = true;
  std::optional<diag::Severity> severity;  ///< nothing: the rule's own
  source::Span origin;                     ///< the setting that decided, if one did
};

/// `relative`: the file's path relative to the configuration's folder.
[[nodiscard]] RuleDecision decide_rule(const Configuration& config, std::string_view relative,
                                       const diag::RuleMetadata& rule);
/// Whether include and exclude leave the file out.
[[nodiscard]] bool excludes(const Configuration& config, std::string_view relative);
/// The kind `kinds` gives the file, and the glob that gave it.
[[nodiscard]] const KindGlob* kind_for(const Configuration& config, std::string_view relative);

}  // namespace pipec::config
