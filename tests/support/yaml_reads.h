#pragma once
// The YAML reader builds a document by three ways in: the fast reader's
// scalars with their places, the same without them (found again from the
// text), and yaml-cpp's events alone. The builder takes the fast reader's
// scalars another way (views, places, marks without lines) than yaml-cpp's
// events, so the three are compared whole, by the unit test of the fast
// reader and by the yaml_reader fuzz harness.

#include <fmt/core.h>

#include <string>

#include "source/source_file.h"
#include "support/canonical_document.h"
#include "syntax/yaml/yaml_reader.h"

namespace pipec::test {

/// How the documents read_yaml builds from `file` the other two ways differ
/// from `given` (its read with the default options); empty when all three
/// agree.
[[nodiscard]] inline std::string yaml_reads_differ(const source::SourceSet& sources, source::FileId file,
                                                   const syntax::YamlResult& given) {
  syntax::YamlOptions found_again;
  found_again.scalar_places = false;
  syntax::YamlOptions yaml_cpp_alone;
  yaml_cpp_alone.fast_reader = false;
  const std::string given_text = canonical_document(given.document, given.issues);
  const auto found = syntax::read_yaml(sources, file, found_again);
  if (const std::string text = canonical_document(found.document, found.issues); text != given_text) {
    return fmt::format("the scalars' places changed the document\nwith them:\n{}\nwithout:\n{}", given_text, text);
  }
  const auto reference = syntax::read_yaml(sources, file, yaml_cpp_alone);
  if (const std::string text = canonical_document(reference.document, reference.issues); text != given_text) {
    return fmt::format("the fast reader's document differs from yaml-cpp's\nfast:\n{}\nyaml-cpp:\n{}", given_text, text);
  }
  return {};
}

}  // namespace pipec::test
