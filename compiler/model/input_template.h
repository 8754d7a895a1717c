#pragma once
// An InputTemplate: its text (in a source file of its own, mapped back to
// where it was written), its <placeholders>, and the JSON it becomes once the
// placeholders are filled, which must be valid.

#include <optional>
#include <string>
#include <vector>

#include "source/source_file.h"
#include "syntax/json/json_reader.h"

namespace pipec::model {

struct Placeholder {
  std::string name;   ///< between the angle brackets
  source::Span span;  ///< "<name>", in the template's file
  bool quoted = false;  ///< inside a JSON string: gets the raw text
};

struct InputTemplate {
  source::FileId file = source::kNoFile;  ///< the template text as a file of its own
  source::Span literal;                   ///< where it was written (the JSON string)
  std::vector<Placeholder> placeholders;
  /// The template with each placeholder replaced by a stand-in value (a
  /// bare one by null, a quoted one by plain text), parsed as JSON.
  std::optional<syntax::JsonResult> filled;

  [[nodiscard]] std::string_view text(const source::SourceSet& sources) const { return sources.file(file).text(); }
};

/// Finds the placeholders in a template file. A placeholder is <name> with a
/// name of letters, digits, '_', '-' and '.' (for <aws.events.rule-name>).
[[nodiscard]] std::vector<Placeholder> find_placeholders(const source::SourceSet& sources, source::FileId file);

/// Builds an InputTemplate from a JSON string literal in `document`: the
/// text becomes an embedded file, the filled-in JSON another one.
[[nodiscard]] InputTemplate read_input_template(source::SourceSet& sources, const syntax::Document& document,
                                                syntax::NodeId literal);

/// Builds an InputTemplate whose text is already a file of its own
/// (`text_file`), written at `literal`.
[[nodiscard]] InputTemplate input_template_from(source::SourceSet& sources, source::FileId text_file, source::Span literal);

}  // namespace pipec::model
