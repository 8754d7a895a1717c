#pragma once
// CloudFormation as a language: a template's intrinsic functions evaluated
// statically, so that values given through parameters, mappings and
// conditions are checked like values written out.
//
// A value is known (a literal, a parameter's Default, a mapping's entry,
// text built from known parts), or unknown (what only a deployment knows: a
// pseudo-parameter such as AWS::AccountId, a resource's Ref or attribute, an
// import, a parameter with no Default). resolve_template() copies a template
// with every function whose value is known replaced by that value, each
// node keeping the span of the token that carries it (a parameter's Default,
// the entry of a mapping), and every other function left as written for the
// rules to skip: checks run on what is known and never guess about the
// unknown. Conditions are evaluated with the parameters' Defaults; an
// Fn::If whose condition is known is the branch it takes, and AWS::NoValue
// removes what it stands for.
//
// References to nothing (Ref, Fn::GetAtt, Fn::Sub, Fn::FindInMap, Fn::If,
// Condition) are issues at their token, with the nearest name.

#include <vector>

#include "source/source_file.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::model {

struct ResolvedTemplate {
  syntax::Document document;          ///< the template, with what is known resolved
  std::vector<syntax::Issue> issues;  ///< references to nothing (IssueKind::cfn_reference)
};

/// Resolves the template `document` (whose root is the template object).
[[nodiscard]] ResolvedTemplate resolve_template(const source::SourceSet& sources, const syntax::Document& document);

/// CloudFormation's pseudo-parameters (AWS::AccountId, AWS::Region, …).
[[nodiscard]] bool is_pseudo_parameter(std::string_view name);

}  // namespace pipec::model
