#pragma once
// The renderers: one function per output format, each from a finalized
// Report to bytes. Colour is an option passed in, never global state.

#include <string>
#include <string_view>

#include "diag/report.h"

namespace pipec::diag {

struct TextOptions {
  bool color = false;
  bool summary = true;  ///< a closing "found …" line
};

/// Human output with code frames (rustc/ruff style).
void render_text(const Report& report, const TextOptions& options, std::string& out);
/// One line per diagnostic: `path:line:col: severity: message [CP2001]`.
void render_short(const Report& report, std::string& out);
/// `{"version":1,"diagnostics":[…]}`.
void render_json(const Report& report, std::string& out);
/// SARIF 2.1.0 with the rules that ran in tool.driver.rules.
void render_sarif(const Report& report, std::string_view tool_version, std::string& out);
/// GitHub Actions workflow commands (::error file=…,line=…::…).
void render_github(const Report& report, std::string& out);
/// JUnit XML: a test suite per file with findings, a failing test case per
/// finding; one passing test case when there are none.
void render_junit(const Report& report, std::string& out);
/// GitLab Code Quality: a JSON array of issues whose fingerprints do not
/// depend on line numbers.
void render_gitlab(const Report& report, std::string& out);

/// The renderer `format` names (text, short, json, sarif, github, junit,
/// gitlab), as the commands' --format takes it. False, writing nothing, for
/// another name.
[[nodiscard]] bool render_as(std::string_view format, const Report& report, const TextOptions& text,
                             std::string_view tool_version, std::string& out);

/// 1-based start and exclusive end position of a span in its root file.
struct Location {
  std::string_view path;
  source::LineCol start;
  source::LineCol end;
};
[[nodiscard]] Location locate(const source::SourceSet& sources, source::Span span);

/// A path as a line of text output shows it: control characters (a newline
/// in a file name) escaped, so one finding stays one line.
[[nodiscard]] std::string display_path(std::string_view path);

}  // namespace pipec::diag
