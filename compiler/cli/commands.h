#pragma once
// The subcommands, one file each. Each takes plain options (CLI11 stays in
// main.cc), writes to the strings it is given and returns an exit status.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "source/file_system.h"

namespace pipec::cli {

struct Output {
  std::string out;  ///< for stdout
  std::string err;  ///< for stderr
  /// Set by main: writes what `out` and `err` hold so far (masked, as
  /// everything pipec prints) and empties them, for a command that answers
  /// as it reads (a stream of events). Unset (tests): they keep it all.
  std::function<void(Output&)> write;

  /// Hands what has been said to `write`, if set.
  void flush() {
    if (write) write(*this);
  }
  /// flush() once enough is pending to be worth a write.
  void flush_if_full() {
    if (out.size() + err.size() >= (1u << 16)) flush();
  }

  /// What a command made and no longer needs (a lint's workspace, documents
  /// and report), handed over rather than freed: main ends the process once
  /// the output is written, without freeing it piece by piece (2 ms for 100
  /// templates), as compilers do; a test frees it with the Output.
  template <typename T>
  void keep(std::unique_ptr<T> made) {
    if (made) kept.emplace_back(std::move(made));
  }
  std::vector<std::shared_ptr<void>> kept;
};

struct LintOptions {
  std::vector<std::string> paths;
  std::string format = "text";  ///< text, short, json, sarif, github, junit, gitlab
  bool color = false;
  std::string fail_on;  ///< error, warning, info, never; empty: the configuration's, else error
  std::optional<std::string> kind;
  std::vector<std::string> select, ignore;
  std::uint64_t max_file_size = 8ull << 20;
  bool exit_zero = false;
  bool summary = true;
  bool read_outside_repository = false;  ///< files a .pipe names outside its repository
  std::optional<std::string> config;     ///< --config: one .pipec.yaml for every file
  bool no_config = false;                ///< --no-config: no .pipec.yaml, no suppression comments
  std::optional<std::string> baseline;        ///< --baseline: report only findings it does not record
  std::optional<std::string> write_baseline;  ///< --write-baseline: record today's findings
  bool add_suppressions = false;         ///< --add-suppressions: suppress today's findings where they are
  std::string reason;                    ///< --reason: the reason --add-suppressions writes
  bool fix = false;                      ///< --fix: apply the fixes that are certain
  bool diff = false;                     ///< --diff: print them as a diff instead
  std::optional<std::string> output_file;  ///< --output: the report to a file instead of stdout
  std::optional<std::size_t> max_warnings;  ///< --max-warnings: more warnings than this fail the run
  std::optional<std::string> stdin_filename;  ///< the path `-` (stdin) is linted as
};
[[nodiscard]] int run_lint(const LintOptions& options, const source::FileSystem& fs, Output& output);

struct GraphOptions {
  std::vector<std::string> paths;         ///< files and folders (default: the current folder)
  std::string format = "mermaid";         ///< mermaid or dot
  std::optional<std::string> pipeline;    ///< --pipeline: only this one
  std::vector<std::string> vars;          ///< for .pipe pseudo-parameters
  std::uint64_t max_file_size = 8ull << 20;
};
/// Prints the pipelines read and the rules that start them as a graph.
[[nodiscard]] int run_graph(const GraphOptions& options, const source::FileSystem& fs, Output& output);

struct ImportOptions {
  std::vector<std::string> paths;          ///< CodePipeline JSON, CloudFormation templates, PutRule/PutTargets input
  std::optional<std::string> output_file;  ///< -o: the .pipe file, written atomically (default: stdout)
  bool color = false;                      ///< in diagnostics (stderr)
  std::uint64_t max_file_size = 8ull << 20;
};
/// Writes existing pipelines and the rules that start them as a .pipe file.
/// 0: written (warnings for what the language cannot say); 1: an input has
/// errors; 2: usage error, or an input that cannot be read or declares no pipeline.
[[nodiscard]] int run_import(const ImportOptions& options, const source::FileSystem& fs, Output& output);

struct ConfigOptions {
  std::vector<std::string> paths;     ///< the files to explain (default: the current folder)
  std::optional<std::string> config;  ///< --config
};
/// Prints what the configuration decides for each path, and where it says so.
[[nodiscard]] int run_config(const ConfigOptions& options, const source::FileSystem& fs, Output& output);

struct BuildOptions {
  std::string file;                 ///< the .pipe file
  std::string output_dir;           ///< -o
  std::vector<std::string> emit;    ///< codepipeline, cloudformation, transformer, buildspec (default: all)
  std::string cfn_format = "yaml";  ///< yaml or json
  std::vector<std::string> vars;    ///< name=value: account, region, partition
  std::string format = "text";      ///< for diagnostics
  bool color = false;
  bool quiet = false;
  std::uint64_t max_file_size = 8ull << 20;
  bool read_outside_repository = false;  ///< files the .pipe names outside its repository
  bool check = false;                    ///< compare with the output folder instead of writing (--check)
};
[[nodiscard]] int run_build(const BuildOptions& options, const source::FileSystem& fs, Output& output);

struct PatternTestOptions {
  std::string declaring;                 ///< a file that declares the pattern (pattern, rule, template, .pipe)
  std::vector<std::string> events;
  std::optional<std::string> event_stream;  ///< --events: a JSON-lines file of events, or - for stdin
  std::optional<std::string> rule;       ///< --rule: which one, when the file declares several
  std::vector<std::string> vars;         ///< for .pipe pseudo-parameters
  bool numbers_by_value = true;          ///< --numbers text: the user guide's reading of exact numbers
  std::string format = "text";           ///< text, json
  bool color = false;
  bool quiet = false;
  std::uint64_t max_file_size = 8ull << 20;
};
/// 0: every event matches; 1: one does not; 2: bad input.
[[nodiscard]] int run_test_pattern(const PatternTestOptions& options, const source::FileSystem& fs, Output& output);

struct TransformOptions {
  std::string declaring;                 ///< a transformer, PutTargets input, template or .pipe file
  std::vector<std::string> also;         ///< more files that declare the rule (--with)
  std::string event;
  std::optional<std::string> event_stream;  ///< --events: a JSON-lines file, or "-" for stdin
  std::optional<std::string> rule, target;
  std::optional<std::string> rule_name, rule_arn, ingestion_time;
  std::vector<std::string> vars;
  bool pipeline = false;                 ///< check the payload as StartPipelineExecution input
  bool numbers_by_value = true;
  bool color = false;
  std::uint64_t max_file_size = 8ull << 20;
};
/// 0: payload printed; 1: the payload is not what the target accepts; 2: bad input or an invalid transformer.
[[nodiscard]] int run_transform(const TransformOptions& options, const source::FileSystem& fs, Output& output);

struct TestOptions {
  std::vector<std::string> paths;        ///< suites, or folders searched for *.test.yaml (default: the current folder)
  std::optional<std::string> filter;     ///< run only cases whose name contains this
  std::vector<std::string> vars;         ///< for .pipe files; a suite's own vars give way to these
  std::string format = "text";           ///< text, json
  bool color = false;
  bool quiet = false;                    ///< failures and the summary only
  std::uint64_t max_file_size = 8ull << 20;
  bool read_outside_repository = false;  ///< files a suite names outside its repository
};
/// 0: every case passes; 1: one fails; 2: usage error, or a suite that cannot be read.
[[nodiscard]] int run_test(const TestOptions& options, const source::FileSystem& fs, Output& output);

struct RulesOptions {
  std::string format = "text";  ///< text, json
};
[[nodiscard]] int run_rules(const RulesOptions& options, Output& output);

[[nodiscard]] int run_explain(const std::string& rule, Output& output);

struct DocsOptions {
  std::string directory = "docs/rules";
  bool check = false;  ///< compare instead of write
};
[[nodiscard]] int run_docs(const DocsOptions& options, Output& output);

/// The version printed by --version and written into SARIF.
[[nodiscard]] std::string_view version();

}  // namespace pipec::cli
