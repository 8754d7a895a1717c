#include "driver/build.h"

#include "util/spelling.h"

#include <fmt/core.h>

#include <set>

#include "driver/pipe_front_end.h"
#include "source/write_folder.h"
#include "util/text.h"

namespace pipec::driver {

namespace {

// A value given for a name that is neither a pseudo-parameter nor one of the
// file's parameters, or outside a parameter's allowed values: what is wrong,
// or nothing.
std::string unknown_var(const dsl::ir::Program& program, const dsl::Vars& vars) {
  std::vector<std::string> names{"account", "region", "partition"};
  for (const auto& p : program.parameters) names.push_back(p.name.text);
  for (const auto& entry : vars) {
    const std::string& name = entry.first;  // not a structured binding: clang before 16 cannot capture one
    const std::string& value = entry.second;
    const auto parameter = std::find_if(program.parameters.begin(), program.parameters.end(),
                                        [&](const dsl::ir::Parameter& p) { return p.name.text == name; });
    if (parameter != program.parameters.end()) {
      if (!parameter->allowed.empty() &&
          std::find(parameter->allowed.begin(), parameter->allowed.end(), value) == parameter->allowed.end()) {
        return fmt::format("--var {}={}: parameter {} allows {}", name, value, name, util::quote_list(parameter->allowed));
      }
      continue;
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::string message = fmt::format("--var {}: the file declares no parameter {}", name, util::quote(name));
    if (const auto guess = util::closest_match(name, names)) message += fmt::format("; did you mean {}?", util::quote(*guess));
    return message;
  }
  return {};
}

std::string stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".pipe")) name.resize(name.size() - 5);
  return name;
}

// Whether a file in the output folder is named as this build names the
// files it writes, so that one it no longer writes (a pipeline or rule
// renamed or removed, another --cfn-format) is told from the user's own
// files. Only kinds the build writes count, and the template only under the
// .pipe file's stem; other names are the user's. The folder is taken to hold
// one .pipe file's outputs: another's files of the same kinds look stale.
bool named_as_output(const std::string& name, const emit::BuildInput& input) {
  if (name.starts_with(".")) return false;
  const auto writes = [&](emit::Output o) { return input.outputs.contains(o); };
  return (writes(emit::Output::codepipeline) && name.ends_with(".codepipeline.json")) ||
         (writes(emit::Output::transformer) && name.ends_with(".transformer.json")) ||
         (writes(emit::Output::buildspec) && name.ends_with(".buildspec.yml")) ||
         (writes(emit::Output::cloudformation) && (name == input.stem + ".cfn.yaml" || name == input.stem + ".cfn.json"));
}

// --check: the planned files against the folder, read through `fs` as
// lint reads. Fills out.drift, or out.write_error when the folder cannot be
// read (then the check says nothing about drift).
void compare_folder(const source::FileSystem& fs, const emit::BuildInput& input, Build& out) {
  const source::Entry folder = fs.stat(input.directory);
  if (folder.type != source::EntryType::missing && folder.type != source::EntryType::directory) {
    out.write_error = fmt::format("{} is not a folder", input.directory);
    out.outcome = Build::Outcome::check_failed;
    return;
  }
  std::set<std::string> planned;
  for (const auto& f : out.plan.files) {
    planned.insert(f.name);
    const source::Entry entry = fs.stat(f.path);
    if (entry.type == source::EntryType::missing) {
      out.drift.push_back({Drift::Kind::missing, f.path, {}, f.text});
      continue;
    }
    const source::ReadResult committed = fs.read(f.path);
    if (!committed.ok) {
      out.write_error = fmt::format("cannot read {}: {}", f.path, committed.error);
      out.outcome = Build::Outcome::check_failed;
      return;
    }
    if (committed.text != f.text) out.drift.push_back({Drift::Kind::changed, f.path, committed.text, f.text});
  }
  if (folder.type == source::EntryType::directory) {
    std::string error;
    const auto names = fs.list(input.directory, &error);
    if (!error.empty()) {
      out.write_error = fmt::format("cannot list {}: {}", input.directory, error);
      out.outcome = Build::Outcome::check_failed;
      return;
    }
    for (const auto& name : names) {  // sorted: a stable order
      if (planned.contains(name) || !named_as_output(name, input)) continue;
      const std::string path = source::join_path(input.directory, name);
      if (fs.stat(path).type != source::EntryType::file) continue;
      out.drift.push_back({Drift::Kind::stale, path, {}, {}});
    }
  }
  out.outcome = Build::Outcome::checked;
}

}  // namespace

