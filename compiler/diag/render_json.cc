#include <nlohmann/json.hpp>

#include "diag/render.h"

namespace pipec::diag {

void render_json(const Report& report, std::string& out) {
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    diagnostics.push_back({
        {"path", where.path},
        {"line", where.start.line},
        {"column", where.start.column},
        {"end_line", where.end.line},
        {"end_column", where.end.column},
        // A finding of no rule (a build's) has null for both.
        {"rule", d.rule_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(d.rule_id)},
        {"name", d.rule_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(d.rule_name)},
        {"severity", to_string(d.severity)},
        {"message", d.message},
    });
  }
  const nlohmann::ordered_json document = {{"version", 1}, {"diagnostics", std::move(diagnostics)}};
  // Invalid UTF-8 in a message (a key read from a broken file) is replaced,
  // never allowed to abort the output.
  out += document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

}  // namespace pipec::diag
