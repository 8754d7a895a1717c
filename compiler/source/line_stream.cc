#include "source/line_stream.h"

#include <algorithm>
#include <cstring>

namespace pipec::source {

namespace {

constexpr std::size_t kBlock = 1 << 20;

std::string_view without_ending(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

LineStream::LineStream(std::unique_ptr<ByteSource> bytes, std::size_t max_line)
    : bytes_(std::move(bytes)), max_line_(std::max<std::size_t>(max_line, 1)) {}

bool LineStream::drained() const {
  return std::memchr(buffer_.data() + begin_, '\n', end_ - begin_) == nullptr && !(at_end_ && begin_ < end_);
}

// Reads one more block after the unread bytes, moving them to the front
// first; false at the end or on an error.
bool LineStream::fill() {
  if (at_end_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kBlock / 2) buffer_.resize(end_ + kBlock);
  const std::ptrdiff_t n = bytes_->read(buffer_.data() + end_, buffer_.size() - end_, error_);
  if (n <= 0) {
    at_end_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(n);
  return true;
}

bool LineStream::next(Line& line) {
  std::size_t searched = begin_;  // no line ending before this
  for (;;) {
    const auto* newline = static_cast<const char*>(std::memchr(buffer_.data() + searched, '\n', end_ - searched));
    if (newline != nullptr) {
      const auto at = static_cast<std::size_t>(newline - buffer_.data());
      const std::string_view text(buffer_.data() + begin_, at - begin_);
      begin_ = searched = at + 1;
      if (skipping_) {
        skipping_ = false;  // the rest of a line already handed out as too long
        continue;
      }
      const bool too_long = text.size() > max_line_;
      line = {++number_, too_long ? std::string_view() : without_ending(text), too_long};
      return true;
    }
    // No line ending yet: a line that outgrew the limit is handed out now,
    // and the rest of its bytes dropped as they come.
    if (!skipping_ && end_ - begin_ > max_line_) {
      skipping_ = true;
      line = {++number_, {}, true};
      begin_ = searched = end_;
      return true;
    }
    if (skipping_) begin_ = end_;
    const std::size_t unread = end_ - begin_;
    if (!fill()) {
      if (!error_.empty() || begin_ == end_ || skipping_) return false;
      // The last line, without a line ending.
      line = {++number_, without_ending(std::string_view(buffer_.data() + begin_, end_ - begin_)), false};
      begin_ = end_;
      return true;
    }
    searched = begin_ + unread;  // fill() moved the unread bytes to the front
  }
}

}  // namespace pipec::source
