#pragma once
// JSON given as a string inside a document: PutRule's EventPattern, a
// policy document written as text in a template. Read as a document of its
// own whose offsets map back into the string, so findings point into it.

#include "model/workspace.h"

namespace pipec::model {

/// Reads the JSON in the string at `string` of `doc`; its syntax issues go
/// to `file`. The document is kept by the workspace; nullptr when the text
/// holds no value at all.
const syntax::Document* read_embedded_json(Workspace& ws, LoadedFile& file, const syntax::Document& doc,
                                           syntax::NodeId string);

}  // namespace pipec::model
