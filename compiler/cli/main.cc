// pipec's entry point: argument parsing (the only place CLI11 is included),
// dispatch to a command, and the one handler that turns an escaped exception
// into a message and an exit status.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "model/kind.h"

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

int emit(const Output& output, int status) {
  std::fwrite(output.out.data(), 1, output.out.size(), stdout);
  std::fwrite(output.err.data(), 1, output.err.size(), stderr);
  std::fflush(stdout);
  return status;
}

int run(int argc, char** argv) {
  CLI::App app{"pipec: a compiler and linter for AWS container delivery pipelines (ECR, CodePipeline, ECS, EventBridge)",
               "pipec"};
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(1);

  LintOptions lint;
  std::string color = "auto";
  std::string max_size = "8M";
  bool quiet = false;
  std::string kinds;
  for (const auto& k : pipec::model::all_kinds()) kinds += "\n  " + std::string(k.name) + ": " + std::string(k.description);
  auto* lint_cmd = app.add_subcommand("lint", "check files and folders (default: the current folder)");
  lint_cmd->footer("Kinds (detected from each file's shape, or forced with --kind):" + kinds +
                   "\n\nExit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input, 3 internal error.");
  lint_cmd->add_option("paths", lint.paths, "files and folders to check; folders are walked, skipping .git, node_modules and build folders");
  lint_cmd->add_option("--format", lint.format, "output format")
      ->check(CLI::IsMember({"text", "short", "json", "sarif", "github"}))
      ->capture_default_str();
  lint_cmd->add_option("--color", color, "colour in text output")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  lint_cmd->add_option("--fail-on", lint.fail_on, "lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  lint_cmd->add_option("--kind", lint.kind, "treat every file as this kind");
  lint_cmd->add_option("--select", lint.select, "run only these rules (ids, names or id prefixes such as CP3; repeat or use commas)")
      ->allow_extra_args(false);
  lint_cmd->add_option("--ignore", lint.ignore, "skip these rules (ids, names or id prefixes)")->allow_extra_args(false);
  lint_cmd->add_option("--max-file-size", max_size, "skip reading files larger than this (8M, 512K, …)")->capture_default_str();
  lint_cmd->add_flag("--exit-zero", lint.exit_zero, "exit 0 even when there are findings (unreadable input still exits 2)");
  lint_cmd->add_flag("-q,--quiet", quiet, "no closing summary line in text output");

  BuildOptions build;
  std::string build_color = "auto";
  std::string build_max_size = "8M";
  auto* build_cmd = app.add_subcommand("build", "compile a .pipe file into CodePipeline JSON, CloudFormation, transformers and buildspecs");
  build_cmd->footer(
      "Writes, under the output folder: <pipeline>.codepipeline.json (create-pipeline input), <file>.cfn.yaml or .cfn.json "
      "(CloudFormation), <rule>.transformer.json (input transformers) and <pipeline>.<action>.buildspec.yml (conversion steps). "
      "The file is linted first: any error, and nothing is written.\n\nExit status: 0 written, 1 findings, 2 usage error or "
      "unreadable input, 3 internal error.");
  build_cmd->add_option("file", build.file, "the .pipe file")->required();
  build_cmd->add_option("-o,--output", build.output_dir, "the folder to write into (created if missing)")->required();
  build_cmd->add_option("--emit", build.emit, "what to write: codepipeline, cloudformation, transformer, buildspec (default: all)")
      ->allow_extra_args(false);
  build_cmd->add_option("--cfn-format", build.cfn_format, "CloudFormation as yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  build_cmd->add_option("--var", build.vars, "account=…, region=… or partition=…, for CodePipeline JSON")->allow_extra_args(false);
  build_cmd->add_option("--format", build.format, "format of diagnostics")
      ->check(CLI::IsMember({"text", "short", "json", "sarif", "github"}))
      ->capture_default_str();
  build_cmd->add_option("--color", build_color, "colour in text output")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  build_cmd->add_option("--max-file-size", build_max_size, "skip reading files larger than this")->capture_default_str();
  build_cmd->add_flag("-q,--quiet", build.quiet, "do not list the files written");

  PatternTestOptions test_pattern;
  std::string test_pattern_color = "auto";
  std::string test_pattern_max_size = "8M";
  std::string test_pattern_numbers = "text";
  auto* test_pattern_cmd =
      app.add_subcommand("test-pattern", "match a rule's event pattern against events, as EventBridge would, offline");
  test_pattern_cmd->footer(
      "The first file declares the pattern: a pattern file, PutRule input, a CloudFormation template or a .pipe file "
      "(--rule picks one when it declares several). Each event file is read as an event, whatever its shape.\n\n"
      "Exit status: 0 every event matches, 1 one does not, 2 usage error, unreadable input or an invalid pattern.");
  test_pattern_cmd->add_option("pattern", test_pattern.declaring, "the file that declares the pattern")->required();
  test_pattern_cmd->add_option("events", test_pattern.events, "event files (JSON)")->required();
  test_pattern_cmd->add_option("--rule", test_pattern.rule, "the rule, by Name, logical ID or .pipe name");
  test_pattern_cmd->add_option("--var", test_pattern.vars, "account=…, region=… or partition=…, for .pipe files")->allow_extra_args(false);
  test_pattern_cmd->add_option("--numbers", test_pattern_numbers, "exact numbers compared as text (the user guide) or by value (event-ruler)")
      ->check(CLI::IsMember({"text", "value"}))
      ->capture_default_str();
  test_pattern_cmd->add_option("--format", test_pattern.format, "output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  test_pattern_cmd->add_option("--color", test_pattern_color, "colour in text output")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  test_pattern_cmd->add_option("--max-file-size", test_pattern_max_size, "skip reading files larger than this")->capture_default_str();
  test_pattern_cmd->add_flag("-q,--quiet", test_pattern.quiet, "print nothing; the exit status says it");

  TransformOptions transform;
  std::string transform_color = "auto";
  std::string transform_max_size = "8M";
  std::string transform_numbers = "text";
  auto* transform_cmd = app.add_subcommand("transform", "print what a rule's target receives for an event (input transformers rendered as EventBridge does)");
  transform_cmd->footer(
      "The first file declares the target: an input transformer file, PutTargets input, a CloudFormation template or a "
      ".pipe file; --with adds files that declare the rule (PutRule input beside PutTargets input). The input goes to "
      "stdout, followed by a newline; problems go to stderr.\n\nExit status: 0 printed, 1 the input is not what the "
      "target accepts (not JSON, or not StartPipelineExecution input for a pipeline), 2 usage error, unreadable input or "
      "a transformer EventBridge refuses.");
  transform_cmd->add_option("file", transform.declaring, "the file that declares the target or transformer")->required();
  transform_cmd->add_option("event", transform.event, "the event file (JSON)")->required();
  transform_cmd->add_option("--with", transform.also, "another file that declares the rule (repeatable)")->allow_extra_args(false);
  transform_cmd->add_option("--rule", transform.rule, "the rule, by Name, logical ID or .pipe name");
  transform_cmd->add_option("--target", transform.target, "the target, by Id");
  transform_cmd->add_option("--rule-name", transform.rule_name, "<aws.events.rule-name> (default: the rule's Name)");
  transform_cmd->add_option("--rule-arn", transform.rule_arn, "<aws.events.rule-arn> (default: built from the rule name and the event's region and account)");
  transform_cmd->add_option("--ingestion-time", transform.ingestion_time, "<aws.events.event.ingestion-time> (default: the event's time)");
  transform_cmd->add_option("--var", transform.vars, "account=…, region=… or partition=…, for .pipe files")->allow_extra_args(false);
  transform_cmd->add_flag("--pipeline", transform.pipeline, "check the input as StartPipelineExecution input (automatic for a pipeline target)");
  transform_cmd->add_option("--numbers", transform_numbers, "exact numbers compared as text or by value, for the rule's pattern")
      ->check(CLI::IsMember({"text", "value"}))
      ->capture_default_str();
  transform_cmd->add_option("--color", transform_color, "colour in diagnostics")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  transform_cmd->add_option("--max-file-size", transform_max_size, "skip reading files larger than this")->capture_default_str();

  TestOptions test;
  std::string test_color = "auto";
  std::string test_max_size = "8M";
  auto* test_cmd = app.add_subcommand("test", "run rule test suites (*.test.yaml): does each rule match, and what does its target receive");
  test_cmd->footer(
      "A suite lists cases: the files that declare a rule (or a pattern written in the case), events (files or written "
      "in the case), whether the rule matches, and the input its target receives (docs/testing.md). Folders are searched "
      "for *.test.yaml and *.test.yml.\n\nExit status: 0 every case passes, 1 one fails, 2 usage error or a suite that "
      "cannot be read.");
  test_cmd->add_option("paths", test.paths, "suites, or folders to search (default: the current folder)");
  test_cmd->add_option("--filter", test.filter, "run only the cases whose name contains this text");
  test_cmd->add_option("--var", test.vars, "account=…, region=… or partition=…, for .pipe files (over a suite's vars)")->allow_extra_args(false);
  test_cmd->add_option("--format", test.format, "output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  test_cmd->add_option("--color", test_color, "colour in text output")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  test_cmd->add_option("--max-file-size", test_max_size, "skip reading files larger than this")->capture_default_str();
  test_cmd->add_flag("-q,--quiet", test.quiet, "print failures and the summary only");

  RulesOptions rules;
  auto* rules_cmd = app.add_subcommand("rules", "list the rules");
  rules_cmd->add_option("--format", rules.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  std::string rule;
  auto* explain_cmd = app.add_subcommand("explain", "print a rule's documentation page");
  explain_cmd->add_option("rule", rule, "rule id or name, such as CP2001 or ecs-deploy-reads-image-detail")->required();

  DocsOptions docs;
  bool write = false;
  auto* docs_cmd = app.add_subcommand("docs", "write or check the rule pages (docs/rules/)");
  docs_cmd->add_option("directory", docs.directory, "where the pages live")->capture_default_str();
  auto* write_flag = docs_cmd->add_flag("--write", write, "write the pages");
  docs_cmd->add_flag("--check", docs.check, "fail if a page is missing or out of date")->excludes(write_flag);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitClean : kExitUsage;
  }

  Output output;
  if (lint_cmd->parsed()) {
    lint.color = color_wanted(color);
    lint.summary = !quiet;
    try {
      lint.max_file_size = parse_size(max_size);
    } catch (const std::exception&) {
      std::cerr << "pipec: --max-file-size: expected a size such as 8M, 512K or 1048576\n";
      return kExitUsage;
    }
    const pipec::source::DiskFileSystem fs;
    return emit(output, run_lint(lint, fs, output));
  }
  if (build_cmd->parsed()) {
    build.color = color_wanted(build_color);
    try {
      build.max_file_size = parse_size(build_max_size);
    } catch (const std::exception&) {
      std::cerr << "pipec: --max-file-size: expected a size such as 8M, 512K or 1048576\n";
      return kExitUsage;
    }
    const pipec::source::DiskFileSystem fs;
    return emit(output, run_build(build, fs, output));
  }
  if (test_pattern_cmd->parsed()) {
    test_pattern.color = color_wanted(test_pattern_color);
    test_pattern.numbers_by_value = test_pattern_numbers == "value";
    const auto size = size_option(test_pattern_max_size);
    if (!size) return kExitUsage;
    test_pattern.max_file_size = *size;
    const pipec::source::DiskFileSystem fs;
    return emit(output, run_test_pattern(test_pattern, fs, output));
  }
  if (transform_cmd->parsed()) {
    transform.color = color_wanted(transform_color, STDERR_FILENO);
    transform.numbers_by_value = transform_numbers == "value";
    const auto size = size_option(transform_max_size);
    if (!size) return kExitUsage;
    transform.max_file_size = *size;
    const pipec::source::DiskFileSystem fs;
    return emit(output, run_transform(transform, fs, output));
  }
  if (test_cmd->parsed()) {
    test.color = color_wanted(test_color);
    const auto size = size_option(test_max_size);
    if (!size) return kExitUsage;
    test.max_file_size = *size;
    const pipec::source::DiskFileSystem fs;
    return emit(output, run_test(test, fs, output));
  }
  if (rules_cmd->parsed()) return emit(output, run_rules(rules, output));
  if (explain_cmd->parsed()) return emit(output, run_explain(rule, output));
  if (docs_cmd->parsed()) {
    if (!write && !docs.check) {
      std::cerr << "pipec docs: say --write or --check\n";
      return kExitUsage;
    }
    return emit(output, run_docs(docs, output));
  }
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
