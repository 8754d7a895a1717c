// Shell completion scripts for bash, zsh and fish, rendered from the
// description main.cc reads out of its CLI11 App: the commands, each one's
// options, the values an option allows (--format's), and files or folders
// where a value names one.

#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_description.h"

namespace pipec::cli {

namespace {

constexpr std::string_view kGenerated = "from pipec's own command definitions (compiler/cli/main.cc); do not edit.";

// Inside single quotes, for sh and zsh: a quote closes, is escaped, reopens.
std::string sh_single_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i != 0) out += separator;
    out += words[i];
  }
  return out;
}

// Every name of the command's named options (and the program's, for no command).
std::vector<std::string> option_names(const std::vector<OptionDescription>& options) {
  std::vector<std::string> names;
  for (const auto& option : options)
    for (const auto& name : option.names) names.push_back(name);
  return names;
}

// What the command's positionals complete as: a folder only when every one
// is a folder, files when one is a file or a folder, or nothing.
ValueKind positional_kind(const CommandDescription& command) {
  bool any_file = false;
  bool all_directories = !command.positionals.empty();
  for (const auto& positional : command.positionals) {
    any_file = any_file || positional.value == ValueKind::file || positional.value == ValueKind::directory;
    all_directories = all_directories && positional.value == ValueKind::directory;
  }
  if (all_directories) return ValueKind::directory;
  return any_file ? ValueKind::file : ValueKind::word;
}

// ---- bash ----

// COMPREPLY for a value of this kind, as one line of bash.
std::string bash_value(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::choice:
      return "mapfile -t COMPREPLY < <(compgen -W " + sh_single_quoted(join(choices, " ")) + " -- \"$cur\")";
    case ValueKind::file:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")";
    case ValueKind::directory:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")";
    case ValueKind::none:
    case ValueKind::word:
      break;
  }
  return ":";
}

std::string bash_options_case(const std::vector<OptionDescription>& options, std::string_view indent) {
  std::string out;
  for (const auto& option : options) {
    if (option.positional || option.value == ValueKind::none) continue;
    out += std::string(indent) + "  " + join(option.names, "|") + ") " + bash_value(option.value, option.choices) +
           "; return ;;\n";
  }
  return out;
}

// ---- zsh ----

// Text inside an _arguments [description] or _describe "name:description".
std::string zsh_description(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A word inside an _arguments (value list) or message: spaces, parentheses
// and colons escaped.
std::string zsh_word(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '(' || c == ')' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_action(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::choice: {
      std::vector<std::string> words;
      for (const auto& choice : choices) words.push_back(zsh_word(choice));
      return "(" + join(words, " ") + ")";
    }
    case ValueKind::file:
      return "_files";
    case ValueKind::directory:
      return "_files -/";
    case ValueKind::none:
    case ValueKind::word:
      break;
  }
  return " ";
}

std::string lower(std::string_view text) {
  std::string out;
  for (const char c : text) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// One _arguments spec (a shell word, quoted) for an option.
std::string zsh_option_spec(const OptionDescription& option) {
  const bool help = option.value == ValueKind::none &&
                    (option.names.back() == "--help" || option.names.back() == "--version");
  std::string exclusion;
  if (help) {
    exclusion = "(- *)";
  } else if (option.repeatable) {
    exclusion = "*";
  } else {
    exclusion = "(" + join(option.names, " ") + ")";
  }
  std::string names;
  for (const auto& name : option.names) {
    std::string spelled = name;
    if (option.value != ValueKind::none) spelled += name.size() == 2 ? "+" : "=";
    names += (names.empty() ? "" : ",") + spelled;
  }
  if (option.names.size() > 1) names = "{" + names + "}";
  std::string rest = "[" + zsh_description(option.description) + "]";
  if (option.value != ValueKind::none)
    rest += ":" + zsh_word(lower(option.value_name)) + ":" + zsh_action(option.value, option.choices);
  return sh_single_quoted(exclusion) + names + sh_single_quoted(rest);
}

std::string zsh_positional_spec(const OptionDescription& positional, int index) {
  std::string spec = positional.repeatable ? "*" : std::to_string(index) + (positional.required ? "" : ":");
  spec += ":" + zsh_word(positional.names.front()) + ":" + zsh_action(positional.value, positional.choices);
  return sh_single_quoted(spec);
}

std::string zsh_function_name(std::string_view program, std::string_view command) {
  std::string out = "_" + std::string(program) + "_";
  for (const char c : command) out += c == '-' ? '_' : c;
  return out;
}

// ---- fish ----

std::string fish_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// The -s/-l/-o switches that name an option to fish's complete.
std::string fish_names(const OptionDescription& option) {
  std::string out;
  for (const auto& name : option.names) {
    if (name.size() == 2) {
      out += " -s " + name.substr(1);
    } else if (name.rfind("--", 0) == 0) {
      out += " -l " + name.substr(2);
    } else {
      out += " -o " + name.substr(1);
    }
  }
  return out;
}

std::string fish_value(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::choice:
      return " -x -a " + fish_quoted(join(choices, " "));
    case ValueKind::file:
      return " -r -F";
    case ValueKind::directory:
      return " -x -a '(__fish_complete_directories (commandline -ct))'";
    case ValueKind::word:
      return " -x";
    case ValueKind::none:
      break;
  }
  return "";
}

}  // namespace

