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
  std::string real;    ///< its real path
  std::string folder;  ///< real path of its folder; its globs are relative to it
  Configuration config;
};

/// Where a file stands: the configuration that governs it, and its path
/// relative to that configuration's folder (what its globs match).
struct Placement {
  const ConfigFile* config = nullptr;
  std::string relative;
  std::string real;  ///< the path's real path
};

/// What a caller knows of a path it asks about, so the finder need not ask
/// the file system again (a walk has stat'ed every file it found).
enum class PathIs { unknown, file };

class Finder {
 public:
  /// `forced`: --config, which governs every file.
  Finder(const source::FileSystem& fs, std::optional<std::string> forced);

  /// The configuration that governs `path` (if any) and the path relative
  /// to it, worked out once per path: the loader, the rules' settings, the
  /// suppressions and `pipec config` all ask.
  [[nodiscard]] const Placement& place(const std::string& path, PathIs is = PathIs::unknown);
  /// The configuration read from the file at `path`, if `path` is one.
  [[nodiscard]] ConfigFile* file_at(const std::string& path);
  /// Every configuration read so far, in the order first met.
  [[nodiscard]] const std::vector<std::unique_ptr<ConfigFile>>& files() const { return files_; }
  /// The texts the configurations were read from, where their spans point
  /// until rebase().
  [[nodiscard]] const source::SourceSet& sources() const { return sources_; }
  /// Why --config could not be read, if it could not.
  [[nodiscard]] const std::optional<std::string>& error() const { return error_; }

  /// Interprets `config` again from `document`, the run's own reading of its
  /// file, so its spans point into the run's sources (where findings about
  /// it are shown).
  static void rebase(ConfigFile& config, const syntax::Document& document);

 private:
  const ConfigFile* read(const std::string& path);
  /// The configuration that governs the path whose real path is `real`, a
  /// folder or not.
  const ConfigFile* governing(const std::string& real, bool is_folder);
  /// The path `path` (whose real path is `real`) relative to the folder of
  /// `config`, '/'-separated (what its globs match).
  [[nodiscard]] std::string relative(const ConfigFile& config, const std::string& path, const std::string& real) const;
  [[nodiscard]] std::string shown_path(const std::string& real) const;

  const source::FileSystem& fs_;
  std::string cwd_;
  std::optional<std::string> error_;
  const ConfigFile* forced_ = nullptr;
  std::map<std::string, const ConfigFile*, std::less<>> by_folder_;  ///< real folder -> governing config
  std::map<std::string, Placement, std::less<>> by_path_;              ///< path as given -> where it stands
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
