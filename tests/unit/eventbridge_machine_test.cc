// Many patterns at once: the machine must answer exactly what matching each
// pattern alone answers. A randomized differential test (fixed seed) covers
// every operator, $or, arrays of objects and absent fields.

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <variant>
#include <fmt/core.h>

#include "eventbridge/machine.h"
#include "eventbridge_support.h"

using namespace pipec::eventbridge;
using pipec::eventbridge::test::Json;

namespace {

Machine build(const std::vector<const Json*>& patterns) {
  MachineBuilder builder;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    auto compiled = pipec::eventbridge::test::compile(*patterns[i]);
    REQUIRE(compiled.ok());
    builder.add(fmt::format("p{}", i), std::move(compiled.pattern));
  }
  return std::move(builder).build();
}

// --- Random patterns and events ------------------------------------------------

// A JSON object under construction: ordered keys, each a nested object or
// the text of a value.
struct Tree {
  std::vector<std::pair<std::string, std::variant<std::string, Tree>>> members;
  Tree& child(const std::string& key) {
    for (auto& [k, v] : members) {
      if (k == key && std::holds_alternative<Tree>(v)) return std::get<Tree>(v);
    }
    members.emplace_back(key, Tree{});
    return std::get<Tree>(members.back().second);
  }
  void set(const std::vector<std::string>& path, std::string value) {
    Tree* at = this;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) at = &at->child(path[i]);
    at->members.emplace_back(path.back(), std::move(value));
  }
  [[nodiscard]] std::string text() const {
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i) out += ", ";
      out += "\"" + members[i].first + "\": ";
      if (const auto* s = std::get_if<std::string>(&members[i].second)) out += *s;
      else out += std::get<Tree>(members[i].second).text();
    }
    return out + "}";
  }
};

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::string pattern() {
    Tree t;
    const int fields = pick(1, 3);
    for (int i = 0; i < fields; ++i) add_field(t);
    if (chance(20)) {
      // $or at the top or in "detail", with two or three alternatives.
      std::string alternatives;
      const int n = pick(2, 3);
      for (int i = 0; i < n; ++i) {
        Tree alt;
        const int k = pick(1, 2);
        for (int j = 0; j < k; ++j) add_field(alt, chance(50));
        alternatives += (i ? ", " : "") + alt.text();
      }
      if (chance(50)) t.members.emplace_back("$or", "[" + alternatives + "]");
      else t.child("detail").members.emplace_back("$or", "[" + alternatives + "]");
    }
    return t.text();
  }

  std::string event() {
    Tree t;
    t.set({"source"}, maybe_array(value()));
    if (chance(70)) t.set({"detail-type"}, maybe_array(value()));
    for (const auto& leaf : {"result", "repository-name", "image-tag", "n", "ip"}) {
      if (chance(65)) t.set({"detail", leaf}, chance(15) ? maybe_array(value()) : value());
    }
    if (chance(60)) {
      std::string items = "[";
      const int n = pick(0, 3);
      for (int i = 0; i < n; ++i) {
        Tree item;
        if (chance(80)) item.set({"name"}, value());
        if (chance(60)) item.set({"size"}, value());
        items += (i ? ", " : "") + item.text();
      }
      t.child("detail").members.emplace_back("items", items + "]");
    }
    if (chance(50)) t.set({"resources"}, "[" + value() + (chance(50) ? ", " + value() : "") + "]");
    if (chance(10)) t.members.emplace_back("detail.result", value());  // a dotted key in the event
    return t.text();
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }
  template <typename T>
  const T& one_of(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(pick(0, static_cast<int>(v.size()) - 1))];
  }

  std::string str() {
    static const std::vector<std::string> s = {"a", "b", "ab", "abc", "A", "Ab", "", "ß", "SS", "x.y", "10.0.0.1",
                                               "10.1.2.3", "2001:db8::1", "v1", "v1.2", "sha256-x", "ab\\\"", "日本"};
    return "\"" + one_of(s) + "\"";
  }
  std::string num() {
    static const std::vector<std::string> n = {"0", "1", "5", "300", "300.0", "3e2", "-2.5", "1e400",
                                               "12345678901234567890", "0.1", "-0"};
    return one_of(n);
  }
  std::string value() {
    const int k = pick(1, 10);
    if (k <= 6) return str();
    if (k <= 9) return num();
    static const std::vector<std::string> lit = {"null", "true", "false"};
    return one_of(lit);
  }
  std::string maybe_array(std::string v) { return chance(20) ? "[" + v + ", " + value() + "]" : v; }

  std::string matcher() {
    static const std::vector<std::string> affix = {"a", "b", "", "v1", "A", "ab\\\"", "\\\"a", "日", "10."};
    static const std::vector<std::string> globs = {"*", "a*", "*b", "a*b", "v*.*", "*\\\\*", ""};
    static const std::vector<std::string> ranges = {
        R"([">", 0])", R"(["<", 5])", R"([">=", 1, "<=", 300])", R"([">", -3, "<", 0.1])", R"(["=", 300])",
        R"(["<=", 0])"};
    switch (pick(0, 20)) {
      case 0: case 1: case 2: return str();
      case 3: return num();
      case 4: return one_of(std::vector<std::string>{"null", "true", "false"});
      case 5: return R"({"prefix": ")" + one_of(affix) + "\"}";
      case 6: return R"({"suffix": ")" + one_of(affix) + "\"}";
      case 7: return R"({"prefix": {"equals-ignore-case": ")" + one_of(affix) + "\"}}";
      case 8: return R"({"suffix": {"equals-ignore-case": ")" + one_of(affix) + "\"}}";
      case 9: return R"({"equals-ignore-case": )" + str() + "}";
      case 10: return R"({"wildcard": ")" + one_of(globs) + "\"}";
      case 11: return R"({"anything-but": )" + (chance(50) ? str() : "[" + str() + ", " + str() + "]") + "}";
      case 12: return R"({"anything-but": )" + (chance(50) ? std::string("5") : std::string("[0, 300]")) + "}";
      case 13: return R"({"anything-but": {"prefix": "a"}})";
      case 14: return R"({"anything-but": {"suffix": ["b", "1"]}})";
      case 15: return R"({"anything-but": {"equals-ignore-case": )" + str() + "}}";
      case 16: return R"({"anything-but": {"wildcard": ")" + one_of(globs) + "\"}}";
      case 17: return R"({"numeric": )" + one_of(ranges) + "}";
      case 18: return R"({"exists": )" + std::string(chance(50) ? "true" : "false") + "}";
      case 19: return R"({"cidr": ")" + one_of(std::vector<std::string>{"10.0.0.0/8", "2001:db8::/32", "0.0.0.0/1"}) + "\"}";
      default: return str();
    }
  }

  void add_field(Tree& t, bool detail_only = false) {
    static const std::vector<std::vector<std::string>> paths = {
        {"source"}, {"detail-type"}, {"detail", "result"}, {"detail", "repository-name"}, {"detail", "image-tag"},
        {"detail", "n"}, {"detail", "ip"}, {"detail", "items", "name"}, {"detail", "items", "size"}, {"resources"},
        {"detail", "missing"}};
    auto path = one_of(paths);
    if (detail_only && path[0] != "detail") path = {"detail", "result"};
    if (path.size() == 2 && chance(10)) path = {path[0] + "." + path[1]};  // a dotted key in the pattern
    std::string values = "[";
    const int n = pick(1, 3);
    for (int i = 0; i < n; ++i) values += (i ? ", " : "") + matcher();
    t.set(path, values + "]");
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("the machine returns the patterns that match", "[eventbridge][machine]") {
  const Json push{R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"]}})"};
  const Json app{R"({"source": ["aws.ecr"], "detail": {"repository-name": ["app"]}})"};
  const Json absent{R"({"detail": {"image-tag": [{"exists": false}]}})"};
  const Json scan{R"({"detail-type": ["ECR Image Scan"], "detail": {"finding-severity-counts": {"CRITICAL": [{"numeric": [">", 0]}]}}})"};
  const auto machine = build({&push, &app, &absent, &scan});
  CHECK(machine.size() == 4);
  CHECK(machine.id(1) == "p1");

  const Json event1{R"({"source": "aws.ecr", "detail-type": "ECR Image Action", "detail": {"action-type": "PUSH", "result": "SUCCESS", "repository-name": "app", "image-tag": "v1"}})"};
  CHECK(machine.match(event1.doc()) == std::vector<std::uint32_t>{0, 1});
  const Json event2{R"({"source": "aws.ecr", "detail-type": "ECR Image Scan", "detail": {"repository-name": "web", "finding-severity-counts": {"CRITICAL": 2}}})"};
  CHECK(machine.match(event2.doc()) == std::vector<std::uint32_t>{2, 3});
  const Json not_object{R"([1])"};
  CHECK(machine.match(not_object.doc()).empty());
}

TEST_CASE("a key is found by its first byte, whole, dotted or with an empty segment", "[eventbridge][machine]") {
  // The trie passes over a key whose first byte starts none of the segments
  // below: each key here starts with the one byte that must let it through.
  const Json dotted{R"({"a.b": [1]})"};
  const Json empty_first{R"({"": {"q": [2]}})"};
  const Json empty_last{R"({"x": {"": [3]}})"};
  const auto machine = build({&dotted, &empty_first, &empty_last});
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::vector<std::uint32_t>>>{
           {R"({"a": {"b": 1}})", {0}},
           {R"({"a.b": 1})", {0}},
           {R"({"": {"q": 2}})", {1}},
           {R"({".q": 2})", {1}},
           {R"({"x": {"": 3}})", {2}},
           {R"({"x.": 3})", {2}},
           {R"({"b": 1, "q": 2, "x": 3, "a": {"c": 1}})", {}},
       }) {
    INFO(text);
    const Json event{text};
    CHECK(machine.match(event.doc()) == expected);
    std::vector<std::uint32_t> from_text;
    Machine::Scratch scratch;
    CHECK(machine.match_text(text, from_text, scratch));
    CHECK(from_text == expected);
  }
}

