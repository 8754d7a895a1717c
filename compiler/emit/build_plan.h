#pragma once
// What `pipec build` writes for a resolved .pipe program: which files, by
// which names, with which text. Deciding it is separate from writing it, so
// that everything can be linted before anything touches the disk.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "dsl/ir.h"
#include "dsl/vars.h"
#include "emit/cloudformation.h"

namespace pipec::emit {

/// What a build may write (`--emit`).
enum class Output { codepipeline, cloudformation, transformer, buildspec };
/// "codepipeline" -> Output::codepipeline, for the command line.
[[nodiscard]] std::optional<Output> parse_output(std::string_view name);

struct BuildInput {
  const dsl::ir::Program* program = nullptr;
  std::map<std::string, dsl::ir::Json> pattern_files;  ///< patterns read from `pattern file`, by rule name
  std::string stem;         ///< the .pipe file's name without ".pipe": the template's name
  std::string description;  ///< the template's Description
  std::set<Output> outputs;
  CfnFormat cfn_format = CfnFormat::yaml;
  dsl::Vars vars;
  std::string directory;    ///< where the files go
};

struct PlannedFile {
  std::string name;  ///< in the output folder
  std::string path;  ///< the folder and the name
  std::string text;
};

/// A pipeline whose CodePipeline JSON cannot be written: it needs the
/// values of pseudo-parameters nobody gave (`--var account=…`).
struct MissingValue {
  std::string pipeline;
  std::vector<dsl::ir::Pseudo> parameters;  ///< every one it needs, in the order first needed
  source::Span span;                        ///< what asked for the first
};

/// A pipeline whose CodePipeline JSON cannot be written: its artifact key
/// is one the CloudFormation stack creates, whose ARN only the stack knows.
struct KeyFromStack {
  std::string pipeline;
  source::Span span;  ///< the store
};

struct BuildPlan {
  std::vector<PlannedFile> files;
  std::vector<MissingValue> missing;
  std::vector<KeyFromStack> key_from_stack;
};

[[nodiscard]] BuildPlan plan_build(const BuildInput& input);

}  // namespace pipec::emit
