#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "diag/render.h"
#include "util/utf8.h"

namespace pipec::diag {

namespace {

constexpr std::size_t kMaxShownColumns = 160;  // longer lines are windowed
constexpr std::size_t kContextBefore = 40;     // columns kept left of the span

struct Style {
  bool color;
  [[nodiscard]] std::string paint(std::string_view code, std::string_view text) const {
    if (!color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;33";
    case Severity::info: return "1;36";
  }
  return "1";
}

constexpr std::string_view kGutterColor = "1;34";
constexpr std::string_view kSecondaryColor = "1;34";

// One source line prepared for display: each code point becomes a printable
// piece (tabs widen, control and invalid bytes become U+FFFD) with its width.
struct DisplayLine {
  std::string text;
  std::vector<std::size_t> column_of;  // code point index -> display column; size = cps + 1
};

DisplayLine prepare(std::string_view line) {
  DisplayLine out;
  std::size_t column = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    out.column_of.push_back(column);
    const auto c = static_cast<unsigned char>(line[i]);
    const std::size_t length = util::utf8_sequence_length(line, i);
    if (c == '\t') {
      out.text += "    ";
      column += 4;
    } else if (length == 0 || c < 0x20 || c == 0x7F ||
               (length == 2 && c == 0xC2 && static_cast<unsigned char>(line[i + 1]) < 0xA0)) {
      out.text += "\xEF\xBF\xBD";
      column += 1;
    } else {
      out.text.append(line.substr(i, length));
      column += 1;
    }
    i += length == 0 ? 1 : length;
  }
  out.column_of.push_back(column);
  return out;
}

// Cuts a display line to a window around [from, to) display columns.
struct Window {
  std::string text;
  std::size_t from, to;  // underline, in window columns
};

Window window(const DisplayLine& line, std::size_t from, std::size_t to) {
  const std::size_t width = line.column_of.back();
  if (width <= kMaxShownColumns) return {line.text, from, to};
  std::size_t start = from > kContextBefore ? from - kContextBefore : 0;
  std::size_t stop = std::min(width, start + kMaxShownColumns);
  // Walk the text to byte positions of display columns start and stop.
  std::string text;
  std::size_t column = 0;
  std::size_t i = 0;
  const std::string& s = line.text;
  std::size_t begin_byte = s.size(), end_byte = s.size();
  while (i < s.size()) {
    if (column == start && begin_byte == s.size()) begin_byte = i;
    if (column == stop) {
      end_byte = i;
      break;
    }
    const std::size_t length = std::max<std::size_t>(1, util::utf8_sequence_length(s, i));
    i += length;
    ++column;  // prepared text has width 1 per code point except tab runs (4 spaces)
  }
  if (begin_byte == s.size() && start == 0) begin_byte = 0;
  const bool cut_left = start > 0;
  const bool cut_right = stop < width;
  text = (cut_left ? "…" : "") + s.substr(begin_byte, end_byte - begin_byte) + (cut_right ? "…" : "");
  const std::size_t shift = cut_left ? 1 : 0;
  const std::size_t visible_to = std::min(to, stop);
  return {text, from - start + shift, std::max(from, visible_to) - start + shift};
}

struct Mark {
  source::Span span;  // root span
  std::string text;
  bool primary;
};

class TextRenderer {
 public:
  TextRenderer(const Report& report, const TextOptions& options, std::string& out)
      : report_(report), style_{options.color}, out_(out) {}

  void diagnostic(const Diagnostic& d) {
    const auto& sources = *report_.sources;
    const Location where = locate(sources, d.span);
    const std::string heading = !d.title.empty()     ? d.title
                                : d.rule_id.empty() ? std::string(to_string(d.severity))
                                                    : fmt::format("{}[{}]", to_string(d.severity), d.rule_id);
    out_ += style_.paint(severity_color(d.severity), heading);
    out_ += style_.paint("1", fmt::format(": {}", d.message));
    out_ += '\n';

    // Group the primary and related spans by root file, primary file first.
    std::vector<std::pair<source::FileId, std::vector<Mark>>> groups;
    auto add = [&](source::Span span, std::string text, bool is_primary) {
      const source::Span root = sources.to_root(span);
      if (!root.valid()) return;  // nothing to show
      for (auto& [file, marks] : groups) {
        if (file == root.file) {
          marks.push_back({root, std::move(text), is_primary});
          return;
        }
      }
      groups.push_back({root.file, {{root, std::move(text), is_primary}}});
    };
    add(d.span, d.label, true);
    for (const auto& label : d.related) add(label.span, label.text, false);

    std::uint32_t max_line = 0;
    for (const auto& [file, marks] : groups) {
      for (const auto& m : marks) {
        max_line = std::max(max_line, sources.file(file).line_col(m.span.begin).line);
      }
    }
    gutter_width_ = fmt::format("{}", max_line).size();

    bool first = true;
    for (const auto& [file, marks] : groups) {
      const auto& f = sources.file(file);
      const source::LineCol at = first ? where.start : f.line_col(marks.front().span.begin);
      const source::FileId id = file;
      const std::string arrow = first ? "-->" : ":::";
      out_ += fmt::format("{}{} {}:{}:{}\n", std::string(gutter_width_, ' '),
                          style_.paint(kGutterColor, arrow), display_path(f.path()), at.line, at.column);
      if (std::find(report_.withheld.begin(), report_.withheld.end(), id) == report_.withheld.end()) frame(id, marks);
      first = false;
    }
    for (const auto& note : d.notes) footer("note", note);
    for (const auto& help : d.help) footer("help", help);
    out_ += '\n';
  }

