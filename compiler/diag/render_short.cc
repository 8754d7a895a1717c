#include <fmt/format.h>

#include "diag/render.h"

namespace pipec::diag {

void render_short(const Report& report, std::string& out) {
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", where.path, where.start.line, where.start.column, to_string(d.severity),
                       d.message, d.rule_id);
  }
}

}  // namespace pipec::diag
