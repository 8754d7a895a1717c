// `pipec import` round trips: a pipeline built from .pipe (or written for
// the test) is imported, the import is built again, and the two are compared
// as CodePipeline and EventBridge read them: stages, actions, action types,
// configuration, artifacts, run order, roles, stores, variables; rules'
// patterns, targets and input transformers. The comparison is on the
// documents as read (normalized JSON), never on text.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "driver/build.h"
#include "driver/import.h"
#include "dsl/parser.h"
#include "emit/pipe_source.h"
#include "model/cloudformation.h"
#include "support/golden.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using pipec::syntax::Document;
using pipec::syntax::NodeId;
using pipec::syntax::NodeKind;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// us-east-1: round-trip/cross-region.json keeps its artifacts in us-east-1 and eu-central-1, and a pipeline
// with artifactStores needs a store in its own Region (CP1006).
const pipec::dsl::Vars kVars = {{"account", "123456789012"}, {"region", "us-east-1"}, {"partition", "aws"}};

// A value as read, with scalars as text (YAML's `false` and JSON's "false"
// are the same configuration) and intrinsic functions in one spelling.
json canonical(const Document& d, NodeId node) {
  if (node == pipec::syntax::kNoNode) return nullptr;
  const auto& n = d.node(node);
  switch (n.kind) {
    case NodeKind::string:
    case NodeKind::number: return n.text;
    case NodeKind::boolean: return n.boolean ? "true" : "false";
    case NodeKind::array: {
      json out = json::array();
      for (const NodeId i : d.items(node)) out.push_back(canonical(d, i));
      return out;
    }
    case NodeKind::object: break;
    default: return nullptr;
  }
  const auto members = d.members(node);
  if (members.size() == 1) {
    const auto& m = members.front();
    if (m.key == "Ref" && d.is(m.value, NodeKind::string) && d.node(m.value).text.starts_with("AWS::")) {
      return json{{"Fn::Sub", "${" + std::string(d.node(m.value).text) + "}"}};
    }
    if (m.key == "Fn::Sub") {
      json arg = canonical(d, m.value);
      if (arg.is_array() && arg.size() == 2 && arg[1].empty()) arg = arg[0];
      if (arg.is_string() && arg.get<std::string>().find("${") == std::string::npos) return arg;
      return json{{"Fn::Sub", arg}};
    }
    if (m.key == "Fn::GetAtt" && d.is(m.value, NodeKind::string)) {
      const std::string s(d.node(m.value).text);
      return json{{"Fn::GetAtt", json::array({s.substr(0, s.find('.')), s.substr(s.find('.') + 1)})}};
    }
  }
  json out = json::object();
  for (const auto& m : members) out[m.key] = canonical(d, m.value);
  return out;
}

json* member(json& object, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (object.is_object() && object.contains(k)) return &object[k];
  }
  return nullptr;
}

// A pipeline declaration as CodePipeline runs it: actions in run order with
// the order as a rank (1, 5 and 1, 2 are the same order), no empty lists.
json pipeline_canonical(const Document& d, NodeId declaration) {
  json p = canonical(d, declaration);
  p.erase("version");
  p.erase("metadata");
  if (json* stages = member(p, {"stages", "Stages"})) {
    for (auto& stage : *stages) {
      json* actions = member(stage, {"actions", "Actions"});
      if (actions == nullptr) continue;
      std::vector<std::pair<long long, json>> ordered;
      for (auto& a : *actions) {
        const json* order = member(a, {"runOrder", "RunOrder"});
        ordered.emplace_back(order != nullptr ? std::stoll(order->get<std::string>()) : 1, a);
      }
      std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      std::vector<long long> distinct;
      for (const auto& [o, a] : ordered) {
        if (distinct.empty() || distinct.back() != o) distinct.push_back(o);
      }
      json out = json::array();
      for (auto& [o, a] : ordered) {
        const auto rank = std::find(distinct.begin(), distinct.end(), o) - distinct.begin() + 1;
        a.erase("runOrder");
        a.erase("RunOrder");
        a["rank"] = rank;
        for (const char* k : {"inputArtifacts", "InputArtifacts", "outputArtifacts", "OutputArtifacts", "configuration", "Configuration"}) {
          if (a.contains(k) && a[k].empty()) a.erase(k);
        }
        if (json* config = member(a, {"configuration", "Configuration"})) {
          if (config->contains("EnvironmentVariables") && (*config)["EnvironmentVariables"].is_string()) {
            json env = json::parse((*config)["EnvironmentVariables"].get<std::string>());
            for (auto& v : env) {
              if (!v.contains("type")) v["type"] = "PLAINTEXT";
            }
            (*config)["EnvironmentVariables"] = env;
          }
        }
        out.push_back(a);
      }
      *actions = out;
    }
  }
  return p;
}

