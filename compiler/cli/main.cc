// pipec's entry point: argument parsing (the only place CLI11 is included),
// dispatch to a command, and the one handler that turns an escaped exception
// into a message and an exit status.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "cli/cli_description.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "model/kind.h"
#include "util/credentials.h"
#include "util/sanitizers.h"

namespace {

using namespace pipec::cli;

bool color_wanted(const std::string& mode, int stream = STDOUT_FILENO) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(stream) != 0 && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

// "8M", "512K", "1048576".
std::uint64_t parse_size(const std::string& text) {
  std::size_t used = 0;
  const unsigned long long value = std::stoull(text, &used);
  const std::string unit = text.substr(used);
  if (unit.empty() || unit == "B") return value;
  if (unit == "K" || unit == "KiB") return value << 10;
  if (unit == "M" || unit == "MiB") return value << 20;
  if (unit == "G" || unit == "GiB") return value << 30;
  throw CLI::ValidationError("--max-file-size", "expected a size such as 8M, 512K or 1048576");
}

// --max-file-size, or a message and nothing.
std::optional<std::uint64_t> size_option(const std::string& text) {
  try {
    return parse_size(text);
  } catch (const std::exception&) {
    std::cerr << "pipec: --max-file-size: expected a size such as 8M, 512K or 1048576\n";
    return std::nullopt;
  }
}

// pipec's commands. A word naming one of them sets up that command alone,
// but generate, which describes them all.
constexpr auto kCommands = std::to_array<std::string_view>(
    {"lint", "build", "test-pattern", "transform", "test", "graph", "import", "config", "rules", "explain", "docs", "generate"});

// Options several commands take, as typed.
struct Shared {
  std::string color = "auto";
  std::string max_size = "8M";
  std::string numbers = "value";
};

void add_color(CLI::App* cmd, Shared& shared, const std::string& what = "colour in text output") {
  cmd->add_option("--color", shared.color, what)->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
}

void add_max_size(CLI::App* cmd, Shared& shared, const std::string& what = "skip reading files larger than this") {
  cmd->add_option("--max-file-size", shared.max_size, what)->capture_default_str();
}

void add_vars(CLI::App* cmd, std::vector<std::string>& vars, const std::string& what) {
  cmd->add_option("--var", vars, what)->allow_extra_args(false);
}

void add_numbers(CLI::App* cmd, Shared& shared, const std::string& what) {
  cmd->add_option("--numbers", shared.numbers, what)->check(CLI::IsMember({"text", "value"}))->capture_default_str();
}

// Files that other files name are read inside the naming file's repository
// (model/boundary.h) unless this says otherwise.
void add_outside(CLI::App* cmd, bool& flag, const std::string& which) {
  cmd->add_flag("--read-outside-repository", flag,
                "read " + which + " even outside the repository (git work tree, or folder) of the file that names them");
}

CLI::Option* add_format(CLI::App* cmd, std::string& format, std::initializer_list<std::string> formats,
                        const std::string& what = "output format") {
  return cmd->add_option("--format", format, what)->check(CLI::IsMember(std::vector<std::string>(formats)))->capture_default_str();
}

// Everything pipec prints passes here: a credential in it, from wherever it
// came (an event's payload, a message quoting a value, a frame of a line no
// scan knew held one), is masked before it reaches a terminal or a CI log.
void write_out(Output& output) {
  pipec::util::mask_credentials(output.out);
  pipec::util::mask_credentials(output.err);
  std::fwrite(output.out.data(), 1, output.out.size(), stdout);
  std::fwrite(output.err.data(), 1, output.err.size(), stderr);
  std::fflush(stdout);
  output.out.clear();
  output.err.clear();
}

int emit(Output& output, int status) {
  write_out(output);
#if !defined(PIPEC_SANITIZED)
  // What the command handed over is left for the process's exit to take
  // back (Output::keep). Nothing else is left to run: the output is written
  // and flushed, and files are written whole before this. Sanitized builds
  // free it, so that their leak check sees everything.
  if (!output.kept.empty()) {
    std::fflush(nullptr);
    std::_Exit(status);
  }
#endif
  return status;
}

// ---- pipec generate: the man page and the shell completions, read out of
// the App itself (cli/cli_description.h), so they list what --help lists.

// Values that name files or folders, by positional or long option name; any
// other value is a word of its own (a rule id, a size, name=value).
ValueKind path_value(const std::string& name) {
  if (name == "directory" || name == "--output") return ValueKind::directory;
  if (name == "paths" || name == "file" || name == "pattern" || name == "events" || name == "event" || name == "--with")
    return ValueKind::file;
  return ValueKind::word;
}

// The values CLI::IsMember allows: CLI11 keeps the set inside the validator,
// whose description ("{a,b,c}") is the one place it shows it.
std::vector<std::string> choices_of(const CLI::Option& option) {
  const std::string type = option.get_type_name();  // "TEXT:{a,b,c}"
  const auto open = type.find(":{");
  if (open == std::string::npos || type.back() != '}') return {};
  std::vector<std::string> choices;
  std::string_view rest(type);
  rest = rest.substr(open + 2, rest.size() - open - 3);
  while (!rest.empty()) {
    const auto comma = std::min(rest.find(','), rest.size());
    choices.emplace_back(rest.substr(0, comma));
    rest.remove_prefix(std::min(comma + 1, rest.size()));
  }
  return choices;
}

OptionDescription describe_option(const CLI::Option& option) {
  OptionDescription out;
  out.description = option.get_description();
  out.positional = option.get_positional() && !option.nonpositional();
  out.required = option.get_required();
  out.repeatable = option.get_items_expected_max() > 1;
  out.default_value = option.get_default_str();
  if (out.positional) {
    out.names.push_back(option.get_name(true));
  } else {
    for (const auto& name : option.get_snames()) out.names.push_back("-" + name);
    for (const auto& name : option.get_lnames()) out.names.push_back("--" + name);
  }
  if (option.get_expected_max() == 0) return out;  // a flag
  // The value's name in the man page: the option's, in capitals (FAIL_ON).
  const std::string name = out.positional ? out.names.front() : out.names.back();
  for (const char c : name.substr(name.find_first_not_of('-')))
    out.value_name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out.choices = choices_of(option);
  out.value = out.choices.empty() ? path_value(name) : ValueKind::choice;
  return out;
}

// Every command and option but the hidden ones (group ""), in --help's order.
CliDescription describe(const CLI::App& app) {
  CliDescription cli;
  cli.name = app.get_name();
  cli.version = std::string(version());
  cli.description = app.get_description();
  const auto visible = [](const CLI::Option* option) { return !option->get_group().empty(); };
  for (const auto* option : app.get_options(visible)) cli.options.push_back(describe_option(*option));
  for (const auto* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    CommandDescription command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    command.footer = sub->get_footer();
    for (const auto* option : sub->get_options(visible)) {
      auto described = describe_option(*option);
      (described.positional ? command.positionals : command.options).push_back(std::move(described));
    }
    cli.commands.push_back(std::move(command));
  }
  return cli;
}

int run(int argc, char** argv) {
  CLI::App app{"pipec: a compiler and linter for AWS container delivery pipelines (ECR, CodePipeline, ECS, EventBridge)",
               "pipec"};
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(1);
  // Only the command named is set up, with its options: each command is a
  // CLI11 App, and making all twelve cost 0.2 M instructions, a third of
  // `pipec --version`; `lint`'s options as much again. Anything else first
  // (--help or another option, nothing, a word that names no command, which
  // CLI11 then refuses) and the hidden generate (which describes them all)
  // get them all; `pipec --version` alone gets none.
  const std::string_view named = argc > 1 ? std::string_view(argv[1]) : std::string_view();
  const auto is_command = [](std::string_view word) {
    return std::find(kCommands.begin(), kCommands.end(), word) != kCommands.end();
  };
  const bool one_command = is_command(named) && named != "generate";
  const bool version_only = argc == 2 && named == "--version";
  // The command `name` set up, or null when it is not wanted.
  const auto wanted_command = [&](std::string_view name, std::string_view description) -> CLI::App* {
    if (version_only || (one_command && named != name)) return nullptr;
    return app.add_subcommand(std::string(name), std::string(description));
  };

  LintOptions lint;
  Shared lint_shared;
  bool quiet = false;
  auto* lint_cmd = wanted_command("lint", "check files and folders (default: the current folder)");
  if (lint_cmd != nullptr) {
    std::string kinds;
    for (const auto& k : pipec::model::all_kinds()) kinds += "\n  " + std::string(k.name) + ": " + std::string(k.description);
    lint_cmd->footer("Kinds (detected from each file's shape, or forced with --kind):" + kinds +
                     "\n\nExit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input, 3 internal error.");
    lint_cmd->add_option("paths", lint.paths, "files and folders to check; folders are walked, skipping .git, node_modules and build folders");
    add_format(lint_cmd, lint.format, {"text", "short", "json", "sarif", "github", "junit", "gitlab"});
    add_color(lint_cmd, lint_shared);
    lint_cmd->add_option("--fail-on", lint.fail_on,
                         "lowest severity that makes the exit status 1 (default: the configuration's fail-on, else error)")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    lint_cmd->add_option("--kind", lint.kind, "treat every file as this kind");
    lint_cmd->add_option("--select", lint.select, "run only these rules (ids, names or id prefixes such as CP3; repeat or use commas)")
        ->allow_extra_args(false);
    lint_cmd->add_option("--ignore", lint.ignore, "skip these rules (ids, names or id prefixes)")->allow_extra_args(false);
    add_max_size(lint_cmd, lint_shared, "skip reading files larger than this (8M, 512K, …)");
    add_outside(lint_cmd, lint.read_outside_repository, "a .pipe file's pattern files");
    lint_cmd->add_flag("--exit-zero", lint.exit_zero, "exit 0 even when there are findings (unreadable input still exits 2)");
    lint_cmd->add_flag("-q,--quiet", quiet, "no closing summary line in text output");
    auto* config_option = lint_cmd->add_option("--config", lint.config, "the .pipec.yaml for every file (default: the nearest one above each file)");
    lint_cmd->add_flag("--no-config", lint.no_config, "read no .pipec.yaml and no suppression comments")->excludes(config_option);
    lint_cmd->add_option("--baseline", lint.baseline, "report only the findings this baseline (from --write-baseline) does not record");
    lint_cmd->add_option("--write-baseline", lint.write_baseline, "record today's findings in this file, and exit 0");
    lint_cmd->add_flag("--add-suppressions", lint.add_suppressions,
                       "suppress today's findings: a comment above each in YAML and .pipe files, an entry in .pipec.yaml for JSON");
    lint_cmd->add_option("--reason", lint.reason, "the reason --add-suppressions writes");
    lint_cmd->add_flag("--fix", lint.fix, "apply the fixes that are certain (a trailing comma, a value's case, a bare value to a list)");
    lint_cmd->add_flag("--diff", lint.diff, "print the fixes --fix would apply as a unified diff; exit 1 if there are any");
    lint_cmd->add_option("--output", lint.output_file, "write the report to this file instead of stdout");
    lint_cmd->add_option("--max-warnings", lint.max_warnings, "exit 1 when there are more warnings than this");
    lint_cmd->add_option("--stdin-filename", lint.stdin_filename, "the path `-` (stdin) is reported as, and its kind judged by");
  }

  BuildOptions build;
  Shared build_shared;
  auto* build_cmd = wanted_command("build", "compile a .pipe file into CodePipeline JSON, CloudFormation, transformers and buildspecs");
  if (build_cmd != nullptr) {
    build_cmd->footer(
        "Writes, under the output folder: <pipeline>.codepipeline.json (create-pipeline input), <file>.cfn.yaml or .cfn.json "
        "(CloudFormation), <rule>.transformer.json (input transformers) and <pipeline>.<action>.buildspec.yml (conversion steps). "
        "The file is linted first: any error, and nothing is written. With --check nothing is written: the files are compared "
        "with those in the output folder, and each difference is printed as a unified diff.\n\nExit status: 0 written (with "
        "--check: up to date), 1 findings (with --check: or the folder differs), 2 usage error or unreadable input, 3 internal "
        "error.");
    build_cmd->add_option("file", build.file, "the .pipe file")->required();
    build_cmd->add_option("-o,--output", build.output_dir, "the folder to write into (created if missing)")->required();
    build_cmd->add_option("--emit", build.emit, "what to write: codepipeline, cloudformation, transformer, buildspec (default: all)")
        ->allow_extra_args(false);
    build_cmd->add_option("--cfn-format", build.cfn_format, "CloudFormation as yaml or json")
        ->check(CLI::IsMember({"yaml", "json"}))
        ->capture_default_str();
    add_vars(build_cmd, build.vars, "account=…, region=…, partition=… or a parameter of the file, NAME=…");
    add_format(build_cmd, build.format, {"text", "short", "json", "sarif", "github", "junit", "gitlab"}, "format of diagnostics");
    add_color(build_cmd, build_shared);
    add_max_size(build_cmd, build_shared);
    add_outside(build_cmd, build.read_outside_repository, "the .pipe file's pattern files");
    build_cmd->add_flag("-q,--quiet", build.quiet, "do not list the files written (with --check: no line when up to date)");
    build_cmd->add_flag("--check", build.check,
                        "write nothing; exit 1 with a unified diff if the output folder differs from what would be written");
  }

  PatternTestOptions test_pattern;
  Shared test_pattern_shared;
  auto* test_pattern_cmd =
      wanted_command("test-pattern", "match a rule's event pattern against events, as EventBridge would, offline");
  if (test_pattern_cmd != nullptr) {
    test_pattern_cmd->footer(
        "The first file declares the pattern: a pattern file, PutRule input, a CloudFormation template or a .pipe file "
        "(--rule picks one when it declares several). Each event file is read as an event, whatever its shape.\n\n"
        "Exit status, the worst of the events': 0 every event matches, 1 one does not, 2 usage error, an unreadable or "
        "invalid pattern, or an event that could not be matched (unreadable, not JSON, not a JSON object).");
    test_pattern_cmd->add_option("pattern", test_pattern.declaring, "the file that declares the pattern")->required();
    test_pattern_cmd->add_option("events", test_pattern.events, "event files (JSON)");
    test_pattern_cmd->add_option("--events", test_pattern.event_stream,
                                 "a JSON-lines file of events, one per line (- for stdin): one verdict per line, a bad line "
                                 "reported on its own");
    test_pattern_cmd->add_option("--rule", test_pattern.rule, "the rule, by Name, logical ID or .pipe name");
    add_vars(test_pattern_cmd, test_pattern.vars, "account=…, region=… or partition=…, for .pipe files");
    add_numbers(test_pattern_cmd, test_pattern_shared, "exact numbers compared by value (as EventBridge does) or as text (as its user guide says)");
    add_format(test_pattern_cmd, test_pattern.format, {"text", "json"});
    add_color(test_pattern_cmd, test_pattern_shared);
    add_max_size(test_pattern_cmd, test_pattern_shared);
    test_pattern_cmd->add_flag("-q,--quiet", test_pattern.quiet, "print nothing; the exit status says it");
  }

  TransformOptions transform;
  Shared transform_shared;
  auto* transform_cmd = wanted_command("transform", "print what a rule's target receives for an event (input transformers rendered as EventBridge does)");
  if (transform_cmd != nullptr) {
    transform_cmd->footer(
        "The first file declares the target: an input transformer file, PutTargets input, a CloudFormation template or a "
        ".pipe file; --with adds files that declare the rule (PutRule input beside PutTargets input). The input goes to "
        "stdout, followed by a newline; problems go to stderr.\n\nExit status: 0 printed, 1 the input is not what the "
        "target accepts (not JSON, or not StartPipelineExecution input for a pipeline), 2 usage error, unreadable input or "
        "a transformer EventBridge refuses.");
    transform_cmd->add_option("file", transform.declaring, "the file that declares the target or transformer")->required();
    transform_cmd->add_option("event", transform.event, "the event file (JSON)");
    transform_cmd->add_option("--events", transform.event_stream,
                              "a JSON-lines file of events, one per line (- for stdin): one input per line, a bad line "
                              "reported on its own");
    transform_cmd->add_option("--with", transform.also, "another file that declares the rule (repeatable)")->allow_extra_args(false);
    transform_cmd->add_option("--rule", transform.rule, "the rule, by Name, logical ID or .pipe name");
    transform_cmd->add_option("--target", transform.target, "the target, by Id");
    transform_cmd->add_option("--rule-name", transform.rule_name, "<aws.events.rule-name> (default: the rule's Name)");
    transform_cmd->add_option("--rule-arn", transform.rule_arn, "<aws.events.rule-arn> (default: built from the rule name, its bus and the event's region and account)");
    transform_cmd->add_option("--ingestion-time", transform.ingestion_time, "<aws.events.event.ingestion-time> (default: the event's time)");
    add_vars(transform_cmd, transform.vars, "account=…, region=… or partition=…, for .pipe files");
    transform_cmd->add_flag("--pipeline", transform.pipeline, "check the input as StartPipelineExecution input (automatic for a pipeline target)");
    add_numbers(transform_cmd, transform_shared, "exact numbers compared by value (as EventBridge does) or as text, for the rule's pattern");
    add_color(transform_cmd, transform_shared, "colour in diagnostics");
    add_max_size(transform_cmd, transform_shared);
  }

  TestOptions test;
  Shared test_shared;
  auto* test_cmd = wanted_command("test", "run rule test suites (*.test.yaml): does each rule match, and what does its target receive");
  if (test_cmd != nullptr) {
    test_cmd->footer(
        "A suite lists cases: the files that declare a rule (or a pattern written in the case), events (files or written "
        "in the case), whether the rule matches, and the input its target receives (docs/testing.md). Folders are searched "
        "for *.test.yaml and *.test.yml.\n\nExit status: 0 every case passes, 1 one fails, 2 usage error or a suite that "
        "cannot be read.");
    test_cmd->add_option("paths", test.paths, "suites, or folders to search (default: the current folder)");
    test_cmd->add_option("--filter", test.filter, "run only the cases whose name contains this text");
    add_vars(test_cmd, test.vars, "account=…, region=… or partition=…, for .pipe files (over a suite's vars)");
    add_format(test_cmd, test.format, {"text", "json"});
    add_color(test_cmd, test_shared);
    add_max_size(test_cmd, test_shared);
    add_outside(test_cmd, test.read_outside_repository, "the rule and event files a suite names");
    test_cmd->add_flag("-q,--quiet", test.quiet, "print failures and the summary only");
  }

  GraphOptions graph;
  Shared graph_shared;
  auto* graph_cmd = wanted_command("graph", "draw pipelines and the rules that start them (Mermaid or Graphviz DOT)");
  if (graph_cmd != nullptr) {
    graph_cmd->footer("Reads CodePipeline JSON, CloudFormation templates and .pipe files as `pipec lint` does, and prints one "
                      "graph: each pipeline's stages and actions, an edge for each artifact from the action that writes it to "
                      "each that reads it, and a dashed edge from each rule to the source actions of the pipeline it starts "
                      "(docs/graph.md). Render DOT with `dot -Tsvg`; Mermaid renders in GitHub and GitLab Markdown.");
    graph_cmd->add_option("paths", graph.paths, "files and folders (default: the current folder)");
    add_format(graph_cmd, graph.format, {"mermaid", "dot"}, "graph language");
    graph_cmd->add_option("--pipeline", graph.pipeline, "draw only this pipeline (and the rules that start it)");
    add_vars(graph_cmd, graph.vars, "account=…, region=… or partition=…, for .pipe files");
    add_max_size(graph_cmd, graph_shared);
  }

  ImportOptions import;
  Shared import_shared;
  auto* import_cmd = wanted_command("import", "write existing pipelines (CodePipeline JSON, CloudFormation) as a .pipe file");
  if (import_cmd != nullptr) {
    import_cmd->footer("Reads CodePipeline JSON (get-pipeline output or create-pipeline input), CloudFormation templates "
                       "(AWS::CodePipeline::Pipeline and the AWS::Events::Rule resources that start them) and PutRule/PutTargets "
                       "input, and writes one .pipe file that builds back to the same pipelines and rules (docs/import.md). What "
                       "the language cannot say is written as a `# pipec import: not expressible: …` comment where it was and "
                       "reported as a warning.\n\nExit status: 0 written (warnings included), 1 an input has errors, 2 usage "
                       "error, or an input that cannot be read or declares no pipeline.");
    import_cmd->add_option("paths", import.paths, "the files to import")->required();
    import_cmd->add_option("-o,--output", import.output_file, "the .pipe file to write, atomically (default: stdout)");
    add_color(import_cmd, import_shared, "colour in diagnostics");
    add_max_size(import_cmd, import_shared);
  }

  ConfigOptions config;
  auto* config_cmd = wanted_command("config", "print what .pipec.yaml decides for files, and where it says so");
  if (config_cmd != nullptr) {
    config_cmd->footer("For each path: the configuration that governs it (the nearest .pipec.yaml in its folder or above, up to "
                       "the repository's top, or --config), whether it is read, its kind, fail-on, the rule settings and "
                       "suppressions that apply, each with the line that sets it (docs/configuration.md).");
    config_cmd->add_option("paths", config.paths, "files or folders (default: the current folder)");
    config_cmd->add_option("--config", config.config, "the .pipec.yaml to use instead of the nearest");
  }

  RulesOptions rules;
  auto* rules_cmd = wanted_command("rules", "list the rules");
  if (rules_cmd != nullptr) {
    add_format(rules_cmd, rules.format, {"text", "json"}, "text or json");
  }

  std::string rule;
  auto* explain_cmd = wanted_command("explain", "print a rule's documentation page");
  if (explain_cmd != nullptr) {
    explain_cmd->add_option("rule", rule, "rule id or name, such as CP2001 or ecs-deploy-reads-image-detail")->required();
  }

  DocsOptions docs;
  bool write = false;
  auto* docs_cmd = wanted_command("docs", "write or check the rule pages (docs/rules/)");
  if (docs_cmd != nullptr) {
    docs_cmd->add_option("directory", docs.directory, "where the pages live")->capture_default_str();
    auto* write_flag = docs_cmd->add_flag("--write", write, "write the pages");
    docs_cmd->add_flag("--check", docs.check, "fail if a page is missing or out of date")->excludes(write_flag);
  }

  // Hidden (group ""): the build runs it to make the man page and completions it installs.
  std::string generate_what;
  std::optional<std::string> generate_output;
  auto* generate_cmd = wanted_command("generate", "write the man page or a shell completion script");
  if (generate_cmd != nullptr) {
    generate_cmd->group("");
    generate_cmd->add_option("what", generate_what, "man, bash, zsh or fish")
        ->check(CLI::IsMember(generated_kinds()))
        ->required();
    generate_cmd->add_option("-o,--output", generate_output, "the file to write (default: stdout)");
  }

  // kCommands names exactly the commands set up, checked where all are (the
  // build's own `pipec generate` is such a run): a command missing from it
  // would be set up alongside every other, a name without its command would
  // set up none.
  if (!one_command && !version_only) {
    const auto set_up = app.get_subcommands([](const CLI::App*) { return true; });
    const bool all_listed =
        std::all_of(set_up.begin(), set_up.end(), [&](const CLI::App* c) { return is_command(c->get_name()); });
    if (!all_listed || set_up.size() != kCommands.size()) throw std::logic_error("kCommands and the commands set up differ");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitClean : kExitUsage;
  }

  Output output;
  output.write = write_out;
  const pipec::source::DiskFileSystem fs;
  // The options every file-reading command shares, read once for the command given.
  const auto shared_for = [&](Shared& shared, int color_stream, bool& color, std::uint64_t& max_file_size) {
    color = color_wanted(shared.color, color_stream);
    const auto size = size_option(shared.max_size);
    if (size) max_file_size = *size;
    return size.has_value();
  };
  if (lint_cmd != nullptr && lint_cmd->parsed()) {
    if (!shared_for(lint_shared, STDOUT_FILENO, lint.color, lint.max_file_size)) return kExitUsage;
    lint.summary = !quiet;
    return emit(output, run_lint(lint, fs, output));
  }
  if (build_cmd != nullptr && build_cmd->parsed()) {
    if (!shared_for(build_shared, STDOUT_FILENO, build.color, build.max_file_size)) return kExitUsage;
    return emit(output, run_build(build, fs, output));
  }
  if (test_pattern_cmd != nullptr && test_pattern_cmd->parsed()) {
    if (!shared_for(test_pattern_shared, STDOUT_FILENO, test_pattern.color, test_pattern.max_file_size)) return kExitUsage;
    test_pattern.numbers_by_value = test_pattern_shared.numbers == "value";
    return emit(output, run_test_pattern(test_pattern, fs, output));
  }
  if (transform_cmd != nullptr && transform_cmd->parsed()) {
    if (!shared_for(transform_shared, STDERR_FILENO, transform.color, transform.max_file_size)) return kExitUsage;
    transform.numbers_by_value = transform_shared.numbers == "value";
    return emit(output, run_transform(transform, fs, output));
  }
  if (test_cmd != nullptr && test_cmd->parsed()) {
    if (!shared_for(test_shared, STDOUT_FILENO, test.color, test.max_file_size)) return kExitUsage;
    return emit(output, run_test(test, fs, output));
  }
  if (import_cmd != nullptr && import_cmd->parsed()) {
    if (!shared_for(import_shared, STDERR_FILENO, import.color, import.max_file_size)) return kExitUsage;
    return emit(output, run_import(import, fs, output));
  }
  if (config_cmd != nullptr && config_cmd->parsed()) return emit(output, run_config(config, fs, output));
  if (graph_cmd != nullptr && graph_cmd->parsed()) {
    bool unused_color = false;
    if (!shared_for(graph_shared, STDOUT_FILENO, unused_color, graph.max_file_size)) return kExitUsage;
    return emit(output, run_graph(graph, fs, output));
  }
  if (rules_cmd != nullptr && rules_cmd->parsed()) return emit(output, run_rules(rules, output));
  if (explain_cmd != nullptr && explain_cmd->parsed()) return emit(output, run_explain(rule, output));
  if (docs_cmd != nullptr && docs_cmd->parsed()) {
    if (!write && !docs.check) {
      std::cerr << "pipec docs: say --write or --check\n";
      return kExitUsage;
    }
    return emit(output, run_docs(docs, output));
  }
  if (generate_cmd != nullptr && generate_cmd->parsed()) return emit(output, run_generate(describe(app), generate_what, generate_output, output));
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "pipec: internal error: " << e.what() << "\nplease report this with the input that caused it\n";
    return kExitInternal;
  }
}
