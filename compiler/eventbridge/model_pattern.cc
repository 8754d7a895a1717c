#include "eventbridge/model_pattern.h"

#include <mutex>

#include <algorithm>

namespace pipec::eventbridge {

namespace {

bool within(const source::Span& inner, const source::Span& outer) {
  return inner.file == outer.file && outer.begin <= inner.begin && inner.end <= outer.end;
}

// The spans of the intrinsic functions at or below `node` (not looking inside them).
void intrinsic_spans(const model::PatternRef& pattern, syntax::NodeId node, std::vector<source::Span>& out) {
  const auto& doc = *pattern.document;
  if (pattern.unresolved(node)) {
    out.push_back(doc.node(node).span);
    return;
  }
  // Readers bound the depth (CP0005), so this recursion is bounded too.
  for (const auto& m : doc.members(node)) intrinsic_spans(pattern, m.value, out);
  for (const auto item : doc.items(node)) intrinsic_spans(pattern, item, out);
}

bool within_any(const source::Span& span, const std::vector<source::Span>& outer) {
  return std::any_of(outer.begin(), outer.end(), [&](const source::Span& u) { return within(span, u); });
}

}  // namespace

const CompileResult& PatternCache::compiled(const model::PatternRef& pattern) {
  const auto key = std::make_pair(pattern.document, pattern.root);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = results_.find(key); it != results_.end()) return it->second;
  }
  CompileOptions compile;
  compile.sources = &sources_;
  compile.serialized = pattern.cloudformation;
  auto result = compile_pattern(*pattern.document, pattern.root, compile);
  // Another rule may have compiled it meanwhile: the first one in is kept
  // (map nodes do not move, so references to it stay valid).
  const std::lock_guard lock(mutex_);
  return results_.try_emplace(key, std::move(result)).first->second;
}

PatternFindings pattern_findings(const model::PatternRef& pattern, PatternCache& cache) {
  PatternFindings out;
  if (pattern.document == nullptr || pattern.document->empty()) return out;
  const auto& compiled = cache.compiled(pattern);
  std::vector<source::Span> unknown;
  if (pattern.cloudformation) intrinsic_spans(pattern, pattern.root, unknown);
  for (const auto& e : compiled.errors) {
    if (!within_any(e.span, unknown)) out.errors.push_back(e);
  }
  for (const auto& w : compiled.warnings) {
    if (!within_any(w.span, unknown)) out.warnings.push_back(w);
  }
  return out;
}

std::optional<ModelPattern> compile_model_pattern(const model::PatternRef& pattern, PatternCache& cache,
                                                  const ModelPatternOptions& options) {
  if (pattern.document == nullptr || !pattern.document->is(pattern.root, syntax::NodeKind::object)) return std::nullopt;
  const auto& compiled = cache.compiled(pattern);
  if (compiled.ok()) return ModelPattern{compiled.pattern, false};

  std::vector<source::Span> unknown;
  if (pattern.cloudformation) intrinsic_spans(pattern, pattern.root, unknown);
  const auto in_function = [&](const source::Span& span) { return within_any(span, unknown); };
  // Unless asked to go on, every error must come from a function; any other
  // makes the pattern one EventBridge refuses.
  std::vector<source::Span> refused;
  for (const auto& e : compiled.errors) {
    if (in_function(e.span)) continue;
    if (!options.skip_refused_fields) return std::nullopt;
    refused.push_back(e.span);
  }
  CompiledPattern p = compiled.pattern;
  std::vector<bool> drop(p.fields.size(), false);
  for (std::size_t i = 0; i < p.fields.size(); ++i) {
    const Field& f = p.fields[i];
    // A field inside a function ({"Fn::If": [...]} read as a field), or one
    // whose values hold one or an error.
    const auto holds = [&](const source::Span& s) { return within(s, f.value) || s == f.key; };
    drop[i] = in_function(f.key) || std::any_of(unknown.begin(), unknown.end(), holds) ||
              std::any_of(refused.begin(), refused.end(), holds);
  }
  for (auto& b : p.branches) {
    std::erase_if(b.fields, [&](std::uint32_t index) { return drop[index]; });
  }
  return ModelPattern{std::move(p), true};
}

}  // namespace pipec::eventbridge
