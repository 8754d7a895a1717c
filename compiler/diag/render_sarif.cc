#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "diag/render.h"

namespace pipec::diag {

namespace {

std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

// A path as given on the command line, as a URI reference: relative paths
// stay relative (resolved against %SRCROOT%), absolute ones become file URIs.
std::string to_uri(std::string_view path) {
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  std::string out;
  const bool absolute = !path.empty() && path.front() == '/';
  if (absolute) out = "file://";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", u);
  }
  return out;
}

nlohmann::ordered_json physical(const Report& report, source::Span span) {
  const Location where = locate(*report.sources, span);
  nlohmann::ordered_json artifact = {{"uri", to_uri(where.path)}};
  if (where.path.empty() || where.path.front() != '/') artifact["uriBaseId"] = "%SRCROOT%";
  return {{"physicalLocation",
           {{"artifactLocation", std::move(artifact)},
            {"region",
             {{"startLine", where.start.line},
              {"startColumn", where.start.column},
              {"endLine", where.end.line},
              {"endColumn", where.end.column}}}}}};
}

// SARIF messages are sentences.
std::string sentence(std::string text) {
  if (!text.empty() && text.back() != '.' && text.back() != '?' && text.back() != '!') text += '.';
  return text;
}

}  // namespace

void render_sarif(const Report& report, std::string_view tool_version, std::string& out) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& rule : report.rules) {
    nlohmann::ordered_json entry = {
        {"id", rule.id},
        {"name", rule.name},
        {"shortDescription", {{"text", sentence(std::string(rule.summary))}}},
        {"fullDescription", {{"text", sentence(std::string(rule.summary))}}},
        {"help", {{"text", std::string(rule.rationale)}, {"markdown", std::string(rule.rationale)}}},
        {"defaultConfiguration", {{"level", level(rule.default_severity)}}},
        {"properties", {{"tags", {std::string(rule.category)}}}},
    };
    if (!rule.help_uri.empty()) entry["helpUri"] = rule.help_uri;
    rules.push_back(std::move(entry));
  }

  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& d : report.diagnostics) {
    std::size_t index = 0;
    while (index < report.rules.size() && report.rules[index].id != d.rule_id) ++index;
    std::string text = sentence(d.message);
    for (const auto& help : d.help) text += " Help: " + sentence(help);
    nlohmann::ordered_json result;
    // A finding of no rule (a build's) has no ruleId, as SARIF allows.
    if (index < report.rules.size()) {
      result["ruleId"] = d.rule_id;
      result["ruleIndex"] = index;
    }
    result["level"] = level(d.severity);
    result["message"] = {{"text", text}};
    // An array of one: `= {json}` is that array under g++ but a copy of the object under clang.
    if (d.span.valid()) result["locations"] = nlohmann::ordered_json::array({physical(report, d.span)});
    if (!d.related.empty()) {
      nlohmann::ordered_json related = nlohmann::ordered_json::array();
      int id = 1;
      for (const auto& label : d.related) {
        auto location = physical(report, label.span);
        location["id"] = id++;
        location["message"] = {{"text", sentence(label.text.empty() ? "related location" : label.text)}};
        related.push_back(std::move(location));
      }
      result["relatedLocations"] = std::move(related);
    }
    results.push_back(std::move(result));
  }

  const nlohmann::ordered_json document = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "pipec"},
             {"version", tool_version},
             {"semanticVersion", tool_version},
             {"rules", std::move(rules)}}}}},
         {"columnKind", "unicodeCodePoints"},
         {"results", std::move(results)}}}},
  };
  out += document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

}  // namespace pipec::diag
