#pragma once
// An EventBridge event pattern compiled the way aws/event-ruler's
// JsonRuleCompiler compiles it, with every error EventBridge would refuse it
// for, each at the token that causes it.
//
// A pattern becomes one or more branches (several when it uses $or: each
// combination of $or alternatives is a branch, as event-ruler forks its
// rule maps). A branch is a list of fields, each a dotted path ("detail.
// repository-name"; nested objects and dotted keys give the same path, as in
// event-ruler) with the matchers of its value array. An event matches a
// branch when every field matches (AND), a field matches when one of its
// matchers does (OR), and the pattern matches when a branch does.

#include <optional>
#include <string>
#include <vector>

#include "eventbridge/ip_address.h"
#include "eventbridge/string_match.h"
#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::eventbridge {

/// What a problem is about, for the lint rules that say some of them in
/// words of their own.
enum class PatternProblem : std::uint8_t {
  other,
  not_an_array,      ///< a field's value is a scalar (lint: CP3001)
  unknown_operator,  ///< a match expression names no operator (lint: CP3002)
  undocumented,      ///< accepted by event-ruler, absent from the user guide ({"exactly": …})
  repeated_path,     ///< a path given twice, the last one used (lint: CP0004 for repeated keys)
  limit,             ///< past a limit: numbers, length, complexity
  /// Past pipec's own limit, not EventBridge's: the pattern cannot be run
  /// offline (ok() is false), though EventBridge may accept it.
  pipec_limit,
};

struct PatternError {
  source::Span span;
  std::string message;  ///< EventBridge's (event-ruler's) wording where it has one
  PatternProblem problem = PatternProblem::other;
  std::string note;     ///< pipec's words beside EventBridge's, when they say too little
};

enum class Op : std::uint8_t {
  exact_string,    ///< "SUCCESS", {"exactly": "x"}
  exact_number,    ///< 300 (equal numbers match, see number.h; else the same text)
  exact_literal,   ///< null, true, false
  exact_ip,        ///< a string that is an IP address matches that address
  prefix,
  prefix_ignore_case,
  suffix,
  suffix_ignore_case,
  equals_ignore_case,
  wildcard,
  anything_but_strings,
  anything_but_numbers,
  anything_but_prefix,
  anything_but_suffix,
  anything_but_ignore_case,
  anything_but_wildcard,
  numeric,
  cidr,
  exists,      ///< {"exists": true}
  not_exists,  ///< {"exists": false}
};

/// One value of a field's array.
struct Matcher {
  Op op = Op::exact_string;
  std::string text;                  ///< operand (decoded), or the number as written
  std::vector<std::string> texts;    ///< anything-but operands
  std::vector<double> numbers;       ///< anything-but numbers
  std::optional<double> number;      ///< exact_number's value when comparable
  double low = 0, high = 0;          ///< numeric bounds (infinite when open-ended)
  bool open_low = false, open_high = false;
  IpRange range;                     ///< exact_ip, cidr
  /// Compiled operands: [0] for the ignore-case and wildcard operators, one
  /// per operand for their anything-but forms.
  std::vector<IgnoreCase> folded;
  std::vector<Wildcard> globs;
  source::Span span;                 ///< the value or match expression in the pattern
};

struct Field {
  std::string path;            ///< "detail.repository-name"
  std::vector<std::string> segments;  ///< path split at dots
  source::Span key;            ///< the innermost key in the pattern
  source::Span value;          ///< the value array
  std::vector<Matcher> matchers;
};

struct Branch {
  /// Indexes into CompiledPattern::fields, in event-ruler's order: sorted by
  /// path as Java compares strings (UTF-16 code units). The order matters:
  /// an {"exists": false} field inside an array of objects is checked against
  /// the array element chosen by the fields before it.
  std::vector<std::uint32_t> fields;
};

struct CompiledPattern {
  std::vector<Field> fields;
  std::vector<Branch> branches;
  source::Span span;
};

struct CompileOptions {
  /// Where spans inside a string point at the offending characters (the
  /// "**" of a wildcard); without it they cover the whole string.
  const source::SourceSet* sources = nullptr;
  /// An exact number matches every equal number, as the service does
  /// (localstack's number_comparison_float, recorded against AWS: [300]
  /// matches 300.0) and as event-ruler does (JsonRuleCompiler adds a numeric
  /// equality beside the exact text for every number it can compare): 300
  /// matches 300.0, 3e2 and 3E+2, and 0 matches -0. A number that cannot be
  /// compared (number.h) matches only its own text. False selects the user
  /// guide's reading, which the service contradicts ("300, 300.0 and 3.0e2
  /// are not considered equal"; `--numbers text` on the command line).
  bool exact_numbers_by_value = true;
  /// pipec's own limit, not EventBridge's (which documents none and whose
  /// matcher expands every combination too): a pattern whose $or
  /// alternatives multiply out to more combinations than this is not run.
  std::size_t max_branches = 1000;
  /// The pattern reaches PutRule serialized by a tool (a CloudFormation
  /// template's EventPattern object): its length is that of the pattern as
  /// minified JSON. Otherwise a pattern written as JSON (a pattern file, a
  /// PutRule's EventPattern string) is measured as written.
  bool serialized = false;
};

struct CompileResult {
  CompiledPattern pattern;          ///< meaningful only without errors
  /// What EventBridge refuses, and (PatternProblem::pipec_limit) what pipec
  /// cannot run.
  std::vector<PatternError> errors;
  /// Accepted but suspicious: {"exactly": ...} (event-ruler only, not
  /// documented by EventBridge), a path given twice (the last one wins),
  /// numbers outside the documented ±5.0e9.
  std::vector<PatternError> warnings;
  [[nodiscard]] bool ok() const { return errors.empty(); }
  /// Whether EventBridge refuses the pattern (an error past pipec's own
  /// limits only is no refusal).
  [[nodiscard]] bool refused() const {
    for (const auto& e : errors) {
      if (e.problem != PatternProblem::pipec_limit) return true;
    }
    return false;
  }
};

/// Compiles the pattern at `root` (an object).
[[nodiscard]] CompileResult compile_pattern(const syntax::Document& document, syntax::NodeId root,
                                            const CompileOptions& options = {});

/// Words for a matcher in messages: `"SUCCESS"`, `prefix "v"`,
/// `numeric > 0 and <= 5`, `anything but "a" or "b"`, `exists: false`.
[[nodiscard]] std::string describe(const Matcher& matcher);

}  // namespace pipec::eventbridge
