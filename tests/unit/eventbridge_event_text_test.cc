// Events read straight from their JSON text (event_text.h) must get exactly
// the answers of the same text read as a Document, and whatever the strict
// reader would not take must be left to the full reader.

#include <catch2/catch.hpp>

#include <fmt/core.h>

#include <string>
#include <vector>

#include "eventbridge/machine.h"
#include "eventbridge/match.h"
#include "eventbridge_support.h"

using namespace pipec::eventbridge;
using pipec::eventbridge::test::Json;

namespace {

Machine build(const std::vector<std::string>& patterns) {
  MachineBuilder builder;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const Json pattern{patterns[i]};
    auto compiled = pipec::eventbridge::test::compile(pattern);
    REQUIRE(compiled.ok());
    builder.add(fmt::format("p{}", i), std::move(compiled.pattern));
  }
  return std::move(builder).build();
}

struct Answers {
  bool fast = false;                   ///< the fast path took the text
  std::vector<std::uint32_t> from_text;
  std::vector<std::uint32_t> from_document;
};

Answers answers(const Machine& machine, const std::string& text, TextKeys keys = TextKeys::any) {
  Answers a;
  Machine::Scratch scratch;
  const Json event{text};
  machine.match(event.doc(), a.from_document, scratch);
  a.fast = machine.match_text(text, a.from_text, scratch, keys);
  std::vector<std::uint32_t> through_fallback;
  machine.match(std::string_view(text), through_fallback, scratch);
  CHECK(through_fallback == a.from_document);
  return a;
}

const std::vector<std::string> kPatterns = {
    R"({"detail": {"state": ["RUN\nNING"]}})",
    R"({"a": {"b": ["é"]}})",
    R"({"c": [2]})",
    R"({"c": [1]})",
    R"({"list": {"x": [1], "y": ["a"]}})",
    R"({"n": [{"numeric": ["=", 300]}]})",
    R"({"n": ["0.10000000000000001"]})",
    R"({"s": [{"prefix": "ab"}]})",
    R"({"z": [null], "t": [true]})",
    R"({"m": [{"exists": false}], "c": [{"exists": true}]})",
};

}  // namespace

TEST_CASE("an event read from its text matches as its document does", "[eventbridge][event_text]") {
  const auto machine = build(kPatterns);
  const auto expect = [&](const std::string& text, std::vector<std::uint32_t> matched) {
    INFO(text);
    const auto a = answers(machine, text);
    CHECK(a.fast);
    CHECK(a.from_text == a.from_document);
    CHECK(a.from_text == matched);
  };
  // Escapes in values and in keys; a dotted key meets a nested one.
  expect(R"({"detail": {"state": "RUN\nNING"}})", {0});
  expect(R"({"a": {"b": "\u00e9"}})", {1});
  expect(R"({"a.b": "\u00e9"})", {1});
  // Arrays of objects: fields matched together must come from one element.
  expect(R"({"list": [{"x": 1, "y": "b"}, {"x": 2, "y": "a"}]})", {});
  expect(R"({"list": [{"x": 2, "y": "b"}, {"x": 1, "y": "a"}]})", {4});
  expect(R"({"list": [[{"x": 1}], {"y": "a"}]})", {});
  expect(R"({"list": [[], {"x": 1, "y": "a"}]})", {4});
  // Numbers as the matcher compares them; an exact string is not a number.
  expect(R"({"n": 3e2})", {5});
  expect(R"({"n": 300.0, "c": []})", {5});
  expect(R"({"n": 0.10000000000000001})", {});
  expect(R"({"n": "0.10000000000000001"})", {6});
  // Literals, and fields nobody reads skipped whatever they hold.
  expect(R"({"skip": {"deep": [1, {"x": "\"}"}, [true, null]]}, "z": null, "t": true, "s": "abc"})", {7, 8});
  expect(" \t\r\n{\"s\": \"ab\"}\r\n", {7});
}

TEST_CASE("bytes that are not UTF-8 compare as the document's do", "[eventbridge][event_text]") {
  const auto machine = build({R"({"s": [{"prefix": "ab"}]})", R"({"s": [{"anything-but": "x"}]})"});
  for (const std::string text : {"{\"s\": \"ab\xff\"}", "{\"s\": \"\xc3\x28\"}", "{\"\xff\": 1, \"s\": \"x\"}"}) {
    INFO(text);
    const auto a = answers(machine, text);
    CHECK(a.from_text == a.from_document);
  }
}

