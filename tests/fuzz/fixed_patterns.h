#pragma once
// The fixed patterns the machine harnesses (pattern, event_text) hold beside
// the fuzzed one, compiled once each way numbers compare, so the machine's
// choice of index varies with the fuzzed pattern.

#include <fmt/format.h>

#include <span>
#include <vector>

#include "eventbridge/pattern.h"
#include "fuzz_support.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

namespace pipec::fuzz {

struct FixedPatterns {
  source::SourceSet sources;
  std::vector<eventbridge::CompiledPattern> by_numbers[2];  ///< [CompileOptions::exact_numbers_by_value]

  explicit FixedPatterns(std::span<const char* const> texts) {
    for (const char* text : texts) {
      const auto file = sources.add("fixed.json", text);
      const auto read = syntax::read_json(sources, file);
      for (int by_value = 0; by_value < 2; ++by_value) {
        eventbridge::CompileOptions options;
        options.sources = &sources;
        options.exact_numbers_by_value = by_value == 1;
        auto compiled = eventbridge::compile_pattern(read.document, read.document.root(), options);
        if (!read.issues.empty() || !compiled.ok()) fail(fmt::format("fixed pattern does not compile: {}", text));
        by_numbers[by_value].push_back(std::move(compiled.pattern));
      }
    }
  }
};

}  // namespace pipec::fuzz
