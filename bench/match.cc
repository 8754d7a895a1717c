// The EventBridge matching benchmark: events per second, on one core, for
// 1, 100 and 10,000 patterns, matching already-parsed events and end to end
// (reading the event's JSON too). Patterns and events are ECR pipeline
// triggers and the events ECR sends, generated deterministically. Not a
// test: nothing here passes or fails.
//
//   bench/run, or: cmake --build build --target pipec_bench_match && build/pipec_bench_match

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "random.h"
#include "eventbridge/machine.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;
using namespace pipec::eventbridge;

namespace {

// A small deterministic generator (xorshift), so runs are comparable.
using bench::Random;
using bench::hex;

// "Simple" patterns: the rule an ECR source action creates, exact values only.
std::string simple_pattern(int i) {
  return fmt::format(R"({{"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {{"action-type": ["PUSH"], )"
                     R"("result": ["SUCCESS"], "repository-name": ["svc-{}"], "image-tag": ["latest"]}}}})",
                     i);
}

// A mix of what pipelines and their neighbours subscribe to.
std::string mixed_pattern(int i) {
  switch (i % 5) {
    case 0: return simple_pattern(i);
    case 1:
      return fmt::format(R"({{"source": ["aws.ecr"], "detail-type": ["ECR Image Action"], "detail": {{"action-type": ["PUSH"], )"
                         R"("repository-name": ["svc-{}"], "image-tag": [{{"prefix": "release-"}}]}}}})",
                         i);
    case 2:
      return fmt::format(R"({{"source": ["aws.ecr"], "detail-type": ["ECR Replication Action"], )"
                         R"("detail": {{"result": ["SUCCESS"], "action-type": ["REPLICATE"], "repository-name": ["svc-{}"]}}}})",
                         i);
    case 3:
      return fmt::format(R"({{"detail-type": ["ECR Image Scan"], "detail": {{"repository-name": ["svc-{}"], )"
                         R"("finding-severity-counts": {{"CRITICAL": [{{"numeric": [">", 0]}}]}}}}}})",
                         i);
    default:
      return fmt::format(R"({{"source": ["aws.ecr"], "detail": {{"repository-name": ["svc-{}"], )"
                         R"("image-tag": [{{"anything-but": {{"prefix": "sha256-"}}}}], "result": ["SUCCESS"]}}}})",
                         i);
  }
}

// ECR events about repositories svc-0 .. svc-(repositories - 1).
std::string event(Random& r, int repositories) {
  const int repo = static_cast<int>(r.below(static_cast<std::uint32_t>(repositories)));
  const std::string digest = "sha256:" + hex(r, 64);
  const std::string id = hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12);
  const char* tags[] = {"latest", "release-1.4.2", "v2", "sha256-" "abc.sig", ""};
  switch (r.below(4)) {
    case 0:
    case 1:
      return fmt::format(R"({{"version": "0", "id": "{}", "detail-type": "ECR Image Action", "source": "aws.ecr", )"
                         R"("account": "123456789012", "time": "2024-05-08T20:44:54Z", "region": "us-east-1", "resources": [], )"
                         R"("detail": {{"result": "SUCCESS", "repository-name": "svc-{}", "image-digest": "{}", )"
                         R"("action-type": "{}", "image-tag": "{}"}}}})",
                         id, repo, digest, r.below(5) ? "PUSH" : "DELETE", tags[r.below(5)]);
    case 2:
      return fmt::format(R"({{"version": "0", "id": "{}", "detail-type": "ECR Replication Action", "source": "aws.ecr", )"
                         R"("account": "210987654321", "time": "2024-05-08T20:44:54Z", "region": "us-east-1", )"
                         R"("resources": ["arn:aws:ecr:us-east-1:210987654321:repository/svc-{}"], )"
                         R"("detail": {{"result": "{}", "repository-name": "svc-{}", "image-digest": "{}", )"
                         R"("source-account": "123456789012", "action-type": "REPLICATE", "source-region": "us-west-2", )"
                         R"("image-tag": "latest"}}}})",
                         id, repo, r.below(6) ? "SUCCESS" : "FAILED", repo, digest);
    default:
      return fmt::format(R"({{"version": "0", "id": "{}", "detail-type": "ECR Image Scan", "source": "aws.ecr", )"
                         R"("account": "123456789012", "time": "2019-10-29T02:36:48Z", "region": "us-east-1", )"
                         R"("resources": ["arn:aws:ecr:us-east-1:123456789012:repository/svc-{}"], )"
                         R"("detail": {{"scan-status": "COMPLETE", "repository-name": "svc-{}", )"
                         R"("finding-severity-counts": {{"CRITICAL": {}, "MEDIUM": 9}}, "image-digest": "{}", "image-tags": []}}}})",
                         id, repo, repo, r.below(3), digest);
  }
}

syntax::Document parse(source::SourceSet& sources, std::string text) {
  const auto file = sources.add("event.json", std::move(text));
  return syntax::read_json(sources, file).document;
}

struct Setup {
  std::vector<std::string> event_texts;
  std::vector<syntax::Document> events;
  source::SourceSet sources;  // keeps the parsed events' text alive
};

Machine build(int patterns, bool simple, source::SourceSet& sources) {
  MachineBuilder builder;
  for (int i = 0; i < patterns; ++i) {
    const auto doc = parse(sources, simple ? simple_pattern(i) : mixed_pattern(i));
    auto compiled = compile_pattern(doc, doc.root());
    if (!compiled.ok()) {
      fmt::print(stderr, "pattern {} does not compile: {}\n", i, compiled.errors.front().message);
      std::exit(1);
    }
    builder.add("p" + std::to_string(i), std::move(compiled.pattern));
  }
  return std::move(builder).build();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Events per second over `texts`, parsed in batches of 64 that are then
// matched while still in cache, as in a stream; only the matching is timed.
double hot_rate(const Machine& machine, const std::vector<std::string>& texts, Machine::Scratch& scratch,
                std::size_t& matched) {
  constexpr std::size_t kBatch = 64;
  std::vector<std::uint32_t> out;
  std::size_t done = 0;
  double timed = 0;
  std::vector<syntax::Document> batch;
  while (timed < 1.0) {
    for (std::size_t first = 0; first < texts.size(); first += kBatch) {
      source::SourceSet sources;
      batch.clear();
      for (std::size_t i = first; i < std::min(texts.size(), first + kBatch); ++i) batch.push_back(parse(sources, texts[i]));
      const auto start = std::chrono::steady_clock::now();
      for (const auto& e : batch) {
        machine.match(e, out, scratch);
        matched += out.size();
      }
      timed += seconds_since(start);
      done += batch.size();
    }
  }
  return static_cast<double>(done) / timed;
}

// Events per second over all the parsed events in turn: 10,000 documents do
// not fit in the caches, so this is bound by memory, not by matching.
double cold_rate(const Machine& machine, const std::vector<syntax::Document>& events, Machine::Scratch& scratch) {
  std::vector<std::uint32_t> out;
  std::size_t done = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < 1.0) {
    for (const auto& e : events) machine.match(e, out, scratch);
    done += events.size();
    elapsed = seconds_since(start);
  }
  return static_cast<double>(done) / elapsed;
}

// Events per second reading each event's JSON text and matching it.
// Reading the JSON then matching: from the text (Machine::match on the
// text, which decodes only what the patterns read), or through the document
// every diagnostic is built on.
double end_to_end_rate(const Machine& machine, const std::vector<std::string>& texts, Machine::Scratch& scratch,
                       bool through_document) {
  std::vector<std::uint32_t> out;
  std::size_t done = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < 1.0) {
    for (const auto& text : texts) {
      if (through_document) {
        source::SourceSet sources;
        const auto doc = parse(sources, text);
        machine.match(doc, out, scratch);
      } else {
        machine.match(std::string_view(text), out, scratch);
      }
    }
    done += texts.size();
    elapsed = seconds_since(start);
  }
  return static_cast<double>(done) / elapsed;
}

