#include <fmt/format.h>

#include "diag/render.h"

namespace pipec::diag {

void render_short(const Report& report, std::string& out) {
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    const std::string_view heading = d.title.empty() ? to_string(d.severity) : std::string_view(d.title);
    out += fmt::format("{}:{}:{}: {}: {}", display_path(where.path), where.start.line, where.start.column, heading, d.message);
    out += d.rule_id.empty() ? "\n" : fmt::format(" [{}]\n", d.rule_id);
  }
}

}  // namespace pipec::diag
