#include "model/classify.h"

#include <optional>

#include <algorithm>
#include <array>
#include <cctype>

#include "util/byte_scan.h"

namespace pipec::model {

namespace {

constexpr std::size_t kMaxMembers = 64;

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  Shape run() {
    Shape shape;
    skip_space();
    shape.top = start();
    if (shape.top == '{') {
      ++pos_;
      read_members(shape.members);
    } else if (shape.top == '[') {
      ++pos_;
      skip_space();
      if (start() == '{') {
        ++pos_;
        std::vector<ShapeMember> members;
        read_members(members);
        for (auto& m : members) shape.first_item_keys.push_back(std::move(m.key));
      }
    }
    return shape;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }

  void skip_space() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        while (!at_end() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        const auto close = text_.find("*/", pos_ + 2);
        pos_ = close == std::string_view::npos ? text_.size() : close + 2;
      } else {
        return;
      }
    }
  }

  ValueStart start() const {
    if (at_end()) return '?';
    const char c = text_[pos_];
    if (c == '{' || c == '[' || c == '"') return c;
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return '0';
    if (c == 't' || c == 'f') return 't';
    if (c == 'n') return 'n';
    return '?';
  }

  // Reads a string at pos_ (which is a quote); keeps simple escapes.
  std::string read_string() {
    std::string out;
    ++pos_;
    while (!at_end() && text_[pos_] != '"' && text_[pos_] != '\n') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        out.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      out.push_back(text_[pos_++]);
    }
    if (!at_end() && text_[pos_] == '"') ++pos_;
    return out;
  }

  // Skips one value of any size, strings and nesting aware.
  void skip_value() {
    const ValueStart s = start();
    if (s == '"') {
      read_string_fast();
      return;
    }
    if (s != '{' && s != '[') {
      pos_ = util::find_first<0, ',', '}', ']', '\n'>(text_, pos_);
      return;
    }
    std::size_t depth = 0;
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == '"') {
        read_string_fast();
        continue;
      }
      if (c == ' ') {
        pos_ = util::skip_run(text_, pos_, ' ');  // indentation
        continue;
      }
      ++pos_;
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return;
      }
    }
  }

  void read_string_fast() {
    ++pos_;
    while (!at_end()) {
      pos_ = util::find_first<0, '\\', '"', '\n'>(text_, pos_);
      if (at_end()) return;
      if (text_[pos_] == '\\') {
        pos_ += 2;
        continue;
      }
      ++pos_;
      return;  // the closing quote, or the end of the line
    }
  }

  void read_members(std::vector<ShapeMember>& members) {
    while (members.size() < kMaxMembers) {
      skip_space();
      if (at_end() || text_[pos_] == '}') return;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] != '"') {
        // Not a key (broken text): skip to the next separator.
        skip_value();
        if (!at_end() && text_[pos_] != ',' && text_[pos_] != '}') ++pos_;
        continue;
      }
      ShapeMember member;
      member.key = read_string();
      skip_space();
      if (!at_end() && text_[pos_] == ':') ++pos_;
      skip_space();
      member.value = start();
      if (member.value == '"' && pos_ + 1 < text_.size()) member.string_head = text_[pos_ + 1];
      if (member.value == '[') {
        const std::size_t mark = pos_;
        ++pos_;
        skip_space();
        member.first_item = start();
        pos_ = mark;
      }
      if (member.key == "Resources" && member.value == '{' && !in_resources_) {
        const std::size_t mark = pos_;
        aws_resources_ = first_resource_is_aws();
        pos_ = mark;
      }
      skip_value();
      members.push_back(std::move(member));
    }
  }

  // At the "{" of "Resources": whether its first resource has a "Type" of
  // "AWS::…".
  bool first_resource_is_aws() {
    in_resources_ = true;
    ++pos_;
    skip_space();
    if (at_end() || text_[pos_] != '"') return false;
    read_string();
    skip_space();
    if (!at_end() && text_[pos_] == ':') ++pos_;
    skip_space();
    if (at_end() || text_[pos_] != '{') return false;
    ++pos_;
    for (std::size_t k = 0; k < kMaxMembers; ++k) {
      skip_space();
      if (at_end() || text_[pos_] == '}') return false;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] != '"') return false;
      const std::string key = read_string();
      skip_space();
      if (!at_end() && text_[pos_] == ':') ++pos_;
      skip_space();
      if (key == "Type") return !at_end() && text_[pos_] == '"' && read_string().starts_with("AWS::");
      skip_value();
    }
    return false;
  }

 public:
  [[nodiscard]] bool aws_resources() const { return aws_resources_; }

 private:
  bool in_resources_ = false;
  bool aws_resources_ = false;

  std::string_view text_;
  std::size_t pos_ = 0;
};

