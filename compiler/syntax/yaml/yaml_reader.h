#pragma once
// YAML (CloudFormation templates) through yaml-cpp's event parser: the same
// Document the JSON reader builds, a span on every key and value, and every
// problem as an Issue in pipec's words.
//
// - CloudFormation's short-form tags become the long form as objects:
//   `!Ref X` is {"Ref": "X"}, `!GetAtt A.B` is {"Fn::GetAtt": ["A", "B"]},
//   `!Sub …` is {"Fn::Sub": …}; the key's span is the tag. Other tags are an
//   issue (the value is read as if untagged), except YAML's own !!str,
//   !!int, !!float, !!bool, !!null, !!map and !!seq.
// - Plain scalars take YAML 1.1 types, as CloudFormation reads them (`true`,
//   `yes`, `1`, `0x1F`, `1.5`, `~`); quoted and block scalars are strings.
// - Aliases are resolved (the copy's every span is the alias) and merge keys
//   (`<<`) merged, so the rest of the template is checked as meant; both are
//   also reported, since CloudFormation rejects them.
// - Values nested deeper than max_depth are found by a pre-scan of the text
//   (when the fast reader of common_yaml.h, which declines them, has declined
//   the text) and never reach yaml-cpp, which recurses once per level; every
//   yaml-cpp exception is caught and explained.

#include <cstdint>
#include <vector>

#include "source/source_file.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::syntax {

struct YamlOptions {
  std::uint32_t max_depth = 256;          ///< deeper values become invalid nodes (as JsonOptions)
  std::size_t max_alias_nodes = 100'000;  ///< values aliases may copy in all, against alias bombs
  bool valid_utf8 = false;                ///< the caller found the text valid UTF-8: not checked again
  /// Take each scalar's place from the fast reader, which found it anyway
  /// (false: find it again from the text, as for yaml-cpp's events; the
  /// fuzz harness and a unit test hold the two to the same document).
  bool scalar_places = true;
  /// Read with the fast reader of common YAML where it can (false: yaml-cpp
  /// alone; the fuzz harness and a unit test hold the two to the same
  /// document).
  bool fast_reader = true;
};

struct YamlResult {
  Document document;
  std::vector<Issue> issues;
};

[[nodiscard]] YamlResult read_yaml(const source::SourceSet& sources, source::FileId file,
                                   const YamlOptions& options = {});

/// Whether a file's text is YAML rather than JSON, judged by its name
/// (".yaml", ".yml"), or for a ".template" by its first character ("{" or
/// "[" is JSON).
[[nodiscard]] bool is_yaml_file(std::string_view file_name, std::string_view text);

}  // namespace pipec::syntax
