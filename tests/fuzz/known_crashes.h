#pragma once
// Inputs of crash classes that are known and being fixed, which the harnesses
// skip so that fuzzing can find anything else. Each entry names its
// reproducer under tests/fuzz/regressions-pending/; when the crash is fixed,
// delete the entry here and move the reproducer to tests/fuzz/regressions/.

#include <string_view>

#include "dsl/parser.h"
#include "source/source_file.h"

namespace pipec::fuzz {

/// A .pipe file whose syntax tree has a pipeline, stage, action or rule
/// without a name, or a rule with nothing in it (`rule x {}`): lint reports
/// a CP0101 finding at a span with no file for it and diag::finalize reads
/// past the SourceSet (regressions-pending/dsl/unnamed-action.pipe,
/// regressions-pending/dsl/empty-rule.pipe).
inline bool known_pipe_crash(std::string_view text) {
  source::SourceSet sources;
  const auto file = sources.add("known.pipe", std::string(text));
  const auto parsed = dsl::parse(sources, file);
  for (const auto& p : parsed.file.pipelines) {
    if (p.name.text.empty()) return true;
    for (const auto& s : p.stages) {
      if (s.name.text.empty()) return true;
      for (const auto& a : s.actions) {
        if (a.name.text.empty() || a.provider.text.empty()) return true;
      }
    }
  }
  for (const auto& r : parsed.file.rules) {
    if (r.name.text.empty()) return true;
    if (!r.trigger && !r.pattern && !r.pattern_file && r.starts.empty() && r.settings.empty()) return true;
  }
  return false;
}

}  // namespace pipec::fuzz
