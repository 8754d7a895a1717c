#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "diag/render.h"
#include "util/fnv1a.h"

namespace pipec::diag {

namespace {

// GitLab's five levels; an error stops a build or a deployment, which is
// what GitLab's "critical" means to a reviewer.
std::string_view severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "critical";
    case Severity::warning: return "minor";
    case Severity::info: return "info";
  }
  return "critical";
}

// GitLab matches findings of the base and the merge request by fingerprint to
// say which are new and which are fixed, so it must not move when lines are
// added above a finding: rule, path and message, not the line. Findings
// alike in all three are told apart by their order in the file.
std::string fingerprint(std::string_view rule, std::string_view path, std::string_view message,
                        std::size_t occurrence) {
  util::Fnv1a hash;
  hash.add_field(rule).add_field(path).add_field(message).add_field(fmt::format("{}", occurrence));
  return fmt::format("{:016x}", hash.mixed());
}

// GitLab wants a path relative to the repository root, which is how paths
// given relative to it arrive, less a leading "./".
std::string_view repository_path(std::string_view path) {
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  return path;
}

}  // namespace

void render_gitlab(const Report& report, std::string& out) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    const std::string_view path = repository_path(where.path);
    // A finding of no rule (a build's) is pipec's own, or its title's.
    const std::string check = !d.rule_id.empty() ? std::string(d.rule_id) : d.title.empty() ? "pipec" : d.title;
    const std::size_t occurrence = seen[{check, std::string(path), d.message}]++;
    std::string description = d.message;
    if (!d.rule_id.empty()) description += fmt::format(" [{} {}]", d.rule_id, d.rule_name);
    issues.push_back({
        {"description", description},
        {"check_name", check},
        {"fingerprint", fingerprint(check, path, d.message, occurrence)},
        {"severity", severity(d.severity)},
        // GitLab needs a line; a finding of no place is at the first.
        {"location", {{"path", path}, {"lines", {{"begin", std::max<std::uint32_t>(1, where.start.line)}}}}},
    });
  }
  // Invalid UTF-8 in a message (a key read from a broken file) is replaced,
  // never allowed to abort the output.
  out += issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

}  // namespace pipec::diag
