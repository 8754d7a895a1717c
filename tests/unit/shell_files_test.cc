// The man page and the shell completions (`pipec generate`): each names every
// command and every option that --help shows, with their allowed values, so
// an option added to main.cc without reaching them fails here; and the
// renderers escape what roff, zsh and fish would otherwise read as syntax.

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_description.h"
#include "support/golden.h"

using namespace pipec::cli;

namespace {

std::string run_pipec(const std::string& arguments) {
  const auto run = pipec::test::run_command(std::string(PIPEC_BINARY) + " " + arguments);
  INFO("pipec " << arguments << "\n" << run.err);
  REQUIRE(run.status == 0);
  return run.out;
}

// The entries of one section of CLI11's --help ("Subcommands:", "Options:",
// "Positionals:"): the first word of each line indented by exactly two spaces.
std::vector<std::string> help_entries(const std::string& help, const std::string& section) {
  std::vector<std::string> entries;
  std::istringstream lines(help);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != ' ') {
      inside = line == section;
      continue;
    }
    if (!inside || line.size() < 3 || line[1] != ' ' || line[2] == ' ') continue;
    entries.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return entries;
}

// "-q,--quiet" → "-q", "--quiet".
std::vector<std::string> option_names(const std::string& help) {
  std::vector<std::string> names;
  for (const auto& entry : help_entries(help, "Options:")) {
    std::istringstream parts(entry);
    for (std::string name; std::getline(parts, name, ',');) names.push_back(name);
  }
  return names;
}

// The allowed values --help shows for an option: "--format TEXT:{text,json}".
std::vector<std::string> help_choices(const std::string& help, const std::string& option) {
  const std::regex choices_re("\\n  " + option + " [A-Z]+:\\{([^}]*)\\}");
  std::smatch m;
  if (!std::regex_search(help, m, choices_re)) return {};
  std::vector<std::string> choices;
  std::istringstream parts(m[1].str());
  for (std::string choice; std::getline(parts, choice, ',');) choices.push_back(choice);
  return choices;
}

// The part of `text` from `start` to the next `end` after it.
std::string between(const std::string& text, const std::string& start, const std::string& end) {
  const auto from = text.find(start);
  if (from == std::string::npos) return "";
  const auto to = text.find(end, from + start.size());
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// `word` in `text`, not as part of a longer name.
bool has_word(const std::string& text, const std::string& word) {
  const std::regex word_re("(^|[^A-Za-z0-9_-])" + std::regex_replace(word, std::regex("[-.]"), "\\$&") + "($|[^A-Za-z0-9_-])");
  return std::regex_search(text, word_re);
}

std::string roff_dashes(const std::string& text) { return std::regex_replace(text, std::regex("-"), "\\-"); }

}  // namespace

TEST_CASE("the man page and completions name every command and every option of lint with its values") {
  const std::string help = run_pipec("--help");
  const auto commands = help_entries(help, "Subcommands:");
  REQUIRE(commands.size() >= 8);
  CHECK(std::find(commands.begin(), commands.end(), "generate") == commands.end());  // hidden

  const std::string lint_help = run_pipec("lint --help");
  const auto lint_options = option_names(lint_help);
  const auto lint_positionals = help_entries(lint_help, "Positionals:");
  REQUIRE(std::find(lint_options.begin(), lint_options.end(), "--format") != lint_options.end());
  const auto formats = help_choices(lint_help, "--format");
  REQUIRE(formats.size() >= 3);

  const std::string man = run_pipec("generate man");
  const std::string bash = run_pipec("generate bash");
  const std::string zsh = run_pipec("generate zsh");
  const std::string fish = run_pipec("generate fish");

  for (const auto& section : {".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH COMMANDS\n",
                              ".SH \"EXIT STATUS\"\n", ".SH \"SEE ALSO\"\n"})
    CHECK(man.find(section) != std::string::npos);

  for (const auto& command : commands) {
    INFO("command " << command);
    CHECK(man.find(".SS \"pipec " + roff_dashes(command) + "\"\n") != std::string::npos);
    CHECK(bash.find("\n    " + command + ")\n") != std::string::npos);
    CHECK(zsh.find("\n        '" + command + ":") != std::string::npos);
    CHECK(fish.find("-n __fish_use_subcommand -a " + command + " -d ") != std::string::npos);
  }
  // The hidden command stays hidden.
  CHECK(man.find(".SS \"pipec generate\"") == std::string::npos);
  CHECK(bash.find("\n    generate)\n") == std::string::npos);
  CHECK(zsh.find("'generate:") == std::string::npos);
  CHECK(fish.find("-a generate ") == std::string::npos);

  const std::string man_lint = between(man, ".SS \"pipec lint\"", ".SS ");
  const std::string bash_lint = between(bash, "\n    lint)\n", "\n      ;;\n");
  const std::string zsh_lint = between(zsh, "\n_pipec_lint() {", "\n}\n");
  std::string fish_lint;
  std::istringstream fish_lines(fish);
  for (std::string line; std::getline(fish_lines, line);)
    if (line.find("'__pipec_using_command lint'") != std::string::npos) fish_lint += line + "\n";
  for (const auto& option : lint_options) {
    INFO("lint option " << option);
    CHECK(man_lint.find("\\fB" + roff_dashes(option) + "\\fR") != std::string::npos);
    CHECK(has_word(bash_lint, option));
    CHECK(has_word(zsh_lint, option));
    CHECK(fish_lint.find(option.size() == 2 ? " -s " + option.substr(1) + " " : " -l " + option.substr(2) + " ") !=
          std::string::npos);
  }
  for (const auto& positional : lint_positionals) {
    INFO("lint positional " << positional);
    CHECK(man_lint.find("\\fI" + positional + "\\fR") != std::string::npos);
    CHECK(zsh_lint.find("'*:" + positional + ":_files'") != std::string::npos);
  }
  CHECK(bash_lint.find("compgen -f") != std::string::npos);  // paths complete as files
  CHECK(fish_lint.find(" -F\n") != std::string::npos);

  for (const auto& format : formats) {
    INFO("--format " << format);
    CHECK(has_word(man_lint, format));
    CHECK(has_word(between(bash_lint, "--format)", "\n"), format));
    CHECK(has_word(between(zsh_lint, "--format=", "\n"), format));
    CHECK(has_word(between(fish_lint, "-l format", "\n"), format));
  }
}

