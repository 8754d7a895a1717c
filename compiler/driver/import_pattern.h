#pragma once
// `pipec import`'s writing of an event pattern: `on ecr push|replication|scan
// { … }` when the pattern is exactly what that shortcut lowers to (docs/dsl.md),
// else `pattern { … }` with fields, nested blocks, `or` and operators.

#include <functional>
#include <set>
#include <string>

#include "driver/import_values.h"
#include "emit/pipe_source.h"
#include "source/span.h"
#include "syntax/document.h"

namespace pipec::driver {

/// What the pattern writer asks of the import it is part of.
struct ImportPatternHooks {
  /// Says that what is at `where` cannot be written (a comment on `at`, a warning).
  std::function<void(emit::PipeStatement& at, source::Span where, const std::string& what)> not_expressible;
  /// A string value as written in the file (with the import's constants).
  std::function<std::string(const emit::PipeText&)> text;
  /// A string or intrinsic function's value as the import reads it (a
  /// template parameter's value as the parameter).
  std::function<ImportedValue(const syntax::Document&, syntax::NodeId)> value;
  /// Top-level fields written by other statements (`account`, when the rule
  /// says `from account`): left out of the pattern.
  std::set<std::string, std::less<>> written_elsewhere = {};
};

/// The statement for the pattern whose root is `root`.
[[nodiscard]] emit::PipeStatement import_pattern(const syntax::Document& document, syntax::NodeId root,
                                                 const ImportPatternHooks& hooks);

}  // namespace pipec::driver
