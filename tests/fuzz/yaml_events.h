#pragma once
// The events a YAML parser hands its EventHandler, written one per line, so
// two parsers can be compared on the same text: yaml-cpp's and
// syntax::yaml::read_common_yaml, which promises the same events for
// whatever it accepts (the yaml_reader fuzz harness and a unit test hold it
// to that).

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace pipec::testing {

class YamlEventLog final : public YAML::EventHandler {
 public:
  std::string log;

  void OnDocumentStart(const YAML::Mark& mark) override { line("doc", mark); }
  void OnDocumentEnd() override { log += "end-doc\n"; }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { line("null", mark, "", anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override { line("alias", mark, "", anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    line("scalar", mark, tag, anchor);
    log += "  value " + escaped(value) + "\n";
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    line(style == YAML::EmitterStyle::Flow ? "flow-seq" : "seq", mark, tag, anchor);
  }
  void OnSequenceEnd() override { log += "end-seq\n"; }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    line(style == YAML::EmitterStyle::Flow ? "flow-map" : "map", mark, tag, anchor);
  }
  void OnMapEnd() override { log += "end-map\n"; }

 private:
  static std::string escaped(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
      const auto b = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (b < 0x20 || b == 0x7F) {
        out += fmt::format("\\x{:02x}", b);
      } else {
        out += c;
      }
    }
    return out + "\"";
  }

  void line(std::string_view what, const YAML::Mark& mark, std::string_view tag = "", YAML::anchor_t anchor = 0) {
    log += fmt::format("{} @{} {}:{} tag {} anchor {}\n", what, mark.pos, mark.line, mark.column, escaped(tag), anchor);
  }
};

/// yaml-cpp's events for the first document of `text`, or nothing when it
/// throws (a syntax error) or finds a second document.
inline std::optional<std::string> yaml_cpp_events(std::string_view text) {
  YamlEventLog events;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(events)) return std::nullopt;
    YamlEventLog rest;
    if (parser.HandleNextDocument(rest)) return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return events.log;
}

}  // namespace pipec::testing
