#pragma once
// `--events FILE|-`: a JSON-lines stream of events, read a block at a time
// and answered a line at a time, so a stream of any length runs in the
// memory of its longest line and a pipe that stays open (`tail -f`) is
// answered as its lines arrive. Shared by test-pattern and transform.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "source/file_system.h"
#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::offline {

/// What a command is told while it reads a stream.
struct StreamSink {
  /// Before the first line: what was said about the inputs can be written.
  std::function<void()> start;
  /// The stream has to wait for more bytes: a moment to write what has been
  /// said so far.
  std::function<void()> waiting;
};

/// One line of the stream that is not blank.
struct EventLine {
  std::uint32_t number = 0;
  std::string_view text;
  /// Why the line was not read (longer than the limit); empty when it was.
  std::string error;
};

struct StreamEnd {
  bool opened = false;
  /// Why it could not be opened, or stopped before its end; empty when it
  /// was read to its end.
  std::string error;
};

/// Reads the stream at `path` ("-": standard input), calling `each` for each
/// line that holds more than spaces. Lines longer than `max_line` bytes are
/// handed over with an error and not kept.
[[nodiscard]] StreamEnd read_event_lines(const source::FileSystem& fs, const std::string& path, std::uint64_t max_line,
                                           const StreamSink& sink, const std::function<void(const EventLine&)>& each);

/// A line read as an event, as a file of its own in `sources` numbered as
/// the line is in the stream (so problems point at the line): its document,
/// or why it is no event ("not JSON: … (column N)", TestEventPattern's
/// "Parameter Event is not valid. (…)").
struct LineEvent {
  syntax::Document document;
  std::string error;
};
[[nodiscard]] LineEvent read_line_event(source::SourceSet& sources, const std::string& name, const EventLine& line);

/// The name an `--events` stream is shown by ("-" is "<stdin>").
[[nodiscard]] std::string event_stream_name(const std::string& path);

}  // namespace pipec::offline
