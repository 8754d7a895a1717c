#include "offline/suite.h"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "util/text.h"

namespace pipec::offline {

namespace {

using syntax::Document;
using syntax::kNoNode;
using syntax::NodeId;
using syntax::NodeKind;

class Reader {
 public:
  Reader(const Document& doc, const std::string& path, const model::Boundary* boundary)
      : doc_(doc), path_(path), boundary_(boundary) {}

  SuiteRead run(schema::Validator& validator) {
    SuiteRead out;
    out.suite.document = &doc_;
    const NodeId root = doc_.root();
    if (root == kNoNode) {
      error(source::Span{doc_.file(), 0, 0}, "the suite is empty; expected a mapping with a \"tests\" list");
      out.problems = std::move(problems_);
      return out;
    }
    for (auto& e : validator.validate("test/suite.json", doc_, root)) {
      auto& d = error(e.span, std::move(e.message));
      d.label = std::move(e.label);
      d.help = std::move(e.help);
    }
    if (!problems_.empty()) {
      out.problems = std::move(problems_);
      return out;
    }

    std::vector<std::string> default_rule;
    source::Span default_rule_span;
    if (const NodeId rule = doc_.get(root, "rule"); rule != kNoNode) {
      default_rule = files(rule);
      default_rule_span = doc_.node(rule).span;
    }
    const NodeId select = doc_.get(root, "select");
    for (const auto& m : doc_.members(doc_.get(root, "vars"))) out.suite.vars[std::string(m.key)] = std::string(doc_.node(m.value).text);
    out.suite.numbers_by_value = doc_.string(doc_.get(root, "numbers")) != "text";

    for (const NodeId item : doc_.items(doc_.get(root, "tests"))) {
      SuiteCase c;
      c.span = doc_.node(item).span;
      const NodeId name = doc_.get(item, "name");
      c.name = doc_.node(name).text;
      c.name_span = doc_.node(name).span;
      if (const NodeId rule = doc_.get(item, "rule"); rule != kNoNode) {
        c.rule_files = files(rule);
        c.rule_span = doc_.node(rule).span;
      }
      c.pattern = doc_.get(item, "pattern");
      if (c.pattern != kNoNode && !c.rule_files.empty()) {
        error(doc_.name_span(c.pattern), "a case takes a rule or a pattern, not both")
            .help.push_back("remove \"pattern\" to test the rule the files declare, or \"rule\" to test this pattern");
      }
      if (c.pattern == kNoNode && c.rule_files.empty()) {
        c.rule_files = default_rule;
        c.rule_span = default_rule_span;
      }
      if (c.pattern == kNoNode && c.rule_files.empty()) {
        error(c.name_span, fmt::format("case {} names no rule and no pattern", util::quote(c.name)))
            .help.push_back("add \"rule: FILE\" (to the case, or at the top of the suite for every case) or \"pattern:\"");
      }
      const NodeId own_select = doc_.get(item, "select");
      const NodeId chosen = own_select != kNoNode ? own_select : c.pattern == kNoNode ? select : kNoNode;
      if (chosen != kNoNode) {
        c.select = doc_.node(chosen).text;
        c.select_span = doc_.node(chosen).span;
      }
      c.target = text(item, "target");
      c.rule_name = text(item, "rule-name");
      c.rule_arn = text(item, "rule-arn");
      c.ingestion_time = text(item, "ingestion-time");

      const NodeId event = doc_.get(item, "event");
      const NodeId events = doc_.get(item, "events");
      if (event != kNoNode && events != kNoNode) {
        error(doc_.name_span(events), "a case takes \"event\" or \"events\", not both")
            .help.push_back("move the event into the \"events\" list");
      } else if (event != kNoNode) {
        c.events.push_back(suite_event(event));
      } else if (events != kNoNode) {
        for (const NodeId e : doc_.items(events)) c.events.push_back(suite_event(e));
      } else {
        error(c.name_span, fmt::format("case {} has no event to run", util::quote(c.name)))
            .help.push_back("add \"event: FILE\" (or the event as a mapping), or \"events:\" with a list");
      }

      if (const NodeId match = doc_.get(item, "match"); match != kNoNode) {
        c.match = doc_.node(match).boolean;
        c.match_span = doc_.node(match).span;
      }
      c.payload = doc_.get(item, "payload");
      if (const NodeId text_node = doc_.get(item, "payload-text"); text_node != kNoNode) {
        c.payload_text = doc_.node(text_node).text;
        c.payload_span = doc_.node(text_node).span;
        if (c.payload != kNoNode) {
          error(doc_.name_span(text_node), "a case takes \"payload\" or \"payload-text\", not both")
              .help.push_back("\"payload\" compares JSON values; \"payload-text\" compares the text byte for byte");
        }
      } else if (c.payload != kNoNode) {
        c.payload_span = doc_.node(c.payload).span;
      }
      if (!c.match && !c.checks_payload()) {
        error(c.name_span, fmt::format("case {} expects nothing", util::quote(c.name)))
            .help.push_back("add \"match: true\" or \"match: false\", or the \"payload\" the target should receive");
      }
      if (c.match == false && c.checks_payload()) {
        error(c.match_span, "a case that expects no match cannot expect a payload: the target receives nothing")
            .help.push_back("split it into two cases, or remove the payload");
      }
      if (c.checks_payload() && c.events.size() > 1) {
        error(c.payload_span, "a payload is checked against one event; this case has several")
            .help.push_back("give each event its own case");
      }
      out.suite.cases.push_back(std::move(c));
    }
    out.problems = std::move(problems_);
    return out;
  }

