// pipec(1): the man page, rendered in roff (the man macros) from the
// description main.cc reads out of its CLI11 App, so that every command and
// option --help shows is in it, worded the same.

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cli/cli_description.h"
#include "cli/exit_codes.h"

namespace pipec::cli {

namespace {

// Text for a roff text line: backslashes and dashes escaped (Debian's groff
// prints \- as the ASCII hyphen-minus that options are typed with), and
// anything past ASCII as a \[uXXXX] glyph, so that the page reads the same
// whatever the locale man runs in.
std::string roff(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // A UTF-8 sequence; a malformed one becomes U+FFFD.
      int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
      std::uint32_t code = length == 4 ? c & 0x07u : length == 3 ? c & 0x0Fu : c & 0x1Fu;
      bool ok = length != 0 && i + static_cast<std::size_t>(length) <= text.size();
      for (int k = 1; ok && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        ok = (next & 0xC0u) == 0x80u;
        code = (code << 6) | (next & 0x3Fu);
      }
      if (!ok) {
        out += "\\[uFFFD]";
        continue;
      }
      out += fmt::format("\\[u{:04X}]", code);
      i += static_cast<std::size_t>(length - 1);
    }
  }
  return out;
}

// A whole text line: one that would start with a control character is
// guarded with \&.
std::string line(std::string_view text) {
  std::string out = roff(text);
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out + "\n";
}

std::string bold(std::string_view text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(std::string_view text) { return "\\fI" + roff(text) + "\\fR"; }

// How a positional reads in a synopsis: "file", "[paths...]", "events...".
std::string synopsis_positional(const OptionDescription& positional) {
  std::string text = italic(positional.names.front());
  if (positional.repeatable) text += "\\&...";
  return positional.required ? text : "[" + text + "]";
}

// One command's synopsis line: its required options spelled out, then
// [options], then its positionals.
std::string synopsis(const CliDescription& cli, const CommandDescription& command) {
  std::string text = bold(cli.name + " " + command.name);
  bool optional_options = false;
  for (const auto& option : command.options) {
    if (!option.required) {
      optional_options = true;
      continue;
    }
    text += " " + bold(option.names.front());
    if (!option.value_name.empty()) text += " " + italic(option.value_name);
  }
  if (optional_options) text += " [" + italic("options") + "]";
  for (const auto& positional : command.positionals) text += " " + synopsis_positional(positional);
  return text + "\n";
}

// An option as a tagged paragraph: its names and value, then what --help
// says of it, the values it takes and its default.
std::string option_entry(const OptionDescription& option) {
  std::string out = ".TP\n";
  if (option.positional) {
    out += italic(option.names.front());
  } else {
    for (std::size_t i = 0; i < option.names.size(); ++i) out += (i == 0 ? "" : ", ") + bold(option.names[i]);
    if (!option.value_name.empty()) out += " " + italic(option.value_name);
  }
  out += "\n";
  std::string text = option.description;
  if (!text.empty() && text.back() != '.') text += ".";
  if (option.value == ValueKind::choice && !option.choices.empty()) {
    text += " One of: ";
    for (std::size_t i = 0; i < option.choices.size(); ++i) text += (i == 0 ? "" : ", ") + option.choices[i];
    text += ".";
  }
  if (!option.default_value.empty()) text += " Default: " + option.default_value + ".";
  if (option.required && !option.positional) text += " Required.";
  if (option.repeatable && !option.positional) text += " May be repeated.";
  // The description's own words, then the added facts, each kept as text
  // (a description could start with a dot).
  out += line(text);
  return out;
}

// A command's footer: paragraphs split at blank lines; within one, each line
// breaks, and lines indented in --help are indented here.
std::string footer(std::string_view text) {
  std::string out;
  bool paragraph_open = false;
  bool indented = false;
  bool first_line = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view current = text.substr(start, end - start);
    start = end + 1;
    if (current.find_first_not_of(' ') == std::string_view::npos) {
      if (indented) out += ".RE\n";
      indented = false;
      paragraph_open = false;
      continue;
    }
    if (!paragraph_open) {
      out += ".PP\n";
      paragraph_open = true;
      first_line = true;
    }
    const bool wants_indent = current.front() == ' ';
    current.remove_prefix(current.find_first_not_of(' '));
    if (wants_indent && !indented) {
      out += ".RS 2\n";
      indented = true;
    } else if (!wants_indent && indented) {
      out += ".RE\n";
      indented = false;
    } else if (!first_line) {
      out += ".br\n";
    }
    first_line = false;
    out += line(current);
  }
  if (indented) out += ".RE\n";
  return out;
}