std::string render_bash_completion(const CliDescription& cli) {
  std::vector<std::string> commands;
  for (const auto& command : cli.commands) commands.push_back(command.name);
  const std::string function = "_" + cli.name;

  std::string out;
  out += "# bash completion for " + cli.name + ". Generated by `" + cli.name + " generate bash` " + std::string(kGenerated) + "\n";
  out += "# shellcheck shell=bash\n\n";
  out += function + "() {\n";
  out += "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n";
  out += "  # --option=value: bash splits at the \"=\".\n";
  out += "  if [[ $cur == = ]]; then\n";
  out += "    cur=\"\"\n";
  out += "  elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then\n";
  out += "    prev=${COMP_WORDS[COMP_CWORD-2]}\n";
  out += "  fi\n";
  out += "  COMPREPLY=()\n\n";
  out += "  # The command: the first word that is not an option (the program's own options take no value).\n";
  out += "  local command=\"\" i\n";
  out += "  for ((i = 1; i < COMP_CWORD; i++)); do\n";
  out += "    case ${COMP_WORDS[i]} in\n";
  out += "      -*) ;;\n";
  out += "      *) command=${COMP_WORDS[i]}; break ;;\n";
  out += "    esac\n";
  out += "  done\n\n";
  out += "  case $command in\n";
  out += "    \"\")\n";
  out += "      if [[ $cur == -* ]]; then\n";
  out += "        mapfile -t COMPREPLY < <(compgen -W " + sh_single_quoted(join(option_names(cli.options), " ")) +
         " -- \"$cur\")\n";
  out += "      else\n";
  out += "        mapfile -t COMPREPLY < <(compgen -W " + sh_single_quoted(join(commands, " ")) + " -- \"$cur\")\n";
  out += "      fi\n";
  out += "      ;;\n";
  for (const auto& command : cli.commands) {
    out += "    " + command.name + ")\n";
    const std::string values = bash_options_case(command.options, "      ");
    if (!values.empty()) out += "      case $prev in\n" + values + "      esac\n";
    out += "      if [[ $cur == -* ]]; then\n";
    out += "        mapfile -t COMPREPLY < <(compgen -W " + sh_single_quoted(join(option_names(command.options), " ")) +
           " -- \"$cur\")\n";
    out += "      else\n";
    out += "        " + bash_value(positional_kind(command), {}) + "\n";
    out += "      fi\n";
    out += "      ;;\n";
  }
  out += "  esac\n";
  out += "}\n\n";
  out += "complete -F " + function + " " + cli.name + "\n";
  return out;
}

