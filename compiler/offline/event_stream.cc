#include "offline/event_stream.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>

#include "offline/verdicts.h"
#include "source/line_stream.h"
#include "syntax/json/json_reader.h"

namespace pipec::offline {

StreamEnd read_event_lines(const source::FileSystem& fs, const std::string& path, std::uint64_t max_line,
                           const StreamSink& sink, const std::function<void(const EventLine&)>& each) {
  std::string error;
  auto bytes = path == "-" ? source::standard_input() : fs.open(path, error);
  if (bytes == nullptr) return {false, fmt::format("--events {}: {}", path, error)};
  source::LineStream lines(std::move(bytes), static_cast<std::size_t>(std::min<std::uint64_t>(max_line, SIZE_MAX)));
  if (sink.start) sink.start();
  source::LineStream::Line line;
  EventLine event;
  for (;;) {
    if (sink.waiting && lines.drained()) sink.waiting();
    if (!lines.next(line)) break;
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos && !line.too_long) continue;  // blank lines separate nothing
    event.number = line.number;
    event.text = line.text;
    event.error.clear();
    if (line.too_long) {
      event.error = fmt::format("the line is longer than --max-file-size ({} bytes); it was not read", max_line);
    }
    each(event);
  }
  if (!lines.error().empty()) return {true, fmt::format("--events {}: {} (after line {})", path, lines.error(), line.number)};
  return {true, {}};
}

LineEvent read_line_event(source::SourceSet& sources, const std::string& name, const EventLine& line) {
  const source::FileId id = sources.add_excerpt(name, std::string(line.text), line.number);
  syntax::JsonResult read = syntax::read_json(sources, id);
  if (!read.issues.empty()) {
    const auto at = sources.line_col(id, read.issues.front().span.begin);
    return {syntax::Document(id), fmt::format("not JSON: {} (column {})", read.issues.front().message, at.column)};
  }
  if (auto invalid = invalid_event(read.document)) {
    return {syntax::Document(id), "Parameter Event is not valid. (" + invalid->label + ")"};
  }
  return {std::move(read.document), {}};
}

std::string event_stream_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace pipec::offline