 private:
  diag::Diagnostic& error(source::Span span, std::string message) {
    diag::Diagnostic d;
    d.severity = diag::Severity::error;
    d.span = span;
    d.message = std::move(message);
    problems_.push_back(std::move(d));
    return problems_.back();
  }

  std::optional<std::string> text(NodeId object, std::string_view key) const {
    const NodeId v = doc_.get(object, key);
    if (v == kNoNode) return std::nullopt;
    return std::string(doc_.node(v).text);
  }

  std::vector<std::string> files(NodeId value) {
    std::vector<std::string> out;
    if (doc_.is(value, NodeKind::string)) {
      if (auto path = named(value)) out.push_back(std::move(*path));
    } else {
      for (const NodeId item : doc_.items(value)) {
        if (auto path = named(item)) out.push_back(std::move(*path));
      }
    }
    return out;
  }

  SuiteEvent suite_event(NodeId value) {
    SuiteEvent e;
    e.span = doc_.node(value).span;
    if (doc_.is(value, NodeKind::string)) {
      e.path = named(value).value_or("");
    } else {
      e.inline_event = value;
    }
    return e;
  }

  // The path a suite names, beside the suite; nothing (and an error) when
  // it leads out of the suite's repository: such a file is never read.
  std::optional<std::string> named(NodeId value) {
    std::string path = resolve_beside(path_, std::string(doc_.node(value).text));
    if (boundary_ != nullptr) {
      if (auto refused = boundary_->refuses(path)) {
        auto& d = error(doc_.node(value).span, *refused);
        d.label = "outside";
        d.help.push_back("a suite reads the files it names inside its repository; --read-outside-repository allows others");
        return std::nullopt;
      }
    }
    return path;
  }

  const Document& doc_;
  const std::string& path_;
  const model::Boundary* boundary_;
  std::vector<diag::Diagnostic> problems_;
};

void add_once(std::vector<std::string>& to, const std::string& path) {
  if (std::find(to.begin(), to.end(), path) == to.end()) to.push_back(path);
}

}  // namespace

std::vector<std::string> Suite::rule_files() const {
  std::vector<std::string> out;
  for (const auto& c : cases) {
    for (const auto& f : c.rule_files) add_once(out, f);
  }
  return out;
}

std::vector<std::string> Suite::event_files() const {
  std::vector<std::string> out;
  for (const auto& c : cases) {
    for (const auto& e : c.events) {
      if (!e.path.empty()) add_once(out, e.path);
    }
  }
  return out;
}

SuiteRead read_suite(const syntax::Document& document, const std::string& suite_path, schema::Validator& validator,
                     const model::Boundary* boundary) {
  return Reader(document, suite_path, boundary).run(validator);
}

std::string resolve_beside(const std::string& file, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (rel.is_absolute()) return rel.lexically_normal().generic_string();
  const std::filesystem::path joined = std::filesystem::path(file).parent_path() / rel;
  std::string out = joined.lexically_normal().generic_string();
  return out.empty() ? "." : out;
}

}  // namespace pipec::offline
