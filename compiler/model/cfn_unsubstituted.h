#pragma once
// CloudFormation substitutes ${Name} only in the text of an Fn::Sub.
// Anywhere else, "arn:aws:s3:::${ArtifactBucket}/*" is those very
// characters: a value that names nothing that exists. Found in the template
// as written, before its functions are evaluated.

#include <vector>

#include "source/source_file.h"
#include "syntax/document.h"
#include "syntax/issue.h"

namespace pipec::model {

/// Each ${Name} or ${Name.Attribute} outside an Fn::Sub text whose Name is
/// a parameter, a resource or a pseudo-parameter of the template
/// (IssueKind::cfn_unsubstituted), at the ${…}. Not looked at: Metadata,
/// the definitions Step Functions substitutes itself (DefinitionSubstitutions),
/// and CodeBuild buildspecs, whose ${NAME} is a shell's environment variable.
[[nodiscard]] std::vector<syntax::Issue> find_unsubstituted(const source::SourceSet& sources, const syntax::Document& document);

}  // namespace pipec::model
