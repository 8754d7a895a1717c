// The EventBridge matcher on anyone's rule sets and events: for each set of
// patterns, one Machine; for each line of a JSON-lines event file, read the
// event and match it, counting the events each pattern matched. Prints, per
// set, events per second (events / wall time of one pass, JSON reading
// included; best and mean of the measured passes, after the warm-ups) and
// the counts, one line per set in the shape other matchers' benchmarks print
// it, so two tables can be laid side by side and the counts compared rule by
// rule. Not a test: nothing here passes or fails.
//
//   pipec_bench_rulesets [--dom] RULESETS EVENTS [WARMUP MEASURED [SET...]]
//   pipec_bench_rulesets --make DIR     writes DIR/rulesets.json, DIR/events.jsonl and
//                                       DIR/pattern.json (the first pattern)
//
// RULESETS is one JSON object {"SET": ["pattern as JSON text", ...], ...};
// sets run in its order (or the order named). --dom reads every event as a
// Document (syntax::read_json), the path diagnostics use, instead of the
// fast path, to see what the fast path saves. --make writes inputs of our
// own: 100,000 ECR image scan events (about 900 bytes each, with an array of
// findings as objects) and sets of five patterns per operator, plus all of
// them together, generated deterministically.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "random.h"
#include "eventbridge/machine.h"
#include "eventbridge/pattern.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

using namespace pipec;
using namespace pipec::eventbridge;