struct ImportedRun {
  std::unique_ptr<pipec::driver::LintRun> run;
  std::map<std::string, json> pipelines;  ///< by name
  std::map<std::string, json> rules;      ///< by name: pattern, settings, targets
};

json transformer_canonical(const pipec::model::Workspace& ws, const pipec::model::InputTransformer& t) {
  std::map<std::string, std::string> paths;
  for (const auto& p : t.paths) paths[p.key.value] = p.path.value;
  if (!t.input_template) return "no template";
  json tmpl = json::parse(t.input_template->text(ws.sources), nullptr, false);
  // Each placeholder as the path it stands for: the names are pipec's choice.
  std::function<void(json&)> fill = [&](json& v) {
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      if (s.size() > 2 && s.front() == '<' && s.back() == '>' && paths.contains(s.substr(1, s.size() - 2))) v = "<" + paths[s.substr(1, s.size() - 2)] + ">";
    } else if (v.is_structured()) {
      for (auto& child : v) fill(child);
    }
  };
  fill(tmpl);
  return tmpl;
}

ImportedRun load(const pipec::source::MemoryFileSystem& fs, const std::vector<std::string>& paths) {
  ImportedRun out;
  pipec::driver::LintRequest request;
  request.paths = paths;
  request.rules.select = {"CP0001"};
  out.run = pipec::driver::lint(fs, request);
  const auto& ws = out.run->workspace;
  for (const auto& p : ws.pipelines) {
    json& pipeline = out.pipelines[std::string(p.display_name())] = pipeline_canonical(*p.document, p.declaration);
    // create-pipeline input's tags sit beside the declaration.
    const Document& d = *p.document;
    if (d.get(d.root(), "pipeline") == p.declaration && d.get(d.root(), "tags") != pipec::syntax::kNoNode) {
      pipeline["create-pipeline tags"] = canonical(d, d.get(d.root(), "tags"));
    }
  }
  for (const auto& set : ws.target_sets) {
    if (!set.event_rule) continue;
    const auto& r = ws.event_rules[*set.event_rule];
    json rule = canonical(*r.document, r.node);
    rule.erase("Targets");
    rule.erase("EventPattern");
    if (r.pattern) rule["pattern"] = canonical(*r.pattern->document, r.pattern->root);
    json targets = json::array();
    for (const auto& t : set.targets) {
      json target;
      const auto targeted = ws.targeted_pipeline(set, t);
      target["pipeline"] = targeted ? std::string(targeted->pipeline->display_name()) : "?";
      target["id"] = canonical(*set.document, set.document->get(t.node, "Id"));
      target["role"] = canonical(*set.document, set.document->get(t.node, "RoleArn"));
      if (t.transformer) target["transformer"] = transformer_canonical(ws, ws.transformers[*t.transformer]);
      targets.push_back(target);
    }
    rule["targets"] = targets;
    out.rules[r.name ? r.name->value : "?"] = rule;
  }
  return out;
}

// Import `paths` of `fs`: the .pipe text and the warnings.
std::pair<std::string, std::vector<std::string>> import(const pipec::source::MemoryFileSystem& fs, const std::vector<std::string>& paths) {
  pipec::driver::ImportRequest request;
  request.paths = paths;
  const auto result = pipec::driver::import_pipelines(fs, request);
  std::vector<std::string> messages;
  for (const auto& d : result.run->report.diagnostics) messages.push_back(d.message);
  INFO(joined(messages));
  REQUIRE(result.outcome == pipec::driver::Import::Outcome::imported);
  return {result.text, messages};
}

// Import tests/import/not-expressible/`name` as a pipeline file.
std::pair<std::string, std::vector<std::string>> import_not_expressible(const std::string& name) {
  pipec::source::MemoryFileSystem fs;
  const fs::path path = fs::path(PIPEC_SOURCE_DIR) / "tests" / "import" / "not-expressible" / name;
  fs.add("/in/pipeline.json", pipec::test::read_text(path.string()));
  return import(fs, {"/in/pipeline.json"});
}

