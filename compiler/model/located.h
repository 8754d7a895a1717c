#pragma once
// A value from a document together with where it was written.

#include <string>

#include "source/span.h"
#include "syntax/document.h"

namespace pipec::model {

template <typename T>
struct Located {
  T value{};
  source::Span span;                     ///< the value as written (quotes included)
  syntax::NodeId node = syntax::kNoNode;
};

using Text = Located<std::string>;

}  // namespace pipec::model
