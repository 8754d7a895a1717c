// Fuzz harness: syntax::read_json, both paths. The input is read twice: as
// pipec reads it (the strict single-pass reader first, tree-sitter when the
// text is not strictly valid JSON) and by tree-sitter alone.
//
// Oracles:
// - the two reads agree exactly (the same tree, spans, texts and issues:
//   support/canonical_document.h, as the unit test "the strict reader and
//   the tree-sitter reader agree" checks on the repository's files): for
//   valid JSON this compares the two readers, and for anything else the
//   fallback must be taken;
// - every value, key and issue span lies inside the file, and the tree is
//   well formed (document_checks.h).

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "document_checks.h"
#include "fuzz_support.h"
#include "source/source_file.h"
#include "support/canonical_document.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  source::SourceSet sources;
  const auto file = sources.add("fuzz.json", std::string(fuzz::as_text(data, size)));

  syntax::JsonOptions fast;
  syntax::JsonOptions tree_sitter;
  tree_sitter.strict_first = false;
  const auto a = syntax::read_json(sources, file, fast);
  const auto b = syntax::read_json(sources, file, tree_sitter);
  fuzz::check_document(a.document, a.issues, size);
  fuzz::check_document(b.document, b.issues, size);
  const std::string ca = test::canonical_document(a.document, a.issues);
  const std::string cb = test::canonical_document(b.document, b.issues);
  if (ca != cb) {
    fuzz::fail(fmt::format("the strict reader and tree-sitter disagree\nstrict first:\n{}\ntree-sitter:\n{}",
                           ca.substr(0, 4000), cb.substr(0, 4000)));
  }
  return 0;
}
