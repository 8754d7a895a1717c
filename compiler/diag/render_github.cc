#include <fmt/format.h>

#include "diag/render.h"

namespace pipec::diag {

namespace {

// Workflow command escaping: data escapes %, CR and LF; properties also
// escape ':' and ','.
std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "error";
}

}  // namespace

void render_github(const Report& report, std::string& out) {
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    std::string message = d.message;
    for (const auto& help : d.help) message += "\nhelp: " + help;
    out += fmt::format("::{} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
                       command(d.severity), escape_property(where.path), where.start.line,
                       where.end.line, where.start.column, where.end.column,
                       escape_property(d.rule_id.empty() ? (d.title.empty() ? std::string("pipec") : d.title)
                                                         : fmt::format("{} {}", d.rule_id, d.rule_name)),
                       escape_data(message));
  }
}

}  // namespace pipec::diag