// "pipec: a compiler and …" names itself; NAME wants just the rest.
std::string_view summary(const CliDescription& cli) {
  std::string_view text = cli.description;
  const std::string prefix = cli.name + ": ";
  if (text.substr(0, prefix.size()) == prefix) text.remove_prefix(prefix.size());
  return text;
}

}  // namespace

std::string render_man_page(const CliDescription& cli) {
  std::string upper;
  for (const char c : cli.name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);

  std::string out;
  out += ".\\\" Generated by `" + cli.name + " generate man` from " + cli.name +
         "'s own command definitions (compiler/cli/main.cc); do not edit.\n";
  // No date: the page is the same for every build of one version.
  out += ".TH " + upper + " 1 \"\" \"" + roff(cli.name + " " + cli.version) + "\" \"User Commands\"\n";
  out += ".nh\n";  // no hyphenation: option names and values stay whole

  out += ".SH NAME\n";
  out += roff(cli.name) + " \\- " + line(summary(cli));

  out += ".SH SYNOPSIS\n";
  out += bold(cli.name) + " " + italic("command") + " [" + italic("options") + "] [" + italic("arguments") + "]\n";
  for (const auto& command : cli.commands) out += ".br\n" + synopsis(cli, command);
  for (const auto& option : cli.options)
    if (option.names.back() == "--version") out += ".br\n" + bold(cli.name + " --version") + "\n";
  out += ".br\n" + bold(cli.name) + " [" + italic("command") + "] " + bold("--help") + "\n";

  out += ".SH DESCRIPTION\n";
  // "pipec: a compiler …" reads "pipec is a compiler …".
  out += line(summary(cli) == cli.description ? cli.description + "." : cli.name + " is " + std::string(summary(cli)) + ".");
  out += ".PP\n";
  out += line("Each command is described under COMMANDS below; " + cli.name +
              " COMMAND --help prints the same options and notes.");

  out += ".SH OPTIONS\n";
  for (const auto& option : cli.options) out += option_entry(option);

  out += ".SH COMMANDS\n";
  for (const auto& command : cli.commands) {
    out += ".SS \"" + roff(cli.name + " " + command.name) + "\"\n";
    out += line(command.description.empty() ? command.name : command.description + ".");
    out += ".PP\n" + synopsis(cli, command);
    for (const auto& positional : command.positionals) out += option_entry(positional);
    for (const auto& option : command.options) out += option_entry(option);
    if (!command.footer.empty()) out += footer(command.footer);
  }

  out += ".SH \"EXIT STATUS\"\n";
  out += line("Each command's notes above say what its statuses mean for it; in general:");
  const auto status = [&](int code, std::string_view meaning) {
    out += ".TP\n" + bold(std::to_string(code)) + "\n" + line(meaning);
  };
  status(kExitClean, "success: nothing at or above --fail-on, every event matched, every case passed, or the files were written.");
  status(kExitFindings, "findings at or above --fail-on, an event that does not match, a failing test case, or an input a target does not accept.");
  status(kExitUsage, "bad arguments, or an input that cannot be read.");
  status(kExitInternal, "an internal error: a bug in " + cli.name + "; please report it with the input that caused it.");

  out += ".SH \"SEE ALSO\"\n";
  out += line(cli.name + " rules lists every rule; " + cli.name +
              " explain RULE prints one rule's page. In pipec's source: README.md, docs/cli.md (the commands), docs/dsl.md "
              "(.pipe files), docs/testing.md (rule test suites), docs/diagnostics.md and docs/rules/ (one page a rule).");
  return out;
}

}  // namespace pipec::cli
