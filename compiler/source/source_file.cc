#include "source/source_file.h"

#include <algorithm>
#include <cstring>

#include "util/utf8.h"

namespace pipec::source {

SourceFile::SourceFile(std::string path, std::string text, std::uint32_t first_line)
    : path_(std::move(path)), text_(std::move(text)), first_line_(std::max<std::uint32_t>(first_line, 1)) {
  line_starts_.push_back(0);
  // memchr: a JSON-lines stream of events is tens of megabytes.
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  for (const char* at = begin; at < end;) {
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (newline == nullptr) break;
    line_starts_.push_back(static_cast<std::uint32_t>(newline - begin + 1));
    at = newline + 1;
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  const std::string_view prefix(text_.data() + start, offset - start);
  return {line + first_line_ - 1, static_cast<std::uint32_t>(util::count_code_points(prefix) + 1)};
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  if (line < first_line_ || line > last_line()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - first_line_];
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line < first_line_ || line > last_line()) return {};
  line -= first_line_ - 1;
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

FileId SourceSet::add(std::string path, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

FileId SourceSet::add_excerpt(std::string path, std::string text, std::uint32_t first_line) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text), first_line));
  return static_cast<FileId>(files_.size() - 1);
}

FileId SourceSet::add_embedded(FileId parent, std::string text,
                               std::vector<std::uint32_t> offsets) {
  auto file = std::make_unique<SourceFile>(files_[parent]->path(), std::move(text));
  file->origin_ = SourceFile::Origin{parent, std::move(offsets), std::nullopt};
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

FileId SourceSet::add_generated(std::string text, Span origin) {
  auto file = std::make_unique<SourceFile>(files_[origin.file]->path(), std::move(text));
  file->origin_ = SourceFile::Origin{origin.file, {}, origin};
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

Span SourceSet::to_parent(Span span) const {
  if (!span.valid() || !files_[span.file]->origin_) return span;
  const auto& origin = *files_[span.file]->origin_;
  if (origin.whole) return *origin.whole;
  const auto map = [&](std::uint32_t offset) {
    return origin.offsets[std::min<std::size_t>(offset, origin.offsets.size() - 1)];
  };
  const std::uint32_t begin = map(span.begin);
  // offsets[end] is where the next decoded byte starts in the parent, so an
  // escape such as \" at the end of the span keeps its full width.
  const std::uint32_t end = map(span.end);
  return Span{origin.parent, begin, std::max(begin, end)};
}

Span SourceSet::to_root(Span span) const {
  while (span.valid() && files_[span.file]->origin_) span = to_parent(span);
  return span;
}

LineCol SourceSet::line_col(FileId file, std::uint32_t offset) const {
  const Span root = to_root(Span{file, offset, offset});
  return files_[root.file]->line_col(root.begin);
}

}  // namespace pipec::source
