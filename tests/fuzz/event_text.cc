// Fuzz harness: reading events straight from their JSON text (the fast path,
// eventbridge/event_text.h) against reading them as Documents. The input is
// the pattern harness's (pattern.cc):
//
//   <flags> PATTERN \0 EVENTS
//
// flags bit 0: CompileOptions::exact_numbers_by_value; bits 1-7: how many
// bytes at a time the line stream is given. EVENTS is matched whole, and
// each of its lines on its own.
//
// Oracles: the machine (the fuzzed pattern when it compiles cleanly, and a
// few fixed ones of every operator) answers exactly the same patterns for an
// event read on the fast path as for the same text read by syntax::read_json;
// the fast path takes exactly the text the strict reader takes whose root is
// an object; refusing repeated keys (TextKeys::unique), only text the reader
// has nothing to say about. The decisions an Explainer reads off the text
// are the document's. A LineStream (source/line_stream.h) cuts EVENTS, given
// a few bytes at a time, into the lines SourceFile numbers, and hands out
// as too long exactly the lines over its limit.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eventbridge/machine.h"
#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "fixed_patterns.h"
#include "fuzz_support.h"
#include "source/line_stream.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"
#include "syntax/json/json_strict_reader.h"

using namespace pipec;

namespace {

using fuzz::clean;

constexpr const char* kFixedPatterns[] = {
    R"({"source": ["aws.ecr"], "detail": {"action-type": ["PUSH"], "image-tag": [{"prefix": "release-"}]}})",
    R"({"detail": {"image-tag": [{"suffix": "-rc"}, {"wildcard": "v*.*"}], "repository-name": [{"anything-but": {"prefix": "tmp-"}}]}})",
    R"({"detail": {"size": [{"numeric": [">", 0, "<=", 100]}], "ip": [{"cidr": "10.0.0.0/8"}], "state": [{"equals-ignore-case": "running"}]}})",
    R"({"detail": {"missing": [{"exists": false}]}})",
    R"({"$or": [{"a": [1, 2.5, true, null, "x"]}, {"b": [{"anything-but": [1, 2]}]}], "c": [{"exists": true}]})",
    R"({"list": {"x": [1], "y": ["a"]}, "a.b": [{"prefix": ""}]})",
    R"({"a": {"b": [{"numeric": ["<", 10]}], "c": ["\u00e9", "\n"]}})",
};

// Bytes handed out `step` at a time.
class Trickle final : public source::ByteSource {
 public:
  Trickle(std::string_view text, std::size_t step) : text_(text), step_(step) {}
  std::ptrdiff_t read(char* into, std::size_t size, std::string&) override {
    const std::size_t n = std::min({size, step_, text_.size() - at_});
    std::copy_n(text_.data() + at_, n, into);
    at_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string_view text_;
  std::size_t step_, at_ = 0;
};

void check_lines(std::string_view events, std::size_t step, std::size_t max_line) {
  source::SourceSet sources;
  const auto& file = sources.file(sources.add("events.jsonl", std::string(events)));
  source::LineStream stream(std::make_unique<Trickle>(events, step), max_line);
  source::LineStream::Line line;
  std::uint32_t expected = 0;
  // SourceFile counts an empty line after a final line ending; a stream does not.
  const std::uint32_t last = events.empty() || events.back() == '\n' ? file.last_line() - 1 : file.last_line();
  while (stream.next(line)) {
    ++expected;
    if (line.number != expected || expected > last) fuzz::fail("the line stream numbers its lines differently");
    const std::uint32_t begin = file.line_start(expected);
    const std::uint32_t end = expected < file.last_line() ? file.line_start(expected + 1) - 1 : static_cast<std::uint32_t>(events.size());
    const bool too_long = end - begin > max_line;
    if (line.too_long != too_long) fuzz::fail("the line stream cuts a line at another length than its limit");
    if (!too_long && line.text != file.line_text(expected)) fuzz::fail("the line stream hands out other bytes than the line");
  }
  if (expected != last || !stream.error().empty()) fuzz::fail("the line stream stopped before the last line");
}

// The decisions read off the text, when the text is read there, are the
// document's.
void check_explained(const eventbridge::CompiledPattern& pattern, std::string_view text, const syntax::Document& event) {
  eventbridge::Explainer explainer(pattern);
  const auto from_text = explainer.match_text(text);
  if (!from_text) return;
  const auto from_document = eventbridge::match(pattern, event);
  if (from_text->matched != from_document.matched || from_text->decisions.size() != from_document.decisions.size()) {
    fuzz::fail("the decisions read off the text are not the document's");
  }
  for (std::size_t i = 0; i < from_document.decisions.size(); ++i) {
    const auto& a = from_text->decisions[i];
    const auto& b = from_document.decisions[i];
    if (a.branch != b.branch || a.path != b.path || a.message != b.message || !(a.pattern_value == b.pattern_value)) {
      fuzz::fail(fmt::format("a decision read off the text differs: {} / {}", a.message, b.message));
    }
  }
}

void check(const eventbridge::Machine& machine, const eventbridge::CompiledPattern* pattern, std::string_view text) {
  source::SourceSet sources;
  const auto file = sources.add("event.json", std::string(text));
  const auto read = syntax::read_json(sources, file);
  std::vector<std::uint32_t> expected, got;
  eventbridge::Machine::Scratch scratch;
  machine.match(read.document, expected, scratch);
  const bool fast = machine.match_text(text, got, scratch);
  // The fast path takes exactly the text the strict reader takes (tree-sitter
  // may read more without an issue, e.g. NUL bytes between tokens; that is
  // left to it) whose root is an object.
  const auto strict = syntax::json::read_strict(sources, file, {});
  const bool takes = strict && strict->document.is(strict->document.root(), syntax::NodeKind::object);
  if (fast != takes) {
    fuzz::fail(fast ? "the fast path read an event the strict reader refuses"
                    : "the fast path gave up on an event the strict reader reads");
  }
  if (fast && got != expected) {
    fuzz::fail(fmt::format("read from text the machine answers [{}], read as a document [{}]", fmt::join(got, ", "),
                           fmt::join(expected, ", ")));
  }
  // Refusing repeated and escaped keys, it takes only text the reader has
  // nothing to say about (and all of it that has no escapes), and still
  // answers alike.
  const bool unique = machine.match_text(text, got, scratch, eventbridge::TextKeys::unique);
  if (unique && (!takes || !strict->issues.empty())) fuzz::fail("the fast path (unique keys) read an event the reader warns about");
  if (!unique && takes && strict->issues.empty() && text.find('\\') == std::string_view::npos) {
    fuzz::fail("the fast path (unique keys) gave up on an event the reader reads without an issue");
  }
  if (unique && got != expected) fuzz::fail("the fast path (unique keys) answers differently");
  // The public entry point, falling back by itself, agrees too.
  machine.match(text, got, scratch);
  if (got != expected) fuzz::fail("Machine::match(text) and Machine::match(document) differ");
  if (pattern != nullptr) check_explained(*pattern, text, read.document);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > fuzz::kMaxInput) return -1;
  static const fuzz::FixedPatterns fixed(kFixedPatterns);
  const bool by_value = (data[0] & 1) != 0;
  auto parts = fuzz::split(fuzz::as_text(data + 1, size - 1), 2);

