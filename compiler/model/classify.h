#pragma once
// Deciding a file's kind from its shape: the keys of its top-level object (or
// of the first item of a top-level array) and what each holds. A linear scan
// of the raw text, not a parse, so a folder walk can skip a 5 MB
// package-lock.json without building its tree, and so a file with syntax
// errors is still recognized.

#include <string>
#include <string_view>
#include <vector>

#include "model/kind.h"

namespace pipec::model {

/// What a value starts with: '{', '[', '"', '0' (number), 't'/'f', 'n', or '?'.
using ValueStart = char;

struct ShapeMember {
  std::string key;
  ValueStart value = '?';
  ValueStart first_item = '?';  ///< for arrays: what the first item starts with
  char string_head = 0;         ///< for strings: their first character
};

struct Shape {
  ValueStart top = '?';
  std::vector<ShapeMember> members;          ///< of the top-level object (first 64)
  std::vector<std::string> first_item_keys;  ///< of the first object in a top-level array
  bool aws_resources = false;  ///< "Resources" holds a resource whose "Type" starts with "AWS::"
};

[[nodiscard]] Shape scan_shape(std::string_view text);
/// `file_name` is the last path component (imagedefinitions.json and
/// imageDetail.json are recognized by name, as CodePipeline itself does).
[[nodiscard]] Kind classify(const Shape& shape, std::string_view file_name);

/// The kind of a YAML file, from the keys written at the start of its lines
/// (its top-level keys): a CloudFormation template has
/// "AWSTemplateFormatVersion", or "Resources" with a "Type: AWS::…" below; a
/// buildspec has "version" and "phases". Other YAML is unknown (other kinds
/// in YAML only with --kind).
[[nodiscard]] Kind classify_yaml(std::string_view text);

/// Whether a file name is a `pipec test` suite's: "*.test.yaml" or
/// "*.test.yml". Suites are known by name, not shape, so a suite with a
/// mistake in it is still read as one.
[[nodiscard]] bool is_test_suite_name(std::string_view file_name);
/// pipec's configuration: .pipec.yaml (or .pipec.yml).
[[nodiscard]] bool is_pipec_config_name(std::string_view file_name);

/// Whether a file name is a buildspec's, as CodeBuild and pipec build name
/// them: "buildspec.yml", "buildspec.yaml", "*.buildspec.yml" or
/// "buildspec_*.yml" (buildspec_release.yml); known by name like suites.
[[nodiscard]] bool is_buildspec_name(std::string_view file_name);

/// Azure Pipelines' own file name: "azure-pipelines.yml" (or .yaml), or
/// "*.azure-pipelines.yml".
[[nodiscard]] bool is_azure_pipelines_name(std::string_view file_name);

}  // namespace pipec::model
