#pragma once
// A problem a reader found in the text itself (syntax, duplicate keys, depth,
// encoding). The check layer turns each kind into a finding of its rule.

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/span.h"

namespace pipec::syntax {

enum class IssueKind {
  syntax,         ///< JSON or YAML text that does not parse
  duplicate_key,  ///< a key twice in one object
  too_deep,       ///< nesting past the reader's limit
  encoding,       ///< not UTF-8 text
  dsl_syntax,     ///< a .pipe file that does not parse
  dsl_reference,  ///< a .pipe name that refers to nothing (a constant, a pipeline, a keyword)
  dsl_value,      ///< a .pipe value of the wrong form for its place
  cfn_reference,  ///< a CloudFormation Ref, GetAtt, Sub, FindInMap or condition that names nothing
  cfn_unsubstituted,  ///< a CloudFormation ${Name} outside an Fn::Sub
};

struct Issue {
  IssueKind kind = IssueKind::syntax;
  source::Span span;
  std::string message;
  std::string label;
  std::vector<diag::Label> related;
  std::vector<std::string> help;
  /// What only CloudFormation refuses (YAML aliases, merge keys, !!binary):
  /// not an issue of YAML read for another reader (a buildspec).
  bool cloudformation_only = false;
  /// Edits that repair the text, when certain (a trailing comma to remove).
  std::vector<diag::Edit> fix{};
};

}  // namespace pipec::syntax
