#pragma once
// pipec's commands and options as plain data, read out of the CLI11 App in
// main.cc (`pipec generate`), so that the man page and the shell completions
// are made from the same definitions as the parser and cannot drift from it.
// No CLI11 here: main.cc is the only file that includes it.

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace pipec::cli {

/// What an option's value is, for completion.
enum class ValueKind {
  none,       ///< a flag: no value
  word,       ///< free text (a rule id, a size, name=value): nothing to complete
  choice,     ///< one of OptionDescription::choices
  file,       ///< a file (or a folder, where either will do)
  directory,  ///< a folder
};

struct OptionDescription {
  std::vector<std::string> names;  ///< "-q", "--quiet"; a positional's one name, such as "paths"
  std::string value_name;          ///< "FORMAT"; empty for a flag
  std::string description;
  ValueKind value = ValueKind::none;
  std::vector<std::string> choices;  ///< the allowed values, in order, when value is choice
  std::string default_value;         ///< empty when there is none
  bool positional = false;
  bool required = false;
  bool repeatable = false;  ///< an option given more than once, or a positional taking several values
};

struct CommandDescription {
  std::string name;
  std::string description;
  std::string footer;                           ///< the paragraphs --help prints after the options
  std::vector<OptionDescription> options;       ///< named options, in the order --help lists them
  std::vector<OptionDescription> positionals;   ///< in the order they are given
};

struct CliDescription {
  std::string name;  ///< "pipec"
  std::string version;
  std::string description;
  std::vector<OptionDescription> options;  ///< the program's own: --help, --version
  std::vector<CommandDescription> commands;
};

/// The man page, pipec(1), in roff (man macros). Deterministic: no date.
[[nodiscard]] std::string render_man_page(const CliDescription& cli);

/// Completion scripts: bash (bash-completion's completions/ folder), zsh (an
/// autoloaded _pipec in $fpath) and fish (vendor_completions.d).
[[nodiscard]] std::string render_bash_completion(const CliDescription& cli);
[[nodiscard]] std::string render_zsh_completion(const CliDescription& cli);
[[nodiscard]] std::string render_fish_completion(const CliDescription& cli);

/// `pipec generate man|bash|zsh|fish [-o file]`: one of the above, to
/// output.out or written to the file. 0, or 2 for an unknown kind or a file
/// that cannot be written.
[[nodiscard]] int run_generate(const CliDescription& cli, const std::string& what,
                               const std::optional<std::string>& output_file, Output& output);

/// What run_generate makes, in the order of its usage message.
[[nodiscard]] const std::vector<std::string>& generated_kinds();

}  // namespace pipec::cli
