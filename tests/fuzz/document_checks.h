#pragma once
// The oracle every reader's harness applies to what it read: each value, key
// and issue span lies inside the file, and the tree is well formed (each
// child's parent and slot point back at it, no node is reached twice).

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz_support.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::fuzz {

inline void check_span(const source::Span& span, source::FileId file, std::size_t size, const char* what) {
  if (span.file != file || span.begin > span.end || span.end > size) {
    fail(fmt::format("{} span {}:{}-{} outside the file (file {}, {} bytes)", what, span.file, span.begin, span.end, file,
                     size));
  }
}

inline void check_document(const syntax::Document& d, std::span<const syntax::Issue> issues, std::size_t size) {
  for (const auto& issue : issues) check_span(issue.span, d.file(), size, "issue");
  if (d.empty()) return;
  // Iterative: aliases may copy many nodes, and the walk must not recurse.
  std::vector<syntax::NodeId> stack{d.root()};
  std::size_t visited = 0;
  while (!stack.empty()) {
    const auto id = stack.back();
    stack.pop_back();
    if (++visited > d.size()) fail("the tree has a cycle or a node reached twice");
    const auto& n = d.node(id);
    check_span(n.span, d.file(), size, "value");
    std::uint32_t slot = 0;
    for (const auto& m : d.members(id)) {
      check_span(m.key_span, d.file(), size, "key");
      if (m.value == syntax::kNoNode) {
        ++slot;
        continue;
      }
      const auto& c = d.node(m.value);
      if (c.parent != id || c.slot != slot) fail(fmt::format("member {} of node {}: parent {} slot {}", slot, id, c.parent, c.slot));
      stack.push_back(m.value);
      ++slot;
    }
    slot = 0;
    for (const auto item : d.items(id)) {
      const auto& c = d.node(item);
      if (c.parent != id || c.slot != slot) fail(fmt::format("item {} of node {}: parent {} slot {}", slot, id, c.parent, c.slot));
      stack.push_back(item);
      ++slot;
    }
  }
}

}  // namespace pipec::fuzz