 private:
  void footer(std::string_view kind, const std::string& text) {
    // Multi-line notes (suggested edits) are indented under the first line.
    std::string indented;
    const std::string pad(gutter_width_ + 3 + kind.size() + 2, ' ');
    for (std::size_t i = 0; i < text.size(); ++i) {
      indented.push_back(text[i]);
      if (text[i] == '\n') indented += pad;
    }
    out_ += fmt::format("{} {} {}: {}\n", std::string(gutter_width_, ' '),
                        style_.paint(kGutterColor, "="), style_.paint("1", kind), indented);
  }

  void bar() { out_ += fmt::format("{} {}\n", std::string(gutter_width_, ' '), style_.paint(kGutterColor, "|")); }

  void frame(source::FileId file, std::vector<Mark> marks) {
    const auto& f = report_.sources->file(file);
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.span.begin < b.span.begin; });
    // Lines to show, each with the marks that start on it.
    std::map<std::uint32_t, std::vector<const Mark*>> lines;
    for (const auto& m : marks) lines[f.line_col(m.span.begin).line].push_back(&m);
    bar();
    std::uint32_t previous = 0;
    for (const auto& [line, on_line] : lines) {
      if (previous != 0 && line > previous + 1) {
        out_ += style_.paint(kGutterColor, "...") + "\n";
      }
      previous = line;
      const std::uint32_t line_begin = f.line_start(line);
      const std::string_view raw = f.line_text(line);
      // Mask redacted bytes before anything is printed.
      const std::string text = masked_text(
          report_, source::Span{file, line_begin, line_begin + static_cast<std::uint32_t>(raw.size())});
      const DisplayLine display = prepare(text);
      const std::size_t cps = display.column_of.size() - 1;
      std::vector<std::pair<Window, const Mark*>> rows;
      for (const Mark* m : on_line) {
        const std::size_t start_cp = f.line_col(m->span.begin).column - 1;
        const std::uint32_t end_offset = std::min<std::uint32_t>(m->span.end, line_begin + static_cast<std::uint32_t>(raw.size()));
        std::size_t end_cp = end_offset > m->span.begin ? f.line_col(end_offset).column - 1 : start_cp;
        if (m->span.end > line_begin + raw.size()) end_cp = cps;  // runs past the line
        const std::size_t from = display.column_of[std::min(start_cp, cps)];
        std::size_t to = display.column_of[std::min(end_cp, cps)];
        if (to <= from) to = from + 1;
        rows.emplace_back(window(display, from, to), m);
      }
      out_ += fmt::format("{} {} {}\n", style_.paint(kGutterColor, fmt::format("{:>{}}", line, gutter_width_)),
                          style_.paint(kGutterColor, "|"), rows.front().first.text);
      for (const auto& [w, m] : rows) {
        const char mark = m->primary ? '^' : '-';
        const std::string underline(std::max<std::size_t>(1, w.to - w.from), mark);
        const std::string painted = style_.paint(m->primary ? severity_color(current_severity_) : kSecondaryColor,
                                                 m->text.empty() ? underline : underline + " " + m->text);
        out_ += fmt::format("{} {} {}{}\n", std::string(gutter_width_, ' '), style_.paint(kGutterColor, "|"),
                            std::string(w.from, ' '), painted);
      }
    }
    bar();
  }

 public:
  Severity current_severity_ = Severity::error;

 private:
  const Report& report_;
  Style style_;
  std::string& out_;
  std::size_t gutter_width_ = 1;
};

}  // namespace

std::string display_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) {
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  return out;
}

Location locate(const source::SourceSet& sources, source::Span span) {
  const source::Span root = sources.to_root(span);
  if (!root.valid() || root.file >= sources.size()) return {"", {0, 0}, {0, 0}};  // a finding of no place: the run's
  const auto& file = sources.file(root.file);
  return {file.path(), file.line_col(root.begin), file.line_col(root.end)};
}

void render_text(const Report& report, const TextOptions& options, std::string& out) {
  TextRenderer renderer(report, options, out);
  for (const auto& d : report.diagnostics) {
    renderer.current_severity_ = d.severity;
    renderer.diagnostic(d);
  }
  if (!options.summary) return;
  const Counts counts = count(report);
  const Style style{options.color};
  const std::string files = fmt::format("{} checked", report.files_checked == 1 ? "1 file" : fmt::format("{} files", report.files_checked));
  if (report.diagnostics.empty()) {
    out += style.paint("1;32", "no problems found") + fmt::format(" ({})\n", files);
    return;
  }
  std::vector<std::string> parts;
  if (counts.errors) parts.push_back(fmt::format("{} error{}", counts.errors, counts.errors == 1 ? "" : "s"));
  if (counts.warnings) parts.push_back(fmt::format("{} warning{}", counts.warnings, counts.warnings == 1 ? "" : "s"));
  if (counts.infos) parts.push_back(fmt::format("{} note{}", counts.infos, counts.infos == 1 ? "" : "s"));
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? ", " : "") + parts[i];
  out += style.paint("1", "found " + joined) + fmt::format(" ({})\n", files);
}

}  // namespace pipec::diag
