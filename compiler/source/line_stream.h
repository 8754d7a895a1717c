#pragma once
// A stream of lines (a JSON-lines file of events, or standard input) read a
// block at a time: a stream of any length is read in the memory of its
// longest line, and a line is handed out as soon as it has arrived, so a
// pipe that stays open is answered line by line.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "source/file_system.h"

namespace pipec::source {

class LineStream {
 public:
  /// Lines longer than `max_line` bytes are not kept (Line::too_long).
  LineStream(std::unique_ptr<ByteSource> bytes, std::size_t max_line);

  struct Line {
    std::uint32_t number = 0;  ///< 1-based
    /// Without its line ending ("\n", or "\r\n"), as SourceFile::line_text;
    /// valid until the next call. Empty when too long.
    std::string_view text;
    bool too_long = false;
  };

  /// The next line; false at the end of the stream, or when it cannot be
  /// read (error()). A stream that does not end with a line ending still
  /// ends with its last line.
  bool next(Line& line);
  /// Whether the next call to next() has to wait for more bytes: every line
  /// read so far has been handed out.
  [[nodiscard]] bool drained() const;
  /// Why the stream stopped early; empty when it did not.
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  bool fill();

  std::unique_ptr<ByteSource> bytes_;
  std::size_t max_line_;
  std::string buffer_;
  std::size_t begin_ = 0, end_ = 0;  ///< unread bytes: buffer_[begin_, end_)
  std::uint32_t number_ = 0;
  bool at_end_ = false;
  bool skipping_ = false;            ///< inside a line too long to keep
  std::string error_;
};

}  // namespace pipec::source