void run(const char* label, int patterns, bool simple, const Setup& setup) {
  source::SourceSet pattern_sources;
  const auto build_start = std::chrono::steady_clock::now();
  const Machine machine = build(patterns, simple, pattern_sources);
  const double build_time = seconds_since(build_start);
  Machine::Scratch scratch;
  std::size_t matched = 0;
  const double hot = hot_rate(machine, setup.event_texts, scratch, matched);
  const double cold = cold_rate(machine, setup.events, scratch);
  const double e2e = end_to_end_rate(machine, setup.event_texts, scratch, false);
  const double e2e_document = end_to_end_rate(machine, setup.event_texts, scratch, true);
  // Matches per event, over one pass.
  std::vector<std::uint32_t> out;
  std::size_t matches = 0;
  for (const auto& e : setup.events) {
    machine.match(e, out, scratch);
    matches += out.size();
  }
  fmt::print("{:<22} {:>7} {:>12.0f} {:>12.0f} {:>12.0f} {:>12.0f} {:>10.3f} {:>8.3f}\n", label, patterns, hot, cold,
             e2e, e2e_document, static_cast<double>(matches) / static_cast<double>(setup.events.size()), build_time);
}

// One pattern at a time, for comparison: what the machine saves.
void run_alone(int patterns, const Setup& setup) {
  source::SourceSet pattern_sources;
  std::vector<CompiledPattern> compiled;
  for (int i = 0; i < patterns; ++i) {
    const auto doc = parse(pattern_sources, mixed_pattern(i));
    compiled.push_back(compile_pattern(doc, doc.root()).pattern);
  }
  std::size_t done = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < 1.0) {
    for (const auto& e : setup.events) {
      for (const auto& p : compiled) (void)match(p, e).matched;
    }
    done += setup.events.size();
    elapsed = seconds_since(start);
  }
  fmt::print("{:<22} {:>7} {:>12} {:>12.0f}\n", "each pattern alone", patterns, "", static_cast<double>(done) / elapsed);
}

}  // namespace

int main() {
  constexpr int kEvents = 10'000;
  Setup setup;
  Random random;
  for (int i = 0; i < kEvents; ++i) setup.event_texts.push_back(event(random, 20'000));
  std::size_t bytes = 0;
  for (const auto& text : setup.event_texts) {
    bytes += text.size();
    setup.events.push_back(parse(setup.sources, text));
  }
  fmt::print("{} ECR events, {} bytes on average; one core\n\n", kEvents, bytes / kEvents);
  fmt::print("events/s: matching events read just before (hot), matching all {} parsed events in turn (cold:\n"
             "they do not fit in the caches), and reading the JSON then matching (end to end: from the text, and\n"
             "through the positioned document diagnostics use); build s: compiling the patterns into one machine\n\n",
             kEvents);
  fmt::print("{:<22} {:>7} {:>12} {:>12} {:>12} {:>12} {:>10} {:>8}\n", "patterns", "count", "hot", "cold",
             "end to end", "via document", "matches/ev", "build s");
  // Growth: 1 to 10,000 patterns in one machine.
  for (const int n : {1, 10, 100, 1'000, 10'000}) run("simple (exact values)", n, true, setup);
  for (const int n : {1, 10, 100, 1'000, 10'000}) run("mixed operators", n, false, setup);
  fmt::print("\n");
  run_alone(1, setup);
  run_alone(100, setup);
  return 0;
}
