#pragma once
// The buildspecs a CloudFormation template writes inline: a CodeBuild
// project's Source.BuildSpec (and each SecondarySources') holding YAML rather
// than the path of a file, read as a document of their own.

#include "model/workspace.h"

namespace pipec::model {

/// Adds to the workspace each inline buildspec of the template in `file`
/// (already resolved). A BuildSpec still given by Fn::Sub is read as its
/// text, its ${…} left as written. YAML syntax issues go to `file`.
void lower_template_buildspecs(Workspace& ws, LoadedFile& file);

}  // namespace pipec::model