namespace {

[[noreturn]] void fail(const std::string& message) {
  fmt::print(stderr, "pipec_bench_rulesets: {}\n", message);
  std::exit(2);
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(fmt::format("cannot read {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

struct RuleSet {
  std::string name;
  std::vector<std::string> patterns;
};

std::vector<RuleSet> read_rulesets(const char* path) {
  source::SourceSet sources;
  const auto file = sources.add(path, read_file(path));
  const auto read = syntax::read_json(sources, file);
  const auto& doc = read.document;
  if (!doc.is(doc.root(), syntax::NodeKind::object)) fail(fmt::format("{}: expected one JSON object of sets", path));
  std::vector<RuleSet> sets;
  for (const auto& member : doc.members(doc.root())) {
    RuleSet set{std::string(member.key), {}};
    for (const auto item : doc.items(member.value)) {
      if (!doc.is(item, syntax::NodeKind::string)) fail(fmt::format("{}: set {} holds a non-string", path, member.key));
      set.patterns.emplace_back(doc.string(item));
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

Machine build(const RuleSet& set) {
  MachineBuilder builder;
  for (std::size_t i = 0; i < set.patterns.size(); ++i) {
    source::SourceSet sources;
    const auto file = sources.add(fmt::format("{}[{}]", set.name, i), set.patterns[i]);
    const auto doc = syntax::read_json(sources, file).document;
    auto compiled = compile_pattern(doc, doc.root());
    if (!compiled.ok()) fail(fmt::format("pattern {} of {} does not compile: {}", i, set.name, compiled.errors.front().message));
    builder.add(std::to_string(i), std::move(compiled.pattern));
  }
  return std::move(builder).build();
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// --- Inputs of our own (--make) --------------------------------------------

// A small deterministic generator (xorshift), so runs are comparable.
using bench::Random;
using bench::hex;

constexpr const char* kSeverities[] = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"};

std::string scan_event(Random& r) {
  const auto repo = r.below(1000);
  std::string findings;
  const auto count = r.below(4);
  for (std::uint32_t i = 0; i < count; ++i) {
    findings += fmt::format(R"({}{{"name": "CVE-2024-{}", "severity": "{}", "score": {}.{}}})", i ? ", " : "",
                            10000 + r.below(90000), kSeverities[r.below(5)], r.below(10), r.below(10));
  }
  const char* tags[] = {"latest", "release-1.4.2", "v2.0.1", "sha256-abc.sig", "main-rc"};
  return fmt::format(
      R"({{"version": "0", "id": "{}-{}-{}-{}-{}", "detail-type": "ECR Image Scan", "source": "aws.ecr", )"
      R"("account": "{}", "time": "2024-05-08T20:44:54Z", "region": "{}", )"
      R"("resources": ["arn:aws:ecr:us-east-1:123456789012:repository/svc-{}"], )"
      R"("detail": {{"scan-status": "{}", "repository-name": "svc-{}", "image-tags": ["{}"], )"
      R"("finding-severity-counts": {{"CRITICAL": {}, "HIGH": {}, "MEDIUM": {}}}, "findings": [{}], )"
      R"("image-digest": "sha256:{}"}}}})",
      hex(r, 8), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 12), r.below(3) ? "123456789012" : "210987654321",
      r.below(4) ? "us-east-1" : "eu-west-1", repo, r.below(10) ? "COMPLETE" : "FAILED", repo, tags[r.below(5)],
      r.below(3), r.below(6), r.below(20), findings, hex(r, 64));
}

// Five patterns per operator, each set named after it, and ALL of them.
std::vector<std::pair<std::string, std::vector<std::string>>> own_sets() {
  const auto five = [](auto make) {
    std::vector<std::string> out;
    for (int i = 0; i < 5; ++i) out.push_back(make(i));
    return out;
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> sets = {
      {"EXACT", five([](int i) { return fmt::format(R"({{"detail": {{"repository-name": ["svc-{}"]}}}})", i * 97); })},
      {"PREFIX", five([](int i) { return fmt::format(R"({{"detail": {{"repository-name": [{{"prefix": "svc-{}"}}]}}}})", i * 7); })},
      {"SUFFIX", five([](int i) { return fmt::format(R"({{"resources": [{{"suffix": "/svc-{}"}}]}})", i * 13 + 1); })},
      {"EQUALS_IGNORE_CASE",
       five([](int i) { return fmt::format(R"({{"detail": {{"scan-status": [{{"equals-ignore-case": "{}"}}], "repository-name": ["svc-{}"]}}}})", i % 2 ? "complete" : "Failed", i); })},
      {"WILDCARD", five([](int i) { return fmt::format(R"({{"detail": {{"image-tags": [{{"wildcard": "*{}*"}}]}}}})", i + 1); })},
      {"NUMERIC",
       five([](int i) { return fmt::format(R"({{"detail": {{"finding-severity-counts": {{"MEDIUM": [{{"numeric": [">=", {}, "<", {}]}}]}}}}}})", i * 4, i * 4 + 2); })},
      {"ANYTHING_BUT",
       five([](int i) { return fmt::format(R"({{"region": [{{"anything-but": ["us-east-1"]}}], "detail": {{"repository-name": [{{"anything-but": {{"prefix": "svc-{}"}}}}]}}}})", i); })},
      {"EXISTS", five([](int i) { return fmt::format(R"({{"detail": {{"findings": {{"name": [{{"exists": {}}}]}}, "image-tags": ["{}"]}}}})", i % 2 ? "true" : "false", i % 2 ? "latest" : "v2.0.1"); })},
      {"ARRAYS_OF_OBJECTS",
       five([](int i) { return fmt::format(R"({{"detail": {{"findings": {{"severity": ["{}"], "score": [{{"numeric": [">", {}]}}]}}}}}})", kSeverities[i], 9 - i); })},
  };
  std::vector<std::string> all;
  for (const auto& [name, patterns] : sets) all.insert(all.end(), patterns.begin(), patterns.end());
  sets.emplace_back("ALL", std::move(all));
  return sets;
}

void make_inputs(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::ofstream rules(dir + "/rulesets.json", std::ios::binary);
  const auto sets = own_sets();
  rules << "{\n";
  for (std::size_t i = 0; i < sets.size(); ++i) {
    rules << fmt::format("  \"{}\": [", sets[i].first);
    for (std::size_t k = 0; k < sets[i].second.size(); ++k) {
      std::string quoted;
      for (const char c : sets[i].second[k]) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
      rules << (k ? ", " : "") << '"' << quoted << '"';
    }
    rules << (i + 1 < sets.size() ? "],\n" : "]\n");
  }
  rules << "}\n";
  // One pattern alone, for `pipec test-pattern --events` on the same events.
  std::ofstream(dir + "/pattern.json", std::ios::binary) << sets.front().second.front() << '\n';
  std::ofstream events(dir + "/events.jsonl", std::ios::binary);
  Random random;
  for (int i = 0; i < 100'000; ++i) events << scan_event(random) << '\n';
  if (!rules || !events) fail(fmt::format("cannot write to {}", dir));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--make") {
    make_inputs(std::string(args[1]));
    return 0;
  }
  bool dom = false;
  if (!args.empty() && args.front() == "--dom") {
    dom = true;
    args.erase(args.begin());
  }
  if (args.size() < 2 || args.size() == 3) {
    fmt::print(stderr, "usage: pipec_bench_rulesets [--dom] RULESETS EVENTS [WARMUP MEASURED [SET...]]\n");
    return 2;
  }
  const std::string rules_path(args[0]), events_path(args[1]);
  const int warmup = args.size() > 2 ? std::atoi(std::string(args[2]).c_str()) : 1;
  const int measured = args.size() > 3 ? std::max(1, std::atoi(std::string(args[3]).c_str())) : 2;

  auto sets = read_rulesets(rules_path.c_str());
  if (args.size() > 4) {
    std::vector<RuleSet> chosen;
    for (std::size_t i = 4; i < args.size(); ++i) {
      const auto it = std::find_if(sets.begin(), sets.end(), [&](const RuleSet& s) { return s.name == args[i]; });
      if (it == sets.end()) fail(fmt::format("no set {} in {}", args[i], rules_path));
      chosen.push_back(*it);
    }
    sets = std::move(chosen);
  }
  const std::string events_text = read_file(events_path.c_str());
  const auto events = lines_of(events_text);
  fmt::print("pipec{}: {} events; {} warm-up + {} measured passes per rule set\n", dom ? " (--dom)" : "", events.size(),
             warmup, measured);

  std::vector<std::uint32_t> out;
  for (const auto& set : sets) {
    const Machine machine = build(set);
    Machine::Scratch scratch;
    std::vector<std::uint64_t> counts(machine.size());
    double best = 0, total = 0;
    std::size_t slow = 0;
    for (int pass = 0; pass < warmup + measured; ++pass) {
      std::fill(counts.begin(), counts.end(), 0);
      slow = 0;
      const auto start = std::chrono::steady_clock::now();
      for (const auto line : events) {
        if (dom) {
          source::SourceSet sources;
          const auto file = sources.add("event.json", std::string(line));
          machine.match(syntax::read_json(sources, file).document, out, scratch);
        } else if (!machine.match_text(line, out, scratch)) {
          ++slow;
          machine.match(line, out, scratch);
        }
        for (const auto p : out) ++counts[p];
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (pass < warmup) continue;
      const double rate = static_cast<double>(events.size()) / seconds;
      best = std::max(best, rate);
      total += rate;
    }
    fmt::print("{:<26} best {:>9.0f} ev/s  mean {:>9.0f} ev/s  matches [{}]{}\n", set.name, best, total / measured,
               fmt::join(counts, ","), slow != 0 ? fmt::format("  ({} events read by the full reader)", slow) : "");
    std::fflush(stdout);
  }
  return 0;
}