const ShapeMember* find(const Shape& shape, std::string_view key) {
  for (const auto& m : shape.members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

bool has(const Shape& shape, std::string_view key) { return find(shape, key) != nullptr; }

bool only_keys(const Shape& shape, std::initializer_list<std::string_view> allowed) {
  return std::all_of(shape.members.begin(), shape.members.end(), [&](const ShapeMember& m) {
    return std::find(allowed.begin(), allowed.end(), m.key) != allowed.end();
  });
}

// The fields of an EventBridge event envelope, which patterns match on.
constexpr std::array<std::string_view, 11> kEnvelope = {
    "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail", "replay-name", "$or"};

bool is_envelope_key(std::string_view key) {
  return std::find(kEnvelope.begin(), kEnvelope.end(), key) != kEnvelope.end();
}

}  // namespace

Shape scan_shape(std::string_view text) {
  Scanner scanner(text);
  Shape shape = scanner.run();
  shape.aws_resources = scanner.aws_resources();
  return shape;
}

Kind classify(const Shape& shape, std::string_view file_name) {
  if (file_name == "imagedefinitions.json") return Kind::image_definitions;
  if (file_name == "imageDetail.json") return Kind::image_detail;

  if (shape.top == '[') {
    const auto& keys = shape.first_item_keys;
    const bool definition_keys = std::any_of(keys.begin(), keys.end(), [](const std::string& k) {
      return k == "name" || k == "imageUri";
    });
    return definition_keys ? Kind::image_definitions : Kind::unknown;
  }
  if (shape.top != '{' || shape.members.empty()) return Kind::unknown;

  if (has(shape, "AWSTemplateFormatVersion") || (has(shape, "Resources") && shape.aws_resources)) {
    return Kind::cloudformation;
  }

  if (const auto* p = find(shape, "pipeline"); p != nullptr && p->value == '{') return Kind::pipeline;
  if (has(shape, "stages") && (has(shape, "roleArn") || has(shape, "artifactStore") || has(shape, "artifactStores"))) {
    return Kind::pipeline;
  }
  if (has(shape, "Targets") && (has(shape, "Rule") || only_keys(shape, {"Targets", "EventBusName"}))) {
    return Kind::put_targets;
  }
  if (has(shape, "EventPattern") || (has(shape, "Name") && has(shape, "ScheduleExpression"))) return Kind::put_rule;
  if ((has(shape, "InputTemplate") || has(shape, "InputPathsMap")) && only_keys(shape, {"InputPathsMap", "InputTemplate"})) {
    return Kind::input_transformer;
  }
  if ((has(shape, "ci") || has(shape, "setup")) && only_keys(shape, {"ci", "read", "setup", "repository_provider"})) {
    return Kind::ecr_settings;
  }
  if (has(shape, "ImageURI")) return Kind::image_detail;
  if (has(shape, "Statement") && only_keys(shape, {"Version", "Id", "Statement"})) return Kind::iam_policy;

  const bool envelope_only = std::all_of(shape.members.begin(), shape.members.end(),
                                         [](const ShapeMember& m) { return is_envelope_key(m.key); });
  if (envelope_only) {
    // Events carry an id and a time and a string detail-type; patterns
    // rarely match on id or time, and hold arrays.
    const auto* detail_type = find(shape, "detail-type");
    const auto* source = find(shape, "source");
    if (detail_type != nullptr && detail_type->value == '"' && (has(shape, "id") || has(shape, "time"))) {
      return Kind::event;
    }
    if (detail_type != nullptr || source != nullptr || has(shape, "detail") || has(shape, "$or")) {
      return Kind::event_pattern;
    }
  }
  // An InputPathsMap on its own: every value is a JSON path string.
  const bool all_paths = std::all_of(shape.members.begin(), shape.members.end(), [](const ShapeMember& m) {
    return m.value == '"' && m.string_head == '$';
  });
  if (all_paths) return Kind::input_paths;
  return Kind::unknown;
}

Kind classify_yaml(std::string_view text) {
  bool resources = false;
  bool aws_type_below = false;
  bool version = false, phases = false;  // a buildspec's
  bool azure_steps = false;               // an Azure Pipelines file's (or template's) steps, jobs or stages
  std::size_t keys = 0;
  std::size_t at = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // The top level's indentation: a template indented as a whole (pasted
  // into another file, generated) is still one.
  std::optional<std::size_t> base;
  while (at < text.size() && keys < 4 * kMaxMembers) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(' ');
    if (first == std::string_view::npos) continue;
    if (!base) {
      if (line[first] == '#' || line[first] == '%' || line.substr(first).starts_with("---")) continue;
      base = first;
    }
    if (first < *base) return Kind::unknown;  // less indented than the top level: not one mapping
    line.remove_prefix(*base);
    if (line.empty() || line[0] == '#' || line[0] == '%' || line.starts_with("---") || line.starts_with("...")) continue;
    if (line[0] == ' ') {
      // Below a top-level key: only "Type: AWS::…" under Resources matters.
      if (resources && !aws_type_below) {
        const auto indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos) continue;
        std::string_view rest = line.substr(indent);
        if (rest.starts_with("Type:")) {
          rest.remove_prefix(5);
          const auto value = rest.find_first_not_of(" \t\"'");
          aws_type_below = value != std::string_view::npos && rest.substr(value).starts_with("AWS::");
        }
      }
      continue;
    }
    // A top-level key: a word (perhaps quoted) followed by ":".
    std::string_view key = line.substr(0, line.find(':'));
    if (key.size() == line.size()) continue;
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front()) {
      key = key.substr(1, key.size() - 2);
    }
    ++keys;
    if (key == "AWSTemplateFormatVersion") return Kind::cloudformation;
    resources = key == "Resources";
    version = version || key == "version";
    phases = phases || key == "phases";
    azure_steps = azure_steps || key == "steps" || key == "jobs" || key == "stages";
  }
  if (aws_type_below) return Kind::cloudformation;
  if (version && phases) return Kind::buildspec;
  // Steps that run an Azure DevOps task ("- task: ECRPushImage@1"): other
  // CI systems with top-level steps (Cloud Build, Drone) have no "task:".
  if (azure_steps && text.find("task: ") != std::string_view::npos) return Kind::azure_pipeline;
  return Kind::unknown;
}

bool is_buildspec_name(std::string_view file_name) {
  const bool yaml = file_name.ends_with(".yml") || file_name.ends_with(".yaml");
  if (!yaml) return false;
  const std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  return stem == "buildspec" || stem.ends_with(".buildspec") || stem.starts_with("buildspec_") || stem.starts_with("buildspec-");
}

bool is_azure_pipelines_name(std::string_view file_name) {
  const bool yaml = file_name.ends_with(".yml") || file_name.ends_with(".yaml");
  if (!yaml) return false;
  const std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  return stem == "azure-pipelines" || stem.ends_with(".azure-pipelines");
}

bool is_pipec_config_name(std::string_view file_name) {
  return file_name == ".pipec.yaml" || file_name == ".pipec.yml";
}

bool is_test_suite_name(std::string_view file_name) {
  return file_name.ends_with(".test.yaml") || file_name.ends_with(".test.yml");
}

}  // namespace pipec::model
