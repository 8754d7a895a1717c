#pragma once
// The pattern of a rule or a pattern file (model::PatternRef) compiled for
// the checks that reason about the events it matches: which ECR event types
// and values it can match (CP3004), which sample events reach a target's
// input transformer (CP4006).
//
// A CloudFormation template's pattern may hold intrinsic functions
// ({"Ref": "Repository"}): only a deployment knows their values, so each
// field that holds one is left out of every branch, as if it matched any
// event, and the rest is used as written.
//
// A pattern EventBridge would refuse compiles to nothing by default: which
// events reach a target is moot when the rule cannot be created, and the
// rules that say why (CP0103, CP3001, CP3002) are enough. A check that
// judges fields one by one can ask to go on with the fields that compiled.

#include <map>
#include <mutex>
#include <optional>

#include "eventbridge/pattern.h"
#include "model/events.h"
#include "source/source_file.h"

namespace pipec::eventbridge {

/// Each pattern of a run compiled once, however many rules read it: a
/// pattern with many wildcards costs most of a lint in its complexity check.
/// The driver owns one per run (check::Context::patterns); patterns are
/// known by their document and root, which live as long as the workspace.
/// Safe to use from several threads (rules run in parallel).
class PatternCache {
 public:
  explicit PatternCache(const source::SourceSet& sources) : sources_(sources) {}
  [[nodiscard]] const CompileResult& compiled(const model::PatternRef& pattern);

 private:
  const source::SourceSet& sources_;
  std::mutex mutex_;
  std::map<std::pair<const syntax::Document*, syntax::NodeId>, CompileResult> results_;
};

struct ModelPattern {
  /// Fields left out (intrinsic functions) stay in `fields` but are in no branch.
  CompiledPattern pattern;
  bool partial = false;  ///< some fields were left out
};

struct ModelPatternOptions {
  /// Leave out the fields EventBridge would refuse (an unknown operator, a
  /// bad numeric range) rather than the whole pattern.
  bool skip_refused_fields = false;
};

[[nodiscard]] std::optional<ModelPattern> compile_model_pattern(const model::PatternRef& pattern, PatternCache& cache,
                                                                const ModelPatternOptions& options = {});

/// What compiling the pattern says, for the rules that report it: PutRule's
/// refusals and the compiler's warnings, but none at or inside an intrinsic
/// function of a template (whose value only a deployment knows).
struct PatternFindings {
  std::vector<PatternError> errors, warnings;
};
[[nodiscard]] PatternFindings pattern_findings(const model::PatternRef& pattern, PatternCache& cache);

}  // namespace pipec::eventbridge
