#include <fmt/format.h>

#include <map>
#include <vector>

#include "diag/render.h"
#include "util/utf8.h"

namespace pipec::diag {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// XML 1.0 text or a double-quoted attribute value. Characters XML 1.0 does
// not allow at all (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF)
// and invalid UTF-8 become U+FFFD, so a control byte in a message or a path
// can never make the report unreadable; DEL and C1 controls, allowed but
// invisible, get the same. In attributes, tab, LF and CR are written as
// references, which attribute-value normalization would otherwise turn into
// spaces; in text, only CR is, which parsers would otherwise turn into LF.
std::string escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = util::utf8_sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::string_view piece = text.substr(i, length);
    i += length;
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;  // so "]]>" never appears in text
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    const bool c1 = length == 2 && c == 0xC2 && static_cast<unsigned char>(piece[1]) < 0xA0;
    const bool nonchar = length == 3 && (piece == "\xEF\xBF\xBE" || piece == "\xEF\xBF\xBF");
    if (c < 0x20 || c == 0x7F || c1 || nonchar) {
      out += kReplacement;
    } else {
      out.append(piece);
    }
  }
  return out;
}

std::string position(const Location& where) {
  return fmt::format("{}:{}:{}", display_path(where.path), where.start.line, where.start.column);
}

// What a finding is called, as GitHub's renderer titles it: stable across
// runs, so a CI that tracks tests over time follows the same finding.
std::string title(const Diagnostic& d) {
  if (!d.rule_id.empty()) return fmt::format("{} {}", d.rule_id, d.rule_name);
  return d.title.empty() ? std::string("pipec") : d.title;
}

// `path:line:col: severity: message`, then related places, notes and help,
// one per line: what the CI shows when the test case is opened.
std::string details(const Report& report, const Diagnostic& d, const Location& where) {
  const std::string_view heading = d.title.empty() ? to_string(d.severity) : std::string_view(d.title);
  std::string out = where.path.empty() ? fmt::format("{}: {}", heading, d.message)
                                       : fmt::format("{}: {}: {}", position(where), heading, d.message);
  for (const auto& label : d.related) {
    const Location at = locate(*report.sources, label.span);
    if (at.path.empty()) continue;
    out += fmt::format("\n{}: note: {}", position(at), label.text.empty() ? "related location" : label.text);
  }
  for (const auto& note : d.notes) out += "\nnote: " + note;
  for (const auto& help : d.help) out += "\nhelp: " + help;
  return out;
}

struct Suite {
  std::string name;  ///< as shown
  std::vector<const Diagnostic*> findings;
};

}  // namespace

void render_junit(const Report& report, std::string& out) {
  // One suite per file with findings, in the report's order (by path);
  // findings of no file (a build's missing --var) go to a suite named pipec.
  std::vector<Suite> suites;
  std::map<std::string_view, std::size_t, std::less<>> index;  // by path as given
  for (const auto& d : report.diagnostics) {
    const Location where = locate(*report.sources, d.span);
    auto [at, added] = index.try_emplace(where.path, suites.size());
    if (added) suites.push_back({where.path.empty() ? std::string("pipec") : display_path(where.path), {}});
    suites[at->second].findings.push_back(&d);
  }

  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (suites.empty()) {
    // A report with no test case reads as "no tests ran" in most CIs, or as
    // an error: a clean run is one passing case.
    out += "<testsuites name=\"pipec\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">\n";
    out += "  <testsuite name=\"pipec\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">\n";
    out += "    <testcase classname=\"pipec\" name=\"no problems found\" time=\"0\">\n";
    out += fmt::format("      <system-out>no problems found ({} checked)</system-out>\n",
                       report.files_checked == 1 ? "1 file" : fmt::format("{} files", report.files_checked));
    out += "    </testcase>\n  </testsuite>\n</testsuites>\n";
    return;
  }

  const std::size_t total = report.diagnostics.size();
  out += fmt::format("<testsuites name=\"pipec\" tests=\"{0}\" failures=\"{0}\" errors=\"0\" time=\"0\">\n", total);
  for (const auto& suite : suites) {
    const std::string name = escape(suite.name, true);
    out += fmt::format("  <testsuite name=\"{0}\" tests=\"{1}\" failures=\"{1}\" errors=\"0\" time=\"0\">\n", name,
                       suite.findings.size());
    // Two findings of one rule at one place (different messages) get
    // distinct names, numbered in report order.
    std::map<std::string, std::size_t, std::less<>> seen;
    for (const Diagnostic* d : suite.findings) {
      const Location where = locate(*report.sources, d->span);
      std::string test = title(*d);
      if (!where.path.empty()) test += fmt::format(" {}:{}", where.start.line, where.start.column);
      const std::size_t occurrence = ++seen[test];
      if (occurrence > 1) test += fmt::format(" ({})", occurrence);
      const std::string type = d->rule_id.empty() ? std::string(to_string(d->severity)) : std::string(d->rule_id);
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", name, escape(test, true));
      out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", escape(d->message, true),
                         escape(type, true), escape(details(report, *d, where), false));
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
}

}  // namespace pipec::diag
