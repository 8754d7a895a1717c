// syntax/text_arena.h and the documents that keep their strings in one:
// every text kept reads back the same, wherever its block, and a node from
// another document outlives it.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "source/source_file.h"
#include "support/canonical_document.h"
#include "syntax/document.h"
#include "syntax/json/json_reader.h"

using pipec::syntax::Document;
using pipec::syntax::DocumentText;
using pipec::syntax::Member;
using pipec::syntax::Node;
using pipec::syntax::NodeKind;
using pipec::syntax::TextArena;

TEST_CASE("a text arena keeps each text where it stays, across blocks of every size") {
  TextArena arena;
  std::vector<std::string> written;
  std::vector<std::string_view> kept;
  // Short texts and texts larger than any block, so that the arena adds
  // blocks that double and blocks of a text's own size.
  for (int i = 0; i < 3000; ++i) {
    written.push_back(std::string(static_cast<std::size_t>(i % 7 == 0 ? 5000 : i % 40), static_cast<char>('a' + i % 26)) +
                      std::to_string(i));
    kept.push_back(arena.keep(written.back()));
  }
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < written.size(); ++i) {
    REQUIRE(kept[i] == written[i]);
    CHECK(kept[i].data() != written[i].data());
    bytes += written[i].size();
  }
  CHECK(arena.size() == bytes);
}

TEST_CASE("a text arena keeps its latest block's texts as they are, and the empty text without a copy") {
  TextArena arena;
  const std::string_view first = arena.keep("repository");
  CHECK(arena.keep(first).data() == first.data());
  CHECK(arena.keep(first.substr(4)).data() == first.data() + 4);
  CHECK(arena.keep("").empty());
  CHECK(arena.size() == first.size());
}

TEST_CASE("a node added from another document gets its own copy of its text and keys") {
  Document to;
  {
    Document from;
    Node object;
    object.kind = NodeKind::object;
    const auto id = from.add(object);
    Node value;
    value.kind = NodeKind::string;
    value.text = from.keep("123456789012.dkr.ecr.us-east-1.amazonaws.com/web");
    std::vector<Member> members{{from.keep("ImageUri"), {}, from.add(value)}};
    from.attach_members(id, std::move(members));
    from.set_root(id);
    to = from.subtree(from.root());
  }  // `from` and its text are gone
  CHECK(to.string(to.get(to.root(), "ImageUri")) == "123456789012.dkr.ecr.us-east-1.amazonaws.com/web");
  CHECK(to.members(to.root()).front().key == "ImageUri");
}

TEST_CASE("a copy of a document's root or of a value in it reads as the original, parents and slots included") {
  pipec::source::SourceSet sources;
  const auto file = sources.add("event.json", R"({"source": "aws.ecr", "detail": {"repository-name": "web",
    "image-tag": "v1", "tags": ["a", "b\u00e9", {"k": null}], "n": 12.5, "ok": true}, "": []})");
  std::string original, root, inner;
  Document root_copy, inner_copy;
  {
    const auto read = pipec::syntax::read_json(sources, file);
    const Document& doc = read.document;
    REQUIRE(!doc.empty());
    pipec::test::canonical_value(doc, doc.root(), original);
    pipec::test::canonical_value(doc, doc.get(doc.root(), "detail"), inner);
    root_copy = doc.subtree(doc.root());
    inner_copy = doc.subtree(doc.get(doc.root(), "detail"));
  }  // the read document and its text are gone
  pipec::test::canonical_value(root_copy, root_copy.root(), root);
  CHECK(root == original);
  std::string inner_again;
  pipec::test::canonical_value(inner_copy, inner_copy.root(), inner_again);
  CHECK(inner_again == inner);
  for (const Document* copy : {&root_copy, &inner_copy}) {
    CHECK(copy->node(copy->root()).parent == pipec::syntax::kNoNode);
    for (pipec::syntax::NodeId id = 0; id < copy->size(); ++id) {
      const std::size_t slot = copy->node(id).slot;
      if (copy->is(id, NodeKind::object)) {
        for (const auto& m : copy->members(id)) CHECK(copy->node(m.value).parent == id);
      }
      if (const auto parent = copy->node(id).parent; parent != pipec::syntax::kNoNode) {
        const bool in_object = copy->is(parent, NodeKind::object);
        CHECK((in_object ? copy->members(parent)[slot].value : copy->items(parent)[slot]) == id);
      }
    }
  }
}

TEST_CASE("a text arena moved from is empty, and what it keeps next does not land in the blocks it gave away") {
  TextArena first;
  const std::string_view kept = first.keep("codepipeline");
  TextArena second = std::move(first);
  const std::string_view again = first.keep("eventbridge");  // NOLINT(bugprone-use-after-move): the point of the test
  CHECK(kept == "codepipeline");
  CHECK(again == "eventbridge");
  CHECK(second.size() == kept.size());
  CHECK(first.size() == again.size());
  CHECK(second.keep(kept).data() == kept.data());
}