// Builds .pipe text: the files it writes, by name.
std::map<std::string, std::string> build(const std::string& text, pipec::emit::CfnFormat format = pipec::emit::CfnFormat::yaml) {
  pipec::source::MemoryFileSystem fs;
  fs.add("/import/imported.pipe", text);
  pipec::driver::BuildRequest request;
  request.file = "/import/imported.pipe";
  request.directory = "/import/out";
  request.vars = kVars;
  request.check = true;  // plan and lint, write nothing
  request.cfn_format = format;
  const auto result = pipec::driver::build(fs, request);
  std::vector<std::string> messages;
  for (const auto& d : result.source->report.diagnostics) messages.push_back(d.message);
  if (result.generated) {
    for (const auto& d : result.generated->report.diagnostics) messages.push_back(d.message);
  }
  INFO("the import:\n" << text << "\n" << joined(messages));
  REQUIRE(result.outcome == pipec::driver::Build::Outcome::checked);
  std::map<std::string, std::string> files;
  for (const auto& f : result.plan.files) files[f.name] = f.text;
  return files;
}

// The files `names` of `files` read as one set, imported, built again, and
// compared with what they were.
void round_trip(const std::map<std::string, std::string>& files, const std::vector<std::string>& names, bool cloudformation) {
  pipec::source::MemoryFileSystem before_fs;
  std::vector<std::string> paths;
  for (const auto& n : names) {
    before_fs.add("/before/" + n, files.at(n));
    paths.push_back("/before/" + n);
  }
  const auto [text, warnings] = import(before_fs, paths);
  INFO("the import:\n" << text);
  CHECK(warnings.empty());
  const auto rebuilt = build(text);
  pipec::source::MemoryFileSystem after_fs;
  std::vector<std::string> after_paths;
  for (const auto& [name, content] : rebuilt) {
    const bool wanted = cloudformation ? name.ends_with(".cfn.yaml") || name.ends_with(".cfn.json") : name.ends_with(".codepipeline.json");
    if (!wanted) continue;
    after_fs.add("/after/" + name, content);
    after_paths.push_back("/after/" + name);
  }
  const ImportedRun before = load(before_fs, paths);
  const ImportedRun after = load(after_fs, after_paths);
  REQUIRE_FALSE(before.pipelines.empty());
  CHECK(before.pipelines.size() == after.pipelines.size());
  for (const auto& [name, p] : before.pipelines) {
    INFO("pipeline " << name);
    REQUIRE(after.pipelines.contains(name));
    CHECK(after.pipelines.at(name).dump(1) == p.dump(1));
  }
  if (cloudformation) {
    CHECK(before.rules.size() == after.rules.size());
    for (const auto& [name, r] : before.rules) {
      INFO("rule " << name);
      REQUIRE(after.rules.contains(name));
      CHECK(after.rules.at(name).dump(1) == r.dump(1));
    }
  }
}

