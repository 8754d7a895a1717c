#include "diag/render.h"

namespace pipec::diag {

bool render_as(std::string_view format, const Report& report, const TextOptions& text, std::string_view tool_version,
               std::string& out) {
  if (format == "text") {
    render_text(report, text, out);
  } else if (format == "short") {
    render_short(report, out);
  } else if (format == "json") {
    render_json(report, out);
  } else if (format == "sarif") {
    render_sarif(report, tool_version, out);
  } else if (format == "github") {
    render_github(report, out);
  } else if (format == "junit") {
    render_junit(report, out);
  } else if (format == "gitlab") {
    render_gitlab(report, out);
  } else {
    return false;
  }
  return true;
}

}  // namespace pipec::diag