TEST_CASE("pipec generate writes the same text every time and refuses an unknown kind") {
  CHECK(run_pipec("generate man") == run_pipec("generate man"));
  const auto run = pipec::test::run_command(std::string(PIPEC_BINARY) + " generate html");
  CHECK(run.status == 2);
}

namespace {

CliDescription sample() {
  CliDescription cli;
  cli.name = "tool";
  cli.version = "1.2.3";
  cli.description = "tool: a checker of things";
  cli.options.push_back({{"-h", "--help"}, "", "Print this help message and exit", ValueKind::none, {}, "", false, false, false});
  CommandDescription command;
  command.name = "do-it";
  command.description = "does it [really] with 'quotes' and a \\ backslash";
  command.footer = ".starts with a dot\nKinds:\n  a: one\n  b: two…\n\nExit status: 0 fine.";
  command.options.push_back(
      {{"--mode"}, "MODE", "the mode: it's [fast]", ValueKind::choice, {"fast", "slow"}, "fast", false, false, false});
  command.options.push_back({{"-o", "--output"}, "OUTPUT", "where", ValueKind::directory, {}, "", false, true, false});
  command.options.push_back({{"--tag"}, "TAG", "a tag", ValueKind::word, {}, "", false, false, true});
  command.positionals.push_back({{"files"}, "FILES", "the files", ValueKind::file, {}, "", true, false, true});
  cli.commands.push_back(command);
  return cli;
}

}  // namespace

TEST_CASE("the man page escapes dashes and backslashes and leading dots and non-ASCII for roff") {
  const std::string man = render_man_page(sample());
  CHECK(man.find(".TH TOOL 1 \"\" \"tool 1.2.3\"") != std::string::npos);
  CHECK(man.find("tool \\- a checker of things\n") != std::string::npos);
  CHECK(man.find("tool is a checker of things.\n") != std::string::npos);
  CHECK(man.find("\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIOUTPUT\\fR\n") != std::string::npos);
  CHECK(man.find("One of: fast, slow. Default: fast.") != std::string::npos);
  CHECK(man.find("Required.") != std::string::npos);
  CHECK(man.find("May be repeated.") != std::string::npos);
  CHECK(man.find("\\e backslash") != std::string::npos);
  CHECK(man.find("\n\\&.starts with a dot\n") != std::string::npos);
  CHECK(man.find("two\\[u2026]") != std::string::npos);
  CHECK(man.find(".RS 2\na: one\n.br\nb: two") != std::string::npos);
  CHECK(man.find("\\fBtool do\\-it\\fR \\fB\\-o\\fR \\fIOUTPUT\\fR [\\fIoptions\\fR] [\\fIfiles\\fR\\&...]") !=
        std::string::npos);
  CHECK(man.find("…") == std::string::npos);  // ASCII only
}

TEST_CASE("the completions quote descriptions and complete values by kind") {
  const auto cli = sample();
  const std::string zsh = render_zsh_completion(cli);
  CHECK(zsh.find("'(--mode)'--mode='[the mode: it'\\''s \\[fast\\]]:mode:(fast slow)'") != std::string::npos);
  CHECK(zsh.find("'(-o --output)'{-o+,--output=}'[where]:output:_files -/'") != std::string::npos);
  CHECK(zsh.find("'*'--tag='[a tag]:tag: '") != std::string::npos);
  CHECK(zsh.find("'*:files:_files'") != std::string::npos);
  CHECK(zsh.find("'(- *)'{-h,--help}'[Print this help message and exit]'") != std::string::npos);
  CHECK(zsh.find("do-it) _tool_do_it ;;") != std::string::npos);

  const std::string bash = render_bash_completion(cli);
  CHECK(bash.find("--mode) mapfile -t COMPREPLY < <(compgen -W 'fast slow' -- \"$cur\"); return ;;") != std::string::npos);
  CHECK(bash.find("-o|--output) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")") !=
        std::string::npos);
  CHECK(bash.find("--tag) :; return ;;") != std::string::npos);
  CHECK(bash.find("complete -F _tool tool\n") != std::string::npos);

  const std::string fish = render_fish_completion(cli);
  CHECK(fish.find("complete -c tool -n '__tool_using_command do-it' -l mode -x -a 'fast slow' -d 'the mode: it\\'s [fast]'") !=
        std::string::npos);
  CHECK(fish.find("-s o -l output -x -a '(__fish_complete_directories (commandline -ct))'") != std::string::npos);
  CHECK(fish.find("complete -c tool -n '__tool_using_command do-it' -F\n") != std::string::npos);
  CHECK(fish.find("-a do-it -d 'does it [really] with \\'quotes\\' and a \\\\ backslash'") != std::string::npos);
}
