#include "driver/import_project.h"

#include <fmt/core.h>

#include <map>
#include <set>

#include "dsl/ir.h"
#include "emit/buildspec.h"

namespace pipec::driver {

using emit::PipeStatement;
using emit::PipeText;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

// What cloudformation.cc writes when no `image` is given.
constexpr std::string_view kDefaultImage = "aws/codebuild/amazonlinux2-x86_64-standard:5.0";

// A YAML scalar as buildspec.cc writes it: double-quoted with \" \\ \n \t
// and \xNN, or plain.
std::string yaml_unquoted(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] != '\\' || i + 2 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char e = s[++i];
    if (e == 'n') {
      out.push_back('\n');
    } else if (e == 't') {
      out.push_back('\t');
    } else if (e == 'x' && i + 2 < s.size() - 1) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(e);
    }
  }
  return out;
}

// The commands of each phase and the artifact files of a buildspec laid out
// as buildspec.cc lays it out (anything else reads as nothing, and the
// comparison with the buildspec written again decides).
struct Buildspec {
  std::map<std::string, std::vector<std::string>> phases;
  std::vector<std::string> files;
};

Buildspec read_buildspec(std::string_view text) {
  Buildspec out;
  std::string phase;
  bool files = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line == "artifacts:") {
      files = true;
    } else if (line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(":")) {
      phase = std::string(line.substr(2, line.size() - 3));
    } else if (line.starts_with("      - ") && !files) {
      out.phases[phase].push_back(yaml_unquoted(line.substr(8)));
    } else if (line.starts_with("    - ") && files) {
      out.files.push_back(yaml_unquoted(line.substr(6)));
    }
  }
  return out;
}

// A shell word as buildspec.cc quotes it ('…' with each ' as '\''), from `at`.
std::optional<std::string> shell_word(std::string_view s, std::size_t at) {
  if (at >= s.size() || s[at] != '\'') return std::nullopt;
  std::string out;
  while (at < s.size()) {
    if (s[at] == '\'') {
      const auto close = s.find('\'', at + 1);
      if (close == std::string_view::npos) return std::nullopt;
      out += s.substr(at + 1, close - at - 1);
      at = close + 1;
    } else if (s.substr(at, 2) == "\\'") {
      out.push_back('\'');
      at += 2;
    } else {
      break;
    }
  }
  return out;
}

// The shell word after `marker` in `command`.
std::optional<std::string> word_after(std::string_view command, std::string_view marker) {
  const auto at = command.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  return shell_word(command, at + marker.size());
}

const std::string* command_starting(const std::vector<std::string>& commands, std::string_view prefix) {
  for (const auto& c : commands) {
    if (c.starts_with(prefix)) return &c;
  }
  return nullptr;
}

dsl::ir::Text literal(const std::string& s) { return dsl::ir::Text::literal(s); }

class Recognizer {
 public:
  Recognizer(const Document& d, NodeId properties, const ProjectAction& action, const std::function<std::string(const PipeText&)>& text)
      : d_(d), props_(properties), action_(action), text_(text) {}

  std::optional<GeneratedProject> run() {
    if (!d_.is(props_, NodeKind::object)) return std::nullopt;
    const std::set<std::string, std::less<>> known = {"Name", "Description", "ServiceRole", "Source", "Artifacts", "Environment", "Tags"};
    for (const auto& m : d_.members(props_)) {
      if (!known.contains(m.key)) return std::nullopt;
    }
    std::string name = action_.pipeline + "-" + action_.action;
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
    }
    if (d_.string(d_.get(props_, "Name")) != name) return std::nullopt;
    const NodeId source = d_.get(props_, "Source");
    const NodeId artifacts = d_.get(props_, "Artifacts");
    if (d_.string(d_.get(source, "Type")) != "CODEPIPELINE" || d_.members(source).size() > 2) return std::nullopt;
    if (d_.string(d_.get(artifacts, "Type")) != "CODEPIPELINE" || d_.members(artifacts).size() != 1) return std::nullopt;
    const NodeId role = d_.get(props_, "ServiceRole");
    if (!d_.is(role, NodeKind::object) || d_.members(role).size() != 1 || d_.members(role).front().key != "Fn::GetAtt") return std::nullopt;
    const NodeId spec = d_.get(source, "BuildSpec");
    if (!d_.is(spec, NodeKind::string)) return std::nullopt;
    const std::string buildspec(d_.node(spec).text);

