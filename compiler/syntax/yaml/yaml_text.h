#pragma once
// The lexical side of YAML that yaml-cpp does not give: where a scalar ends
// (its Mark is only where it starts), the decoded text of a scalar with the
// source offset of every byte (so a template written as a block scalar maps
// back line by line), and a nesting pre-scan that finds values too deep to
// hand to yaml-cpp, which recurses once per level.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::syntax::yaml {

enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };

/// The style of the scalar whose first byte is text[at].
[[nodiscard]] ScalarStyle style_at(std::string_view text, std::uint32_t at);

/// Where a scalar starting at `begin` ends, one past its last byte: the
/// closing quote, the last content line of a block scalar (its trailing empty
/// lines are not part of the span), or the last word of a plain scalar.
/// `expected` is the value yaml-cpp read: a plain scalar spans as many lines
/// as it takes to spell it. `flow` says whether the scalar sits in a flow
/// collection, where ",[]{}" end a plain scalar. `parent_indent` is the
/// column of the innermost block collection (-1 at the top level).
struct ScalarExtent {
  std::uint32_t end = 0;
  bool closed = true;  ///< quoted scalars: the closing quote was found
};
[[nodiscard]] ScalarExtent scalar_extent(std::string_view text, std::uint32_t begin, bool flow,
                                         std::string_view expected, int parent_indent);

/// Decodes the scalar written at text[begin, end) (quotes and block header
/// included) into `out`, with the source offset of each decoded byte and one
/// past the end in `offsets` (size + 1 entries, each within [begin, end]).
/// `parent_indent` as above; -2 means unknown (derived from the header line of
/// a block scalar with an explicit indentation indicator).
void decode_scalar(std::string_view text, std::uint32_t begin, std::uint32_t end, int parent_indent, std::string& out,
                   std::vector<std::uint32_t>& offsets);

/// A value nested deeper than the limit: text[begin, end) is blanked in the
/// copy handed to yaml-cpp (newlines kept, "~" at begin), so the parser never
/// descends into it. `level` is the nesting level that starts at `begin`.
struct DeepRegion {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t level = 0;
};

/// Finds the regions nested deeper than `max_depth`, counting block
/// collections by indentation (and compact "- - x" entries on one line) and
/// flow collections by their brackets, outside quotes, comments and block
/// scalars. Errs on the side of counting more.
[[nodiscard]] std::vector<DeepRegion> find_deep_regions(std::string_view text, std::uint32_t max_depth);

/// Offset of the first byte at or after `from` that is not a space, tab, line
/// break or part of a comment.
[[nodiscard]] std::uint32_t skip_blanks_and_comments(std::string_view text, std::uint32_t from);

/// Column of `offset` in bytes from the start of its line.
[[nodiscard]] int column_of(std::string_view text, std::uint32_t offset);

}  // namespace pipec::syntax::yaml