TEST_CASE("text the strict reader refuses goes to the full reader", "[eventbridge][event_text]") {
  const auto machine = build(kPatterns);
  const std::vector<std::string> refused = {
      "",
      "   ",
      R"([{"c": 1}])",
      R"("c")",
      R"({"c": 1,})",
      R"({"c": 1} x)",
      R"({"c": 01})",
      R"({"c": 1.})",
      R"({"c": tru})",
      R"({"c": truex})",
      "{\"s\": \"a\tb\"}",
      R"({"s": "\x"})",
      R"({"s": "\u12"})",
      R"({"skip": "\q", "c": 1})",
      R"({"skip": [1 2], "c": 1})",
      R"({"c": 1)",
      R"({"s": "ab)",
      R"({c: 1})",
      "\xef\xbb\xbf{\"c\": 1}",
  };
  for (const auto& text : refused) {
    INFO(text);
    const auto a = answers(machine, text);
    CHECK_FALSE(a.fast);
    CHECK(a.from_text.empty());
  }
}

TEST_CASE("repeated keys count every value, or go to the reader when it must warn", "[eventbridge][event_text]") {
  const auto machine = build(kPatterns);
  // Every value of a repeated key counts, as in the document; an escaped key
  // is the key it spells ("a\u002eb" is "a.b").
  const std::vector<std::pair<std::string, std::vector<std::uint32_t>>> cases = {
      {R"({"c": 1, "c": 2})", {2, 3, 9}},
      {R"({"a": {"b": 1, "x": [{"y": 1, "y": 2}]}, "c": 1})", {3, 9}},
      {R"({"c": 1, "\u0063": 2})", {2, 3, 9}},
      {R"({"a\u002eb": "é"})", {1}},
  };
  for (const auto& [text, matched] : cases) {
    INFO(text);
    auto a = answers(machine, text);
    CHECK(a.fast);
    CHECK(a.from_text == a.from_document);
    CHECK(a.from_text == matched);
    // What the reader warns about (a repeated key, or an escaped key, which
    // could repeat another) is the reader's to read when its issues matter.
    a = answers(machine, text, TextKeys::unique);
    CHECK_FALSE(a.fast);
  }
  const auto a = answers(machine, R"({"c": 1, "a": {"c": 1}, "x": [{"c": 2}, {"c": 3}]})", TextKeys::unique);
  CHECK(a.fast);
  CHECK(a.from_text == std::vector<std::uint32_t>{3, 9});
}

TEST_CASE("nesting deeper than the reader's limit goes to the full reader", "[eventbridge][event_text]") {
  const auto machine = build(kPatterns);
  const auto nested = [](int depth) {
    return "{\"c\": 1, \"x\": " + std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']') + "}";
  };
  // The root object and 255 arrays: 256 levels, as deep as the reader goes.
  auto a = answers(machine, nested(255));
  CHECK(a.fast);
  CHECK(a.from_text == std::vector<std::uint32_t>{3, 9});
  a = answers(machine, nested(256));
  CHECK_FALSE(a.fast);
  // 100,000 levels neither crash nor match on either path.
  a = answers(machine, nested(100'000));
  CHECK_FALSE(a.fast);
  CHECK(a.from_text.empty());
}

TEST_CASE("strings and numbers of every length read alike", "[eventbridge][event_text]") {
  // The reader looks at eight bytes at a time: what ends a string or a
  // number must be found wherever it falls among them.
  const auto machine = build({R"({"s": [{"prefix": "a"}], "n": [{"numeric": [">", 0]}]})", R"({"s": [{"suffix": "z"}]})"});
  for (std::size_t length = 0; length < 20; ++length) {
    const std::string run(length, 'a');
    const std::string digits(length + 1, '7');
    for (const std::string& text :
         {"{\"s\": \"" + run + "\"}", "{\"s\": \"" + run + "\\\"z\"}", "{\"s\": \"" + run + "\tz\"}",
          "{\"s\": \"" + run + "z\", \"n\": " + digits + "}", "{\"n\": 0." + digits + "}", "{\"n\": " + digits + "x}",
          "{\"n\": " + digits + "e" + digits.substr(0, 2) + ", \"" + run + "\": 1}"}) {
      INFO(text);
      const auto a = answers(machine, text);
      CHECK(a.fast == (text.find('\t') == std::string::npos && text.find('x') == std::string::npos));
      if (a.fast) CHECK(a.from_text == a.from_document);
    }
  }
}

TEST_CASE("a number is read as the strict reader reads it, whatever byte follows its digits", "[eventbridge][event_text]") {
  // The digits are counted eight bytes at a time: every byte must end a run
  // of them, or not, as the strict reader says, at every place in the eight.
  const auto machine = build({R"({"n": [{"numeric": [">", 0]}]})", R"({"m": [5]})"});
  std::size_t taken = 0;
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t length = 1; length <= 17; ++length) {
      const std::string digits(length, '3');
      const std::string after(1, static_cast<char>(byte));
      for (const std::string& text : {"{\"n\": " + digits + after + "1}", "{\"n\": 0." + digits + after + "1}",
                                      "{\"skip\": [" + digits + after + "1], \"m\": 5}",
                                      "{\"skip\": -" + digits + "e" + digits + after + "1, \"m\": 5}"}) {
        INFO("byte " << byte << ": " << text);
        const auto a = answers(machine, text);
        CHECK(a.fast == Json(text).clean());
        if (a.fast) {
          CHECK(a.from_text == a.from_document);
          ++taken;
        }
      }
    }
  }
  CHECK(taken > 17 * 4 * 10);  // after a digit, ',' (in the list), a digit, '.', 'e' or 'E' make texts the reader takes
}