    dsl::ir::Action candidate;
    candidate.name.text = action_.action;
    candidate.generated_project = true;
    for (const auto& i : action_.inputs) candidate.inputs.push_back(dsl::Name{i, {}});
    GeneratedProject out;
    const std::string description(d_.string(d_.get(props_, "Description")));
    if (buildspec.find('\n') == std::string::npos) {
      // A buildspec file of the input artifact.
      out.kind = dsl::find_action_kind(action_.test ? "codebuild-test" : "codebuild");
      candidate.project.buildspec = literal(buildspec);
      setting(out, "buildspec " + text_(PipeText::literal(buildspec)));
      if (description != fmt::format("{}: action {}", action_.pipeline, action_.action)) return std::nullopt;
    } else if (description == fmt::format("{}: writes imagedefinitions.json from imageDetail.json", action_.pipeline) && !action_.test) {
      out.kind = dsl::find_action_kind("imagedefinitions");
      if (!image_definitions(read_buildspec(buildspec), candidate, out)) return std::nullopt;
    } else if (description.starts_with(action_.pipeline + ": builds the ") && !action_.test) {
      out.kind = dsl::find_action_kind("docker");
      candidate.project.privileged = true;
      if (!docker(read_buildspec(buildspec), candidate, out)) return std::nullopt;
      if (description != fmt::format("{}: builds the {} image, pushes it to ECR, writes imagedefinitions.json and imageDetail.json",
                                     action_.pipeline, candidate.project.repository->resolve({}, true).value_or(""))) {
        return std::nullopt;
      }
    } else if (description == fmt::format("{}: action {}", action_.pipeline, action_.action)) {
      out.kind = dsl::find_action_kind(action_.test ? "codebuild-test" : "codebuild");
      const Buildspec read = read_buildspec(buildspec);
      if (read.phases.size() != 1 || !read.phases.contains("build")) return std::nullopt;
      std::vector<std::string> commands, files;
      for (const auto& c : read.phases.at("build")) {
        candidate.project.commands.push_back(literal(c));
        commands.push_back(text_(PipeText::literal(c)));
      }
      for (const auto& f : read.files) {
        candidate.project.files.push_back(literal(f));
        files.push_back(text_(PipeText::literal(f)));
      }
      setting(out, "commands " + list(commands));
      if (!files.empty()) setting(out, "files " + list(files));
    } else {
      return std::nullopt;
    }
    if (out.kind == nullptr) return std::nullopt;
    candidate.kind = out.kind;
    // The buildspec written again is the template's, to the byte.
    const auto again = emit::project_buildspec(candidate);
    if (candidate.project.buildspec ? again.has_value() : again != buildspec) return std::nullopt;
    if (!environment(candidate, out)) return std::nullopt;
    return out;
  }

 private:
  void setting(GeneratedProject& out, std::string head) {
    PipeStatement s;
    s.head = std::move(head);
    out.settings.push_back(std::move(s));
  }

  static std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
    return out + "]";
  }

  // Environment: the image, compute type and privileged mode the settings give.
  bool environment(const dsl::ir::Action& candidate, GeneratedProject& out) {
    const NodeId env = d_.get(props_, "Environment");
    const std::string image(d_.string(d_.get(env, "Image")));
    const std::string compute(d_.string(d_.get(env, "ComputeType")));
    const NodeId privileged = d_.get(env, "PrivilegedMode");
    const bool is_privileged = privileged != syntax::kNoNode &&
                               ((d_.is(privileged, NodeKind::boolean) && d_.node(privileged).boolean) || d_.string(privileged) == "true");
    if (privileged != syntax::kNoNode && !is_privileged) return false;
    for (const auto& m : d_.members(env)) {
      if (m.key != "Type" && m.key != "ComputeType" && m.key != "Image" && m.key != "PrivilegedMode") return false;
    }
    if (image.empty() || compute.empty()) return false;
    if (d_.string(d_.get(env, "Type")) != (image.find("aarch64") != std::string::npos ? "ARM_CONTAINER" : "LINUX_CONTAINER")) return false;
    const std::string_view word = out.kind->word;
    const dsl::SettingInfo* compute_info = dsl::find_setting(*out.kind, "compute");
    if (image != kDefaultImage) {
      if (dsl::find_setting(*out.kind, "image") == nullptr) return false;
      setting(out, "image " + text_(PipeText::literal(image)));
    }
    if (compute != "BUILD_GENERAL1_SMALL") {
      if (compute_info == nullptr) return false;
      std::string chosen;
      for (const auto& c : compute_info->choices) {
        if (c.value == compute) chosen = std::string(c.word);
      }
      if (chosen.empty()) return false;
      setting(out, "compute " + chosen);
    }
    if (word == "docker") return is_privileged;
    if (is_privileged) {
      if (dsl::find_setting(*out.kind, "privileged") == nullptr) return false;
      setting(out, "privileged true");
    }
    (void)candidate;
    return true;
  }

  bool docker(const Buildspec& read, dsl::ir::Action& candidate, GeneratedProject& out) {
    const auto pre = read.phases.find("pre_build");
    const auto build = read.phases.find("build");
    if (pre == read.phases.end() || build == read.phases.end() || pre->second.empty() || build->second.empty()) return false;
    const auto repository = word_after(pre->second.front(), "--repository-names ");
    const auto dockerfile = word_after(build->second.front(), "--file ");
    if (!repository || !dockerfile) return false;
    const auto context_at = build->second.front().find("--file ");
    // The context follows the Dockerfile's quoted word and one space.
    std::string quoted_file = "'";
    for (const char c : *dockerfile) quoted_file += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted_file += "' ";
    const auto context = shell_word(build->second.front(), context_at + 7 + quoted_file.size());
    if (!context) return false;
    std::optional<std::string> tag;
    if (const std::string* c = command_starting(build->second, "docker tag ")) tag = word_after(*c, "\"$REPOSITORY_URI\":");
    const std::string* jq = command_starting(build->second, "jq -n --arg name ");
    const auto container = jq ? word_after(*jq, "--arg name ") : std::nullopt;
    if (!container) return false;
    candidate.project.repository = literal(*repository);
    setting(out, "repository " + text_(PipeText::literal(*repository)));
    if (*dockerfile != "Dockerfile") {
      candidate.project.dockerfile = literal(*dockerfile);
      setting(out, "dockerfile " + text_(PipeText::literal(*dockerfile)));
    }
    if (*context != ".") {
      candidate.project.context = literal(*context);
      setting(out, "context " + text_(PipeText::literal(*context)));
    }
    if (tag) {
      candidate.project.tag = literal(*tag);
      setting(out, "tag " + text_(PipeText::literal(*tag)));
    }
    candidate.container = literal(*container);
    if (*container != *repository) setting(out, "container " + text_(PipeText::literal(*container)));
    return true;
  }

  bool image_definitions(const Buildspec& read, dsl::ir::Action& candidate, GeneratedProject& out) {
    const auto build = read.phases.find("build");
    if (build == read.phases.end() || read.phases.size() != 1) return false;
    const std::string* jq = command_starting(build->second, "jq -n --arg name");
    if (jq == nullptr) return false;
    const bool one = jq->starts_with("jq -n --arg name ");
    for (std::size_t i = 0;; ++i) {
      const std::string n = one ? "" : std::to_string(i);
      const auto name = word_after(*jq, fmt::format("--arg name{} ", n));
      if (!name) break;
      dsl::ir::ContainerImage c{literal(*name), std::nullopt, std::nullopt, {}};
      std::string head = "container " + text_(PipeText::literal(*name));
      const std::string uri_marker = fmt::format("--arg uri{} ", n);
      const auto uri_at = jq->find(uri_marker);
      if (uri_at == std::string::npos) return false;
      if (const auto image = shell_word(*jq, uri_at + uri_marker.size())) {
        c.image = literal(*image);
        head += " image " + text_(PipeText::literal(*image));
      } else {
        const std::string variable = one ? "IMAGE_URI" : "IMAGE_URI_" + n;
        const std::string prefix = variable + "=$(jq -r '.ImageURI' ";
        const std::string* read_detail = command_starting(build->second, prefix);
        if (read_detail == nullptr) return false;
        const std::string_view detail = std::string_view(*read_detail).substr(prefix.size());
        constexpr std::string_view dir = "\"$CODEBUILD_SRC_DIR_";
        if (detail.starts_with(dir)) {
          const auto slash = detail.find('/');
          if (slash == std::string_view::npos) return false;
          const std::string artifact(detail.substr(dir.size(), slash - dir.size()));
          c.artifact = dsl::Name{artifact, {}};
          head += " from " + emit::pipe_name(artifact);
        }
      }
      candidate.containers.push_back(std::move(c));
      setting(out, std::move(head));
      if (one) break;
    }
    if (candidate.containers.empty()) return false;
    candidate.container = candidate.containers.front().name;
    return true;
  }

  const Document& d_;
  NodeId props_;
  const ProjectAction& action_;
  const std::function<std::string(const PipeText&)>& text_;
};

}  // namespace

std::optional<GeneratedProject> generated_project(const Document& d, NodeId properties, const ProjectAction& action,
                                                  const std::function<std::string(const PipeText&)>& text) {
  return Recognizer(d, properties, action, text).run();
}

}  // namespace pipec::driver
