#pragma once
// The text of CloudFormation's Fn::Sub, split into what it says: literal
// runs, ${Name} (a parameter, a resource, a pseudo-parameter, or one of the
// function's own variables) and ${Resource.Attribute} references, and
// ${!Literal} escapes, which stand for the text "${Literal}". A "${" with no
// "}" after it is literal text to the end (AWS CloudFormation User Guide,
// Fn::Sub).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::aws {

struct SubPiece {
  enum class Kind { literal, reference, escaped };
  Kind kind = Kind::literal;
  /// The literal text; the referenced name ("Name", "Resource.Attribute");
  /// or what follows "!" in an escape.
  std::string_view text;
  /// Where the piece lies in the Fn::Sub text: the literal run, or the whole
  /// "${…}".
  std::size_t begin = 0, end = 0;

  /// The text the piece stands for, when it is not a reference: the literal
  /// run, or "${Literal}" for an escape.
  [[nodiscard]] std::string literal_text() const;
};

/// The pieces of `text`, in order; adjacent literal text is one piece.
[[nodiscard]] std::vector<SubPiece> split_sub(std::string_view text);

}  // namespace pipec::aws