  eventbridge::MachineBuilder builder;
  std::optional<eventbridge::CompiledPattern> fuzzed;
  source::SourceSet sources;
  const auto pattern_file = sources.add("pattern.json", std::move(parts[0]));
  const auto pattern = syntax::read_json(sources, pattern_file);
  if (!pattern.document.empty() && clean(pattern.issues)) {
    eventbridge::CompileOptions options;
    options.sources = &sources;
    options.exact_numbers_by_value = by_value;
    auto compiled = eventbridge::compile_pattern(pattern.document, pattern.document.root(), options);
    if (compiled.ok()) {
      fuzzed = compiled.pattern;
      builder.add("fuzzed", std::move(compiled.pattern));
    }
  }
  const auto& others = fixed.by_numbers[by_value ? 1 : 0];
  for (std::size_t i = 0; i < others.size(); ++i) builder.add(fmt::format("fixed{}", i), others[i]);
  const auto machine = std::move(builder).build();

  const std::string_view events = parts[1];
  const eventbridge::CompiledPattern* explained = fuzzed ? &*fuzzed : &others.front();
  check(machine, explained, events);
  std::size_t start = 0;
  while (start < events.size()) {
    const auto end = std::min(events.find('\n', start), events.size());
    if (end > start && end - start < events.size()) check(machine, explained, events.substr(start, end - start));
    start = end + 1;
  }
  const std::size_t step = 1 + (data[0] >> 1);
  check_lines(events, step, 1 + step * 3);
  check_lines(events, step, events.size() + 1);
  return 0;
}
