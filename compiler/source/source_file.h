#pragma once
// The bytes of one input and its line index. A file can also be embedded in
// another: the JSON inside a PutRule's "EventPattern" string is parsed as its
// own file, and every offset in it maps back to the string in the outer file,
// so diagnostics land on the real line and column. And a file can be an
// excerpt of a larger one that is not kept: one line of a JSON-lines stream
// of events, numbered as the line it is in the stream.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/span.h"

namespace pipec::source {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text, std::uint32_t first_line = 1);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return text_; }

  // Lines are numbered from first_line() (1 but in an excerpt) to last_line().

  /// Line and column of a byte offset in this file's own text.
  [[nodiscard]] LineCol line_col(std::uint32_t offset) const;
  /// Text of a line without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
  /// Byte offset where a line starts.
  [[nodiscard]] std::uint32_t line_start(std::uint32_t line) const;
  [[nodiscard]] std::uint32_t first_line() const { return first_line_; }
  [[nodiscard]] std::uint32_t last_line() const {
    return first_line_ - 1 + static_cast<std::uint32_t>(line_starts_.size());
  }

 private:
  friend class SourceSet;
  struct Origin {
    FileId parent;
    std::vector<std::uint32_t> offsets;  ///< own offset -> parent offset; size = text + 1
    std::optional<Span> whole;           ///< generated text: every span maps to this
  };

  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::uint32_t first_line_ = 1;
  std::optional<Origin> origin_;
};

/// Owns every file of a run; FileIds index into it. Files never move once
/// added, so references to them stay valid.
class SourceSet {
 public:
  FileId add(std::string path, std::string text);
  /// Adds lines of the file at `path` that start at line `first_line`, as a
  /// file of their own whose lines keep their numbers there.
  FileId add_excerpt(std::string path, std::string text, std::uint32_t first_line);
  /// Adds text that came from `parent`; offsets[i] is where byte i of text
  /// sits in the parent (offsets has text.size() + 1 entries).
  FileId add_embedded(FileId parent, std::string text, std::vector<std::uint32_t> offsets);
  /// Adds text that pipec generated from `origin` (an input template written
  /// from a DSL statement): every span in it maps to the whole of `origin`.
  FileId add_generated(std::string text, Span origin);

  [[nodiscard]] const SourceFile& file(FileId id) const { return *files_[id]; }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

  /// The same range expressed in the outermost file it was read from.
  [[nodiscard]] Span to_root(Span span) const;
  /// The same range one level out: in the file this one was embedded in
  /// (unchanged for a file of its own).
  [[nodiscard]] Span to_parent(Span span) const;
  [[nodiscard]] LineCol line_col(FileId file, std::uint32_t offset) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace pipec::source
