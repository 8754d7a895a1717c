#pragma once
// A problem a reader found in the text itself (syntax, duplicate keys, depth,
// encoding). The check layer turns each kind into a finding of its rule.

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/span.h"

namespace pipec::syntax {

enum class IssueKind { syntax, duplicate_key, too_deep, encoding };

struct Issue {
  IssueKind kind = IssueKind::syntax;
  source::Span span;
  std::string message;
  std::string label;
  std::vector<diag::Label> related;
  std::vector<std::string> help;
};

}  // namespace pipec::syntax