std::vector<fs::path> files_under(const fs::path& root, std::initializer_list<std::string_view> extensions) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    for (const auto ext : extensions) {
      if (e.path().extension() == ext) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("import round-trips every sample's CloudFormation and CodePipeline JSON") {
  const fs::path root = fs::path(PIPEC_SOURCE_DIR) / "samples";
  std::size_t built = 0;
  for (const auto& path : files_under(root, {".pipe"})) {
    // The mistakes are meant not to build.
    if (path.string().find("/mistake/") != std::string::npos) continue;
    SECTION(fs::relative(path, root).string()) {
      const auto files = build(pipec::test::read_text(path.string()));
      std::vector<std::string> json_files;
      for (const auto& [name, text] : files) {
        if (name.ends_with(".codepipeline.json")) json_files.push_back(name);
      }
      for (const auto& [name, text] : files) {
        if (name.ends_with(".cfn.yaml")) {
          INFO("CloudFormation " << name);
          round_trip(files, {name}, true);
        }
      }
      if (!json_files.empty()) {
        INFO("CodePipeline JSON");
        round_trip(files, json_files, false);
      }
      // The template as JSON (--cfn-format json): intrinsics as objects.
      for (const auto& [name, text] : build(pipec::test::read_text(path.string()), pipec::emit::CfnFormat::json)) {
        if (!name.ends_with(".cfn.json")) continue;
        INFO("CloudFormation " << name);
        round_trip({{name, text}}, {name}, true);
      }
    }
    ++built;
  }
  CHECK(built >= 4);
}

TEST_CASE("import round-trips the pipelines written for its tests") {
  const fs::path root = fs::path(PIPEC_SOURCE_DIR) / "tests" / "import";
  const auto inputs = files_under(root / "round-trip", {".json", ".yaml"});
  CHECK(inputs.size() >= 5);
  for (const auto& path : inputs) {
    SECTION(path.filename().string()) {
      const std::string name = path.filename().string();
      const bool cloudformation = path.extension() == ".yaml";
      round_trip({{name, pipec::test::read_text(path.string())}}, {name}, cloudformation);
      if (!cloudformation) {
        // The same pipeline through CloudFormation: import the JSON, build
        // the template, and round-trip that (ArtifactStores, action roles
        // and Regions as a template writes them).
        pipec::source::MemoryFileSystem fs;
        fs.add("/in/" + name, pipec::test::read_text(path.string()));
        const auto files = build(import(fs, {"/in/" + name}).first);
        for (const auto& [built, text] : files) {
          if (!built.ends_with(".cfn.yaml")) continue;
          INFO("CloudFormation built from " << name);
          round_trip(files, {built}, true);
        }
      }
    }
  }
}

TEST_CASE("import comments and warns about what the language cannot say") {
  const auto [text, warnings] = import_not_expressible("stage-on-failure.json");
  INFO(text);
  // One comment for each warning, at its place.
  std::size_t comments = 0;
  for (auto at = text.find("# pipec import: not expressible: "); at != std::string::npos;
       at = text.find("# pipec import: not expressible: ", at + 1)) {
    ++comments;
  }
  CHECK(comments == warnings.size());
  CHECK(text.find("# pipec import: not expressible: stage failure setting \"conditions\"") != std::string::npos);
  CHECK(text.find("on failure rollback") != std::string::npos);
  CHECK(text.find("trigger Code push { tags \"v*\" }") != std::string::npos);
  CHECK(text.find("# pipec import: not expressible: action \"Notify\" of type Invoke/AWS/StepFunctions/1") != std::string::npos);
  // The rest still builds.
  CHECK_FALSE(build(text).empty());
}

TEST_CASE("import leaves out a blue-green image that names no placeholder, and the rest still parses") {
  // Found by the lint fuzz harness: Image1ArtifactName without
  // Image1ContainerName was printed as `image ImageDetail`, which the
  // language does not read (it takes `image ARTIFACT "PLACEHOLDER"`).
  const auto [text, warnings] = import_not_expressible("image-without-placeholder.json");
  INFO(text);
  CHECK(text.find("# pipec import: not expressible: configuration \"Image1ArtifactName\" without \"Image1ContainerName\"") !=
        std::string::npos);
  CHECK(text.find("image ImageDetail") == std::string::npos);
  CHECK_FALSE(build(text).empty());
}

TEST_CASE("import recognises a CodeBuild project only when it is the one pipec writes") {
  const fs::path path = fs::path(PIPEC_SOURCE_DIR) / "tests" / "import" / "round-trip" / "parameters-projects-notify.yaml";
  const std::string original = pipec::test::read_text(path.string());
  {
    pipec::source::MemoryFileSystem fs;
    fs.add("/in/template.yaml", original);
    const auto [text, warnings] = import(fs, {"/in/template.yaml"});
    INFO(text);
    CHECK(warnings.empty());
    CHECK(text.find("commands [\"make lint\", \"echo 'done: ok'\"]") != std::string::npos);
    CHECK(text.find("parameter Environment = \"staging\" allowed [\"staging\", \"prod\"] description \"the cluster suffix\"") != std::string::npos);
    CHECK(text.find("cluster \"inventory-${Environment}\"") != std::string::npos);
    CHECK(text.find("invoke \"inventory-audit\" { id \"audit\" }") != std::string::npos);
    CHECK(text.find("\n  store auto\n") != std::string::npos);
  }
  // The same project with a buildspec of the team's own (one install
  // phase more): the template's project, named, and said to be.
  const std::string marker = "          phases:\n";
  const auto at = original.find(marker, original.find("# Written by pipec for action Lint."));
  REQUIRE(at != std::string::npos);
  std::string edited = original;
  edited.insert(at + marker.size(), "            install:\n              commands:\n                - \"npm ci\"\n");
  pipec::source::MemoryFileSystem fs;
  fs.add("/in/template.yaml", edited);
  const auto [text, warnings] = import(fs, {"/in/template.yaml"});
  INFO(text);
  CHECK(text.find("make lint") == std::string::npos);
  CHECK(text.find("# pipec import: not expressible: project: !Ref InventoryLintProject") != std::string::npos);
  CHECK(warnings.size() == 1);
}

TEST_CASE("import writes strings, names and numbers the DSL reads back as they were") {
  using pipec::emit::PipeText;
  const auto read_back = [](const std::string& source) {
    pipec::source::SourceSet sources;
    const auto file = sources.add("t.pipe", source);
    auto parsed = pipec::dsl::parse(sources, file);
    INFO(source);
    CHECK(parsed.issues.empty());
    return parsed;
  };
  for (const std::string text : {"plain", "a\"b", "back\\slash", "${x}", "$${x}", "$", "end$", "${", "\\$", "tab\there",
                                 "new\nline", "caf\xc3\xa9", "", "#not a comment", "}{"}) {
    const auto parsed = read_back("let x = " + pipec::emit::pipe_string(text) + "\n");
    REQUIRE(parsed.file.lets.size() == 1);
    std::string decoded;
    for (const auto& part : parsed.file.lets[0].value.parts) {
      CHECK_FALSE(part.reference);
      decoded += part.text;
    }
    CHECK(decoded == text);
  }
  // A literal "$" before a reference stays a "$".
  PipeText mixed = PipeText::literal("a$");
  mixed.append(PipeText::reference("account"));
  const auto parsed = read_back("let x = " + pipec::emit::pipe_string(mixed) + "\n");
  REQUIRE(parsed.file.lets[0].value.parts.size() == 2);
  CHECK(parsed.file.lets[0].value.parts[0].text == "a$");
  CHECK(parsed.file.lets[0].value.parts[1].reference);

  for (const std::string name : {"qa-web", "V2", "_x", "a->b", "-x", "x-", "1st", "build.v2", "a b", "ok_1-2"}) {
    const auto p = read_back("pipeline " + pipec::emit::pipe_name(name) + " {\n}\n");
    REQUIRE(p.file.pipelines.size() == 1);
    CHECK(p.file.pipelines[0].name.text == name);
  }
  CHECK(pipec::emit::is_pipe_name("qa-web"));
  CHECK_FALSE(pipec::emit::is_pipe_name("a->b"));
  CHECK_FALSE(pipec::emit::is_pipe_name("x-"));
  for (const std::string n : {"0", "720", "-3", "1.5", "0.25"}) CHECK(pipec::emit::is_pipe_number(n));
  for (const std::string n : {"0720", "1e5", "1.", ".5", "-", "", "00"}) CHECK_FALSE(pipec::emit::is_pipe_number(n));
}

TEST_CASE("import -o writes the file that import prints") {
  const fs::path input = fs::path(PIPEC_SOURCE_DIR) / "tests" / "import" / "round-trip" / "cross-region.json";
  const fs::path out = fs::temp_directory_path() / ("pipec-import-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  const auto printed = pipec::test::run_command("'" PIPEC_BINARY "' import '" + input.string() + "'");
  const auto written = pipec::test::run_command("'" PIPEC_BINARY "' import '" + input.string() + "' -o '" + (out / "x.pipe").string() + "'");
  CHECK(printed.status == 0);
  CHECK(written.status == 0);
  CHECK(written.out.empty());
  CHECK_FALSE(printed.out.empty());
  CHECK(pipec::test::read_text((out / "x.pipe").string()) == printed.out);
  // Only the file: no temporary left beside it.
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator{}) == 1);
  // A folder that does not exist: nothing written, exit 2.
  const auto missing = pipec::test::run_command("'" PIPEC_BINARY "' import '" + input.string() + "' -o '" + (out / "no" / "x.pipe").string() + "'");
  CHECK(missing.status == 2);
  fs::remove_all(out);
}
