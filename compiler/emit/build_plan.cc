#include "emit/build_plan.h"

#include <algorithm>

#include "emit/api_shapes.h"
#include "emit/buildspec.h"
#include "emit/json_text.h"
#include "source/file_system.h"

namespace pipec::emit {

std::optional<Output> parse_output(std::string_view name) {
  if (name == "codepipeline") return Output::codepipeline;
  if (name == "cloudformation") return Output::cloudformation;
  if (name == "transformer") return Output::transformer;
  if (name == "buildspec") return Output::buildspec;
  return std::nullopt;
}

BuildPlan plan_build(const BuildInput& input) {
  BuildPlan plan;
  const dsl::ir::Program& program = *input.program;
  // A `let account = …` fixes the value as a --var would, and wins over one.
  const dsl::Vars vars = program.values_over(input.vars);
  const auto file = [&](std::string name, std::string text) {
    std::string path = source::join_path(input.directory, name);
    plan.files.push_back({std::move(name), std::move(path), std::move(text)});
  };
  if (input.outputs.contains(Output::codepipeline)) {
    for (const auto& p : program.pipelines) {
      const auto generated_key = std::find_if(p.stores.begin(), p.stores.end(), [](const dsl::ir::Store& s) { return s.generated_key; });
      if (generated_key != p.stores.end()) {
        plan.key_from_stack.push_back({p.name.text, generated_key->span});
        continue;
      }
      JsonText json = json_text(codepipeline_json(p, vars), {JsonTextOptions::Values::written_out, &vars, false});
      if (!(json.text.empty() && json.missing)) {
        file(p.name.text + ".codepipeline.json", std::move(json.text));
        continue;
      }
      // Every value it needs, said at once: each pass stands a value in for
      // the one the last pass lacked (there are three pseudo-parameters).
      MissingValue m{p.name.text, {}, json.missing->span};
      dsl::Vars probe = vars;
      while (json.text.empty() && json.missing && m.parameters.size() < 3) {
        m.parameters.push_back(json.missing->parameter);
        probe[std::string(dsl::ir::pseudo_name(json.missing->parameter))] = "?";
        json = json_text(codepipeline_json(p, probe), {JsonTextOptions::Values::written_out, &probe, false});
      }
      plan.missing.push_back(std::move(m));
    }
  }
  if (input.outputs.contains(Output::transformer)) {
    for (const auto& r : program.rules) {
      for (const auto& t : r.targets) {
        const auto transformer = transformer_json(t);
        if (!transformer) continue;
        const std::string name = r.targets.size() == 1 ? r.name.text + ".transformer.json"
                                                        : r.name.text + "." + target_id(t) + ".transformer.json";
        file(name, json_text(*transformer, {JsonTextOptions::Values::written_out, &vars, true}).text);
      }
    }
  }
  if (input.outputs.contains(Output::buildspec)) {
    for (const auto& p : program.pipelines) {
      for (const auto& st : p.stages) {
        for (const auto& a : st.actions) {
          if (auto text = project_buildspec(a)) file(p.name.text + "." + a.name.text + ".buildspec.yml", std::move(*text));
        }
      }
    }
  }
  if (input.outputs.contains(Output::cloudformation)) {
    const bool json = input.cfn_format == CfnFormat::json;
    file(input.stem + (json ? ".cfn.json" : ".cfn.yaml"),
         emit_cloudformation({input.program, input.description, input.pattern_files}, input.cfn_format));
  }
  return plan;
}

}  // namespace pipec::emit
