#pragma once
// A value of a document as minified JSON, the way EventBridge passes JSON
// to a target: numbers as written, strings escaped.

#include <string>
#include <string_view>

#include "syntax/document.h"

namespace pipec::eventbridge {

void write_json(const syntax::Document& document, syntax::NodeId value, std::string& out);

}  // namespace pipec::eventbridge
