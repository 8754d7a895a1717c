// Fuzz harness: syntax::read_json, both paths. The input is read twice: as
// pipec reads it (the strict single-pass reader first, tree-sitter when the
// text is not strictly valid JSON) and by tree-sitter alone.
//
// Oracles:
// - the two reads agree exactly (the same tree, spans, texts and issues, as
//   the unit test "the strict reader and the tree-sitter reader agree"
//   checks on the repository's files): for valid JSON this compares the two
//   readers, and for anything else the fallback must be taken;
// - every value, key and issue span lies inside the file.

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

namespace {

void check_span(const source::Span& span, source::FileId file, std::size_t size, const char* what) {
  if (span.file != file || span.begin > span.end || span.end > size) {
    fuzz::fail(fmt::format("{} span {}:{}-{} outside the file (file {}, {} bytes)", what, span.file, span.begin, span.end,
                           file, size));
  }
}

// Everything a reader decides, in a canonical text form (as the unit test's):
// kind, span and text of every value, key and key span of every member, in
// document order; then the issues.
void dump(const syntax::Document& d, syntax::NodeId id, std::size_t size, std::string& out) {
  const auto& n = d.node(id);
  check_span(n.span, d.file(), size, "value");
  out += fmt::format("{}@{}-{}:{}{}", static_cast<int>(n.kind), n.span.begin, n.span.end, n.text, n.boolean ? "T" : "");
  if (n.kind == syntax::NodeKind::object) {
    out += "{";
    for (const auto& m : d.members(id)) {
      check_span(m.key_span, d.file(), size, "key");
      out += fmt::format("{}@{}-{}=", m.key, m.key_span.begin, m.key_span.end);
      if (m.value == syntax::kNoNode) out += "-";
      else dump(d, m.value, size, out);
      out += ",";
    }
    out += "}";
  } else if (n.kind == syntax::NodeKind::array) {
    out += "[";
    for (const auto item : d.items(id)) {
      dump(d, item, size, out);
      out += ",";
    }
    out += "]";
  }
}

std::string canonical(const syntax::JsonResult& r, std::size_t size) {
  std::string out;
  // Readers cut nesting at max_depth, so this recursion is bounded.
  if (!r.document.empty()) dump(r.document, r.document.root(), size, out);
  for (const auto& i : r.issues) {
    check_span(i.span, r.document.file(), size, "issue");
    out += fmt::format("\n{}@{}-{} {}", static_cast<int>(i.kind), i.span.begin, i.span.end, i.message);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  source::SourceSet sources;
  const auto file = sources.add("fuzz.json", std::string(fuzz::as_text(data, size)));

  syntax::JsonOptions fast;
  syntax::JsonOptions tree_sitter;
  tree_sitter.strict_first = false;
  const auto a = syntax::read_json(sources, file, fast);
  const auto b = syntax::read_json(sources, file, tree_sitter);
  const std::string ca = canonical(a, size);
  const std::string cb = canonical(b, size);
  if (ca != cb) {
    fuzz::fail(fmt::format("the strict reader and tree-sitter disagree\nstrict first:\n{}\ntree-sitter:\n{}",
                           ca.substr(0, 4000), cb.substr(0, 4000)));
  }
  return 0;
}