Build build(const source::FileSystem& fs, const BuildRequest& request) {
  Build out;
  LintRequest lint_request;
  lint_request.paths = {request.file};
  lint_request.load.max_file_size = request.max_file_size;
  lint_request.load.read_outside_repository = request.read_outside_repository;
  lint_request.vars = request.vars;
  // The .pipe file's .pipec.yaml: its rule settings and suppressions, and
  // the vars it gives (under --var's).
  lint_request.configure = true;
  out.source = lint(fs, lint_request);
  if (out.source->unreadable()) {
    out.outcome = Build::Outcome::unreadable;
    return out;
  }
  if (out.source->has_errors()) {
    out.outcome = Build::Outcome::source_errors;
    return out;
  }
  const Compiled* compiled = nullptr;
  for (const auto& f : out.source->workspace.files) {
    if (f.kind == model::Kind::dsl) compiled = out.source->compiled(f.file);
  }
  if (compiled == nullptr) {
    out.outcome = Build::Outcome::not_pipe;
    return out;
  }
  // An error about the file as a whole (no token to point at): at its start.
  const auto file_error = [&](std::string message, std::string help) {
    diag::Diagnostic d;
    d.severity = diag::Severity::error;
    for (const auto& f : out.source->workspace.files) {
      if (f.kind == model::Kind::dsl) d.span = source::Span{f.file, 0, 0};
    }
    d.message = std::move(message);
    d.help.push_back(std::move(help));
    out.source->report.diagnostics.push_back(std::move(d));
    diag::finalize(out.source->report);
    out.outcome = Build::Outcome::source_errors;
  };
  if (const auto problem = unknown_var(compiled->program, out.source->vars); !problem.empty()) {
    file_error(problem, "--var takes account, region, partition and the file's parameters (parameter NAME = \"default\")");
    return out;
  }
  if (compiled->program.pipelines.empty() && compiled->program.rules.empty()) {
    // A template with no resources is one CloudFormation refuses.
    file_error("the file declares no pipeline and no rule: there is nothing to build",
               "declare a pipeline (pipeline NAME { … }) or a rule (rule NAME { … }); docs/dsl.md shows both");
    return out;
  }

  emit::BuildInput input;
  input.program = &compiled->program;
  input.pattern_files = compiled->pattern_files;
  input.stem = stem(request.file);
  input.description = fmt::format("Generated by pipec {} from {}", request.tool_version, input.stem + ".pipe");
  input.outputs = request.outputs;
  if (input.outputs.empty()) {
    input.outputs = {emit::Output::codepipeline, emit::Output::cloudformation, emit::Output::transformer, emit::Output::buildspec};
  }
  input.cfn_format = request.cfn_format;
  input.vars = out.source->vars;
  input.directory = request.directory.empty() ? "." : request.directory;
  out.plan = emit::plan_build(input);
  for (const auto& k : out.plan.key_from_stack) {
    diag::Diagnostic d;
    d.severity = diag::Severity::warning;
    d.span = k.span;
    d.message = fmt::format("pipeline {} is not written as CodePipeline JSON: its artifact key is the one its CloudFormation "
                            "stack creates, and only the stack knows the key's ARN",
                            util::quote(k.pipeline));
    d.label = "a key the stack creates, for actions in other accounts";
    d.notes.push_back("cross-account actions need the key named by its ID or ARN: an alias is recognized only in the "
                      "key's own account (AWS::CodePipeline::Pipeline EncryptionKey)");
    d.help.push_back("deploy the CloudFormation, which creates the pipeline too; or create the key yourself and name it: "
                     "store s3 \"bucket\" kms \"arn:aws:kms:…:key/…\"");
    out.source->report.diagnostics.push_back(std::move(d));
  }
  // CloudFormation knows the pseudo-parameters, so the rest is written;
  // the CodePipeline JSON that needs values nobody gave is left out, with
  // one warning per pipeline naming every value it needs. Said as
  // diagnostics of the run, so every output format carries them.
  for (const auto& m : out.plan.missing) {
    std::vector<std::string> names, flags, known;
    for (const auto p : m.parameters) {
      names.push_back(fmt::format("${{{}}}", dsl::ir::pseudo_name(p)));
      flags.push_back(fmt::format("--var {}=…", dsl::ir::pseudo_name(p)));
      known.emplace_back(dsl::ir::pseudo_cloudformation(p));
    }
    diag::Diagnostic d;
    d.severity = diag::Severity::warning;
    d.span = m.span;
    d.message = fmt::format("pipeline {} is not written as CodePipeline JSON: it needs {}, and no value was given",
                            util::quote(m.pipeline), util::list(names));
    d.label = fmt::format("needs {}", util::list(names));
    d.help.push_back(fmt::format("give {} with {}, or under vars: in .pipec.yaml", m.parameters.size() == 1 ? "it" : "them",
                                 util::list(flags, "and")));
    d.notes.push_back(fmt::format("the CloudFormation is written: it knows {}", util::list(known)));
    out.source->report.diagnostics.push_back(std::move(d));
  }
  if (!out.plan.missing.empty() || !out.plan.key_from_stack.empty()) {
    diag::finalize(out.source->report);
    // Only CodePipeline JSON was asked for, and none of it can be written.
    if (out.plan.files.empty()) {
      out.outcome = Build::Outcome::missing_values;
      return out;
    }
  }

  // What would be written passes lint, or nothing is written.
  source::MemoryFileSystem generated;
  LintRequest generated_request;
  for (const auto& f : out.plan.files) {
    if (f.path.ends_with(".json") || f.path.ends_with(".cfn.yaml") || f.path.ends_with(".buildspec.yml")) {
      generated.add(f.path, f.text);
      generated_request.paths.push_back(f.path);
    }
  }
  if (!generated_request.paths.empty()) {
    out.generated = lint(generated, generated_request);
    if (out.generated->has_errors()) {
      out.outcome = Build::Outcome::generated_errors;
      return out;
    }
  }

  if (request.check) {
    compare_folder(fs, input, out);
    return out;
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& f : out.plan.files) files.emplace_back(f.name, f.text);
  if (const auto error = source::write_folder_atomically(input.directory, files)) {
    out.write_error = *error;
    out.outcome = Build::Outcome::write_failed;
  }
  return out;
}

}  // namespace pipec::driver
