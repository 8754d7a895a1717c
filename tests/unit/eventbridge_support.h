#pragma once
// Helpers shared by the eventbridge_*_test.cc files: JSON text to a
// Document that keeps its sources, and one-call compile and match.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "eventbridge/match.h"
#include "eventbridge/pattern.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

namespace pipec::eventbridge::test {

/// A JSON text and its Document, with the SourceSet its spans refer to.
class Json {
 public:
  explicit Json(std::string text, std::string name = "test.json")
      : sources_(std::make_unique<source::SourceSet>()) {
    file_ = sources_->add(std::move(name), std::move(text));
    auto result = syntax::read_json(*sources_, file_);
    issues_ = std::move(result.issues);
    doc_ = std::move(result.document);
  }
  [[nodiscard]] const syntax::Document& doc() const { return doc_; }
  [[nodiscard]] source::SourceSet& sources() const { return *sources_; }
  /// Parsed without syntax errors (a repeated key is no syntax error).
  [[nodiscard]] bool clean() const {
    for (const auto& issue : issues_) {
      if (issue.kind != syntax::IssueKind::duplicate_key) return false;
    }
    return true;
  }
  /// The text a span covers.
  [[nodiscard]] std::string text(source::Span span) const {
    return std::string(sources_->file(span.file).text().substr(span.begin, span.size()));
  }
  /// "line:column" of a span's start.
  [[nodiscard]] std::string where(source::Span span) const {
    const auto lc = sources_->line_col(span.file, span.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }

 private:
  std::unique_ptr<source::SourceSet> sources_;
  source::FileId file_ = source::kNoFile;
  syntax::Document doc_;
  std::vector<syntax::Issue> issues_;
};

inline CompileResult compile(const Json& pattern, CompileOptions options = {}) {
  options.sources = &pattern.sources();
  return compile_pattern(pattern.doc(), pattern.doc().root(), options);
}

/// Every error as "offending text | message".
inline std::vector<std::string> errors_of(std::string_view pattern_text) {
  const Json p{std::string(pattern_text)};
  std::vector<std::string> out;
  for (const auto& e : compile(p).errors) out.push_back(p.text(e.span) + " | " + e.message);
  return out;
}

/// Every error as "line:column message".
inline std::vector<std::string> located_errors_of(std::string_view pattern_text) {
  const Json p{std::string(pattern_text)};
  std::vector<std::string> out;
  for (const auto& e : compile(p).errors) out.push_back(p.where(e.span) + " " + e.message);
  return out;
}

/// The result of matching, for patterns that must compile.
inline MatchResult run(std::string_view pattern_text, std::string_view event_text, CompileOptions options = {}) {
  const Json p{std::string(pattern_text)};
  const Json e{std::string(event_text)};
  REQUIRE(p.clean());
  REQUIRE(e.clean());
  const auto compiled = compile(p, options);
  std::string errors;
  for (const auto& err : compiled.errors) errors += err.message + "\n";
  INFO(std::string(pattern_text) + "\n" + errors);
  REQUIRE(compiled.ok());
  return match(compiled.pattern, e.doc());
}

inline bool matches(std::string_view pattern_text, std::string_view event_text, CompileOptions options = {}) {
  return run(pattern_text, event_text, options).matched;
}

}  // namespace pipec::eventbridge::test