TEST_CASE("decisions read off the text are the document's, without spans into the event", "[eventbridge][event_text]") {
  const std::vector<std::string> patterns = {
      R"({"detail": {"state": ["RUNNING"]}})",
      R"({"list": {"x": [1], "y": ["a"]}})",
      R"({"n": [{"numeric": [">", 3]}], "$or": [{"s": ["ab"]}, {"s": [{"prefix": "x"}]}]})",
      R"({"m": [{"exists": false}], "s": [{"anything-but": ["ab"]}]})",
  };
  const std::vector<std::string> events = {
      R"({"detail": {"state": "running"}})",
      R"({"detail": {"state": "RUNNING"}})",
      R"({"list": [{"x": 1, "y": "b"}, {"x": 2, "y": "a"}]})",
      R"({"n": 4, "s": "xy"})",
      R"({"n": "4", "s": ["ab", "x\u00e9", 5, null]})",
      R"({"m": 1, "s": "q"})",
      R"({"other": true})",
  };
  for (const auto& pattern_text : patterns) {
    const Json pattern{pattern_text};
    const auto compiled = pipec::eventbridge::test::compile(pattern);
    REQUIRE(compiled.ok());
    Explainer explainer(compiled.pattern);
    for (const auto& event_text : events) {
      INFO(pattern_text << " against " << event_text);
      const Json event{event_text};
      const MatchResult from_document = match(compiled.pattern, event.doc());
      const auto from_text = explainer.match_text(event_text);
      REQUIRE(from_text.has_value());
      CHECK(from_text->matched == from_document.matched);
      REQUIRE(from_text->decisions.size() == from_document.decisions.size());
      for (std::size_t i = 0; i < from_document.decisions.size(); ++i) {
        const Decision& a = from_text->decisions[i];
        const Decision& b = from_document.decisions[i];
        CHECK(a.branch == b.branch);
        CHECK(a.path == b.path);
        CHECK(a.message == b.message);
        CHECK(a.pattern_key == b.pattern_key);
        CHECK(a.pattern_value == b.pattern_value);
        CHECK_FALSE(a.event_value.valid());
      }
      // The explainer, reused, answers the document as match() does, and
      // so does the bare yes or no.
      CHECK(explainer.match(event.doc()).decisions.size() == from_document.decisions.size());
      CHECK(explainer.accepts(event.doc()) == from_document.matched);
      CHECK(pipec::eventbridge::matches(compiled.pattern, event.doc()) == from_document.matched);
    }
  }
  // What the reader would warn about is the reader's to read.
  const Json pattern{R"({"s": ["ab"]})"};
  const auto compiled = pipec::eventbridge::test::compile(pattern);
  Explainer explainer(compiled.pattern);
  CHECK_FALSE(explainer.match_text(R"({"s": "ab", "s": "x"})").has_value());
  CHECK_FALSE(explainer.match_text(R"({"s": "ab",})").has_value());
  CHECK_FALSE(explainer.match_text(R"(["s"])").has_value());
}
