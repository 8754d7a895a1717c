// Fuzz harness: EventBridge patterns. The input is a flags byte, then a
// pattern and an event separated by a NUL byte:
//
//   <flags> PATTERN \0 EVENT
//
// flags bit 0: CompileOptions::exact_numbers_by_value (`--numbers value`).
//
// The pattern is compiled (eventbridge::compile_pattern) whatever its
// syntax, as lint's rules compile it; when it reads and compiles cleanly, it
// is matched (eventbridge::match) against the event, when that reads
// cleanly (as `pipec test-pattern` requires), and against a few fixed events.
//
// Oracle: the many-pattern machine (eventbridge::Machine), built from the
// fuzzed pattern and a few fixed ones of every operator, answers for each
// event exactly the patterns match() says match.

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventbridge/machine.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "fixed_patterns.h"
#include "fuzz_support.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;

namespace {

using fuzz::clean;

// Patterns the machine holds beside the fuzzed one, so its choice of index
// (the most selective field across all patterns) varies with the fuzzed one.
constexpr const char* kFixedPatterns[] = {
    R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"], "repository-name": ["web"], "image-tag": [{"prefix": "release-"}]}})",
    R"({"detail-type": ["ECR Replication Action"], "source": ["aws.ecr"], "detail": {"result": ["SUCCESS"], "repository-name": ["cross-account-sample-image"], "action-type": ["REPLICATE"]}})",
    R"({"source": ["aws.ecr"], "detail": {"image-tag": [{"suffix": "-rc"}, {"wildcard": "v*.*"}], "repository-name": [{"anything-but": {"prefix": "tmp-"}}]}})",
    R"({"detail": {"size": [{"numeric": [">", 0, "<=", 100]}], "ip": [{"cidr": "10.0.0.0/8"}], "state": [{"equals-ignore-case": "running"}]}})",
    R"({"detail": {"missing": [{"exists": false}]}})",
    R"({"$or": [{"source": ["aws.ecr"]}, {"detail": {"result": [{"anything-but": ["FAILURE", "CANCELLED"]}]}}], "account": [{"exists": true}]})",
    R"({"detail": {"a": [1, 2.5, true, null, "x"], "b": [{"anything-but": [1, 2]}], "c": [{"prefix": {"equals-ignore-case": "AB"}}]}})",
};

// Events every compiled pattern is matched against, besides the fuzzed one.
constexpr const char* kFixedEvents[] = {
    R"({"version": "0", "id": "1", "detail-type": "ECR Image Action", "source": "aws.ecr", "account": "123456789012",
        "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
        "detail": {"result": "SUCCESS", "repository-name": "web", "image-digest": "sha256:0123", "action-type": "PUSH",
                   "image-tag": "release-1.2"}})",
    R"({"source": "custom", "detail": {"a": 1, "b": 2.5, "c": "ab", "size": 50, "ip": "10.1.2.3", "state": "RUNNING",
        "list": [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}], "flag": true, "none": null, "tags": ["v1.2", "x-rc", ""]}})",
    R"({"detail": {}, "source": "", "account": "", "detail-type": "ECR Replication Action"})",
};

struct Fixed : fuzz::FixedPatterns {
  std::vector<syntax::Document> events;
  Fixed() : FixedPatterns(kFixedPatterns) {
    for (const char* text : kFixedEvents) {
      const auto file = sources.add("fixed-event.json", text);
      auto read = syntax::read_json(sources, file);
      if (!read.issues.empty()) fuzz::fail(fmt::format("fixed event does not read: {}", text));
      events.push_back(std::move(read.document));
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > fuzz::kMaxInput) return -1;
  static const Fixed fixed;
  const bool by_value = (data[0] & 1) != 0;
  auto parts = fuzz::split(fuzz::as_text(data + 1, size - 1), 2);

  source::SourceSet sources;
  const auto pattern_file = sources.add("pattern.json", std::move(parts[0]));
  const auto event_file = sources.add("event.json", std::move(parts[1]));
  const auto pattern = syntax::read_json(sources, pattern_file);
  if (pattern.document.empty()) return 0;

  eventbridge::CompileOptions options;
  options.sources = &sources;
  options.exact_numbers_by_value = by_value;
  auto compiled = eventbridge::compile_pattern(pattern.document, pattern.document.root(), options);
  for (const auto& field : compiled.pattern.fields) {
    for (const auto& m : field.matchers) (void)eventbridge::describe(m);
  }
  if (!clean(pattern.issues) || !compiled.ok()) return 0;

  // The fuzzed event when it reads cleanly, and the fixed ones whatever it is, so that every pattern that
  // compiles meets the oracle.
  const auto event = syntax::read_json(sources, event_file);
  std::vector<const syntax::Document*> events;
  if (!event.document.empty() && clean(event.issues)) events.push_back(&event.document);
  for (const auto& e : fixed.events) events.push_back(&e);

  const auto& others = fixed.by_numbers[by_value ? 1 : 0];
  eventbridge::MachineBuilder builder;
  builder.add("fuzzed", compiled.pattern);
  for (std::size_t i = 0; i < others.size(); ++i) builder.add(fmt::format("fixed{}", i), others[i]);
  const auto machine = std::move(builder).build();

  for (const auto* e : events) {
    // Each pattern alone...
    std::vector<std::uint32_t> expected;
    if (eventbridge::match(compiled.pattern, *e).matched) expected.push_back(0);
    for (std::size_t i = 0; i < others.size(); ++i) {
      if (eventbridge::match(others[i], *e).matched) expected.push_back(static_cast<std::uint32_t>(i + 1));
    }
    // ... and all at once.
    const auto got = machine.match(*e);
    if (got != expected) {
      fuzz::fail(fmt::format("the machine answers [{}], matching each pattern alone [{}], for event {}", fmt::join(got, ", "),
                             fmt::join(expected, ", "), e == &event.document ? "the fuzzed one" : "a fixed one"));
    }
  }
  return 0;
}