std::string render_zsh_completion(const CliDescription& cli) {
  std::string out;
  out += "#compdef " + cli.name + "\n";
  out += "# zsh completion for " + cli.name + ". Generated by `" + cli.name + " generate zsh` " + std::string(kGenerated) + "\n";

  for (const auto& command : cli.commands) {
    out += "\n" + zsh_function_name(cli.name, command.name) + "() {\n";
    out += "  _arguments -s -S";
    for (const auto& option : command.options) out += " \\\n    " + zsh_option_spec(option);
    int index = 1;
    for (const auto& positional : command.positionals) out += " \\\n    " + zsh_positional_spec(positional, index++);
    out += "\n}\n";
  }

  out += "\n_" + cli.name + "() {\n";
  out += "  local curcontext=\"$curcontext\" state line\n";
  out += "  typeset -A opt_args\n";
  out += "  _arguments -C";
  for (const auto& option : cli.options) out += " \\\n    " + zsh_option_spec(option);
  out += " \\\n    '1:command:->command' \\\n    '*::argument:->argument'\n";
  out += "  case $state in\n";
  out += "    command)\n";
  out += "      local -a commands\n";
  out += "      commands=(\n";
  for (const auto& command : cli.commands)
    out += "        " + sh_single_quoted(command.name + ":" + command.description) + "\n";
  out += "      )\n";
  out += "      _describe -t commands " + sh_single_quoted(cli.name + " command") + " commands\n";
  out += "      ;;\n";
  out += "    argument)\n";
  out += "      curcontext=\"${curcontext%:*:*}:" + cli.name + "-$words[1]:\"\n";
  out += "      case $words[1] in\n";
  for (const auto& command : cli.commands)
    out += "        " + command.name + ") " + zsh_function_name(cli.name, command.name) + " ;;\n";
  out += "      esac\n";
  out += "      ;;\n";
  out += "  esac\n";
  out += "}\n\n";
  out += "_" + cli.name + " \"$@\"\n";
  return out;
}

std::string render_fish_completion(const CliDescription& cli) {
  const std::string c = "complete -c " + cli.name;
  const std::string using_command = "__" + cli.name + "_using_command";
  std::string out;
  out += "# fish completion for " + cli.name + ". Generated by `" + cli.name + " generate fish` " + std::string(kGenerated) + "\n\n";
  out += "# True when the command (the first word that is not an option) is $argv[1].\n";
  out += "function " + using_command + "\n";
  out += "    for token in (commandline -opc)[2..-1]\n";
  out += "        switch $token\n";
  out += "            case '-*'\n";
  out += "                continue\n";
  out += "            case '*'\n";
  out += "                test \"$token\" = \"$argv[1]\"\n";
  out += "                return $status\n";
  out += "        end\n";
  out += "    end\n";
  out += "    return 1\n";
  out += "end\n\n";
  out += "# No file names unless an argument takes them.\n";
  out += c + " -f\n";
  for (const auto& option : cli.options)
    out += c + " -n __fish_use_subcommand" + fish_names(option) + fish_value(option.value, option.choices) + " -d " +
           fish_quoted(option.description) + "\n";
  for (const auto& command : cli.commands)
    out += c + " -n __fish_use_subcommand -a " + command.name + " -d " + fish_quoted(command.description) + "\n";

  for (const auto& command : cli.commands) {
    const std::string condition = " -n " + fish_quoted(using_command + " " + command.name);
    out += "\n# " + cli.name + " " + command.name + "\n";
    for (const auto& option : command.options)
      out += c + condition + fish_names(option) + fish_value(option.value, option.choices) + " -d " +
             fish_quoted(option.description) + "\n";
    switch (positional_kind(command)) {
      case ValueKind::file:
        out += c + condition + " -F\n";
        break;
      case ValueKind::directory:
        out += c + condition + " -a '(__fish_complete_directories (commandline -ct))'\n";
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace pipec::cli
