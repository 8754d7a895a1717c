#pragma once
// Writing .pipe source text (`pipec import`): the lexical forms of
// docs/dsl.md (names, quoted strings with their escapes, plain decimal
// numbers) and a small tree of statements and blocks printed with one
// indentation and one layout, so the file reads as if written by hand.

#include <string>
#include <string_view>
#include <vector>

namespace pipec::emit {

/// Whether `text` is a DSL name as written bare: letters, digits, '_' and
/// '-', starting with a letter or '_', not ending with '-' and holding no "->".
[[nodiscard]] bool is_pipe_name(std::string_view text);
/// Whether `text` is a number the DSL writes bare: -?(0|[1-9][0-9]*)(.[0-9]+)?
[[nodiscard]] bool is_pipe_number(std::string_view text);

/// Text that may insert constants and pseudo-parameters: literal pieces and
/// ${name} references, in order.
struct PipeText {
  struct Piece {
    bool reference = false;
    std::string text;  ///< literal text, or the referenced name
  };
  std::vector<Piece> pieces;

  [[nodiscard]] static PipeText literal(std::string text);
  [[nodiscard]] static PipeText reference(std::string name);
  PipeText& append(const PipeText& more);
  /// The literal text when the value holds no reference.
  [[nodiscard]] bool is_literal() const;
  [[nodiscard]] std::string literal_text() const;
};

/// A quoted string: `"`, `\`, line ends and tabs escaped, and `$` escaped
/// where it would otherwise start a `${`.
[[nodiscard]] std::string pipe_string(const PipeText& text);
[[nodiscard]] std::string pipe_string(std::string_view literal);
/// A value: a bare constant name when it is a reference alone, else a string.
[[nodiscard]] std::string pipe_value(const PipeText& text);
/// A name where the grammar takes one: bare when it is a DSL name, else quoted.
[[nodiscard]] std::string pipe_name(std::string_view text);

/// One statement (or, with an empty head and no block, only its comments): `head`, optionally a block `{ … }` of more statements and
/// text after it (an action's artifacts), with comment lines before it.
struct PipeStatement {
  std::vector<std::string> comments;  ///< each printed as "# …" above the statement
  std::string head;
  bool block = false;
  std::vector<PipeStatement> children;
  std::string tail;  ///< after the block (or the head): " In -> Out"
  /// Print the block on one line when it is short and holds only plain
  /// statements: `ecr Image { repository "web"  tag "latest" } -> Image`.
  bool inline_block = false;
  bool blank_before = false;  ///< a blank line above it (between a pipeline's settings and its stages)
};

/// The file: statements at the top level, a blank line between blocks.
[[nodiscard]] std::string print_pipe(const std::vector<PipeStatement>& statements);

}  // namespace pipec::emit
