// util::unified_diff against what `diff -u` prints for the same texts (the
// expected strings were checked with GNU diffutils 3.8, labels given with
// --label), and the edit script's properties on texts made up in the test.

#include <catch2/catch.hpp>
#include <string>

#include "util/unified_diff.h"

using pipec::util::diff_lines;
using pipec::util::LineEdit;
using pipec::util::split_lines;
using pipec::util::unified_diff;

namespace {

std::string numbered(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

// Applies an edit script to `before`, for checking that it leads to `after`.
std::string apply(const std::vector<std::string_view>& before, const std::vector<std::string_view>& after,
                  const std::vector<LineEdit>& script) {
  std::string out;
  for (const auto& e : script) {
    if (e.op == LineEdit::Op::keep) {
      CHECK(before[e.a] == after[e.b]);
      out += std::string(before[e.a]) + "\n";
    } else if (e.op == LineEdit::Op::insert) {
      out += std::string(after[e.b]) + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("unified_diff: equal texts have no diff") {
  CHECK(unified_diff("", "", "a", "b").empty());
  CHECK(unified_diff("x\ny\n", "x\ny\n", "a", "b").empty());
  CHECK(unified_diff("x\ny", "x\ny", "a", "b").empty());
}

TEST_CASE("unified_diff: from and to an empty file") {
  CHECK(unified_diff("", "one\ntwo\n", "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -0,0 +1,2 @@\n"
        "+one\n"
        "+two\n");
  CHECK(unified_diff("one\n", "", "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -1 +0,0 @@\n"
        "-one\n");
}

TEST_CASE("unified_diff: insertion at the start and at the end") {
  const std::string text = numbered(1, 5);
  CHECK(unified_diff(text, "new\n" + text, "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -1,3 +1,4 @@\n"
        "+new\n"
        " line 1\n"
        " line 2\n"
        " line 3\n");
  CHECK(unified_diff(text, text + "new\n", "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -3,3 +3,4 @@\n"
        " line 3\n"
        " line 4\n"
        " line 5\n"
        "+new\n");
}

TEST_CASE("unified_diff: a changed line shows its removal before its insertion") {
  CHECK(unified_diff("a\nb\nc\n", "a\nB\nc\n", "x (committed)", "x (generated)") ==
        "--- x (committed)\n+++ x (generated)\n"
        "@@ -1,3 +1,3 @@\n"
        " a\n"
        "-b\n"
        "+B\n"
        " c\n");
}

TEST_CASE("unified_diff: changes far apart in a long file are separate hunks, near ones share one") {
  const std::string before = numbered(1, 40);
  std::string after = before;
  after.replace(after.find("line 5\n"), 7, "line five\n");
  after.replace(after.find("line 30\n"), 8, "");
  CHECK(unified_diff(before, after, "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -2,7 +2,7 @@\n"
        " line 2\n"
        " line 3\n"
        " line 4\n"
        "-line 5\n"
        "+line five\n"
        " line 6\n"
        " line 7\n"
        " line 8\n"
        "@@ -27,7 +27,6 @@\n"
        " line 27\n"
        " line 28\n"
        " line 29\n"
        "-line 30\n"
        " line 31\n"
        " line 32\n"
        " line 33\n");

  // Six kept lines between two changes (2 × 3 of context): one hunk.
  std::string near = before;
  near.replace(near.find("line 10\n"), 8, "line ten\n");
  near.replace(near.find("line 17\n"), 8, "line seventeen\n");
  const std::string diff = unified_diff(before, near, "a", "b");
  CHECK(diff.find("@@ -7,14 +7,14 @@\n") != std::string::npos);
  CHECK(diff.find("\n@@ ", diff.find("@@ -7")) == std::string::npos);
}

TEST_CASE("unified_diff: a missing final newline is marked, and is a difference") {
  CHECK(unified_diff("a\nb\n", "a\nb", "x", "y") ==
        "--- x\n+++ y\n"
        "@@ -1,2 +1,2 @@\n"
        " a\n"
        "-b\n"
        "+b\n"
        "\\ No newline at end of file\n");
  CHECK(unified_diff("a\nb", "a\nc", "x", "y") ==
        "--- x\n+++ y\n"
        "@@ -1,2 +1,2 @@\n"
        " a\n"
        "-b\n"
        "\\ No newline at end of file\n"
        "+c\n"
        "\\ No newline at end of file\n");
  // Unchanged, the last line is context and is marked once.
  CHECK(unified_diff("a\nb\nc", "A\nb\nc", "x", "y") ==
        "--- x\n+++ y\n"
        "@@ -1,3 +1,3 @@\n"
        "-a\n"
        "+A\n"
        " b\n"
        " c\n"
        "\\ No newline at end of file\n");
}

TEST_CASE("unified_diff: context 0 and the range of a pure deletion") {
  CHECK(unified_diff("a\nb\nc\n", "a\nc\n", "x", "y", 0) ==
        "--- x\n+++ y\n"
        "@@ -2 +1,0 @@\n"
        "-b\n");
}

TEST_CASE("diff_lines finds a shortest script, deterministically") {
  // Myers' own example: ABCABBA into CBABAC takes 5 edits.
  const std::vector<std::string_view> a = {"A", "B", "C", "A", "B", "B", "A"};
  const std::vector<std::string_view> b = {"C", "B", "A", "B", "A", "C"};
  const auto script = diff_lines(a, b);
  std::size_t edits = 0;
  for (const auto& e : script) edits += e.op == LineEdit::Op::keep ? 0 : 1;
  CHECK(edits == 5);
  CHECK(apply(a, b, script) == "C\nB\nA\nB\nA\nC\n");
  const auto again = diff_lines(a, b);
  REQUIRE(again.size() == script.size());
  for (std::size_t i = 0; i < script.size(); ++i) {
    CHECK(again[i].op == script[i].op);
    CHECK(again[i].a == script[i].a);
    CHECK(again[i].b == script[i].b);
  }
}

TEST_CASE("diff_lines on texts with few distinct lines and on unrelated texts") {
  // Pseudo-random texts over a small alphabet, where many scripts tie:
  // each script must lead from one text to the other.
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  static const std::vector<std::string> words = {"a", "b", "c"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string_view> a;
    std::vector<std::string_view> b;
    for (std::uint32_t i = 0, n = next() % 30; i < n; ++i) a.push_back(words[next() % 3]);
    for (std::uint32_t i = 0, n = next() % 30; i < n; ++i) b.push_back(words[next() % 3]);
    std::string expected;
    for (const auto& line : b) expected += std::string(line) + "\n";
    CHECK(apply(a, b, diff_lines(a, b)) == expected);
  }
  // Nothing in common: every line goes, every line comes.
  // The texts outlive the line views split_lines returns into them.
  const std::string before_text = numbered(1, 2000);
  const std::string after_text = numbered(3001, 5000);
  const auto before = split_lines(before_text);
  const auto after = split_lines(after_text);
  const auto script = diff_lines(before, after);
  REQUIRE(script.size() == 4000);
  CHECK(script.front().op == LineEdit::Op::remove);
  CHECK(script.back().op == LineEdit::Op::insert);
}

TEST_CASE("split_lines keeps a last line without a newline") {
  bool ends = false;
  CHECK(split_lines("", &ends).empty());
  CHECK(ends);
  CHECK(split_lines("a\n\nb", &ends) == std::vector<std::string_view>{"a", "", "b"});
  CHECK_FALSE(ends);
  CHECK(split_lines("\n", &ends) == std::vector<std::string_view>{""});
  CHECK(ends);
}