TEST_CASE("the machine agrees with matching each pattern alone", "[eventbridge][machine]") {
  // Both readings of exact numbers: as text (the user guide) and by value (event-ruler).
  CompileOptions options;
  options.exact_numbers_by_value = GENERATE(false, true);
  Generator generate(20261122);
  std::vector<std::unique_ptr<Json>> patterns;
  std::vector<CompiledPattern> compiled;
  MachineBuilder builder;
  while (patterns.size() < 400) {
    auto p = std::make_unique<Json>(generate.pattern());
    REQUIRE(p->clean());
    auto result = pipec::eventbridge::test::compile(*p, options);
    if (!result.ok()) continue;  // a random anything-but list can mix types; skip those
    compiled.push_back(result.pattern);
    builder.add(std::to_string(patterns.size()), std::move(result.pattern));
    patterns.push_back(std::move(p));
  }
  const auto machine = std::move(builder).build();

  Machine::Scratch scratch;
  std::vector<std::uint32_t> got;
  std::size_t total_matches = 0, events_with_matches = 0;
  for (int e = 0; e < 1500 / PIPEC_TEST_ROUNDS_DIVISOR; ++e) {
    const Json event{generate.event()};
    REQUIRE(event.clean());
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < compiled.size(); ++i) {
      if (match(compiled[i], event.doc()).matched) expected.push_back(i);
    }
    machine.match(event.doc(), got, scratch);
    // The event read straight from its text (event_text.h) gets the same answer.
    std::vector<std::uint32_t> from_text;
    const std::string text = event.text(event.doc().node(event.doc().root()).span);
    REQUIRE(machine.match_text(text, from_text, scratch));
    CHECK(from_text == got);
    if (got != expected) {
      std::string detail = "event: " + event.text(event.doc().node(event.doc().root()).span) + "\n";
      for (const auto i : expected) {
        if (!std::binary_search(got.begin(), got.end(), i)) detail += "missed: " + patterns[i]->text(compiled[i].span) + "\n";
      }
      for (const auto i : got) {
        if (!std::binary_search(expected.begin(), expected.end(), i)) detail += "extra: " + patterns[i]->text(compiled[i].span) + "\n";
      }
      FAIL(detail);
    }
    total_matches += got.size();
    events_with_matches += got.empty() ? 0 : 1;
  }
  // The generator must exercise matches, not just mismatches.
  CHECK(total_matches > 1500 / PIPEC_TEST_ROUNDS_DIVISOR);
  CHECK(events_with_matches > 750 / PIPEC_TEST_ROUNDS_DIVISOR);
}

TEST_CASE("the machine scales with the event, not the number of patterns", "[eventbridge][machine]") {
  // 5,000 patterns on distinct repositories: an event selects the one for
  // its repository (plus the few that need checking for every event).
  MachineBuilder builder;
  std::vector<std::unique_ptr<Json>> keep;
  for (int i = 0; i < 5000; ++i) {
    keep.push_back(std::make_unique<Json>(R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"repository-name": ["repo-)" +
                                          std::to_string(i) + R"("], "action-type": ["PUSH"]}})"));
    auto compiled = pipec::eventbridge::test::compile(*keep.back());
    REQUIRE(compiled.ok());
    builder.add(fmt::format("r{}", i), std::move(compiled.pattern));
  }
  const auto machine = std::move(builder).build();
  const Json event{R"({"source": "aws.ecr", "detail-type": "ECR Image Action", "detail": {"repository-name": "repo-4321", "action-type": "PUSH"}})"};
  Machine::Scratch scratch;
  std::vector<std::uint32_t> out;
  machine.match(event.doc(), out, scratch);
  CHECK(out == std::vector<std::uint32_t>{4321});
  // Only the repository's branch was a candidate.
  CHECK(scratch.candidates.size() == 1);
}
