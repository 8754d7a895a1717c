#include "eventbridge/pipeline_input.h"

#include <algorithm>
#include <functional>

#include "model/revision_types.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::eventbridge {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

constexpr std::string_view kTopKeys[] = {"sourceRevisions", "variables"};
constexpr std::string_view kRevisionKeys[] = {"actionName", "revisionType", "revisionValue"};
constexpr std::string_view kVariableKeys[] = {"name", "value"};

bool all_of_set(std::string_view text, std::string_view extra) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
  });
}

class Checker {
 public:
  explicit Checker(const syntax::Document& doc) : doc_(doc) {}

  std::vector<PayloadError> run() {
    const NodeId root = doc_.root();
    if (doc_.empty() || !doc_.is(root, NodeKind::object)) {
      if (!doc_.empty()) add(root, "the input of a CodePipeline target is a JSON object, not " +
                                       std::string(syntax::describe(doc_.node(root).kind)));
      return std::move(errors_);
    }
    known_keys(root, kTopKeys, "StartPipelineExecution input");
    if (const NodeId revisions = doc_.get(root, "sourceRevisions"); revisions != syntax::kNoNode) {
      list(revisions, "sourceRevisions", 0, 50, [&](NodeId item) { revision(item); });
    }
    if (const NodeId variables = doc_.get(root, "variables"); variables != syntax::kNoNode) {
      list(variables, "variables", 1, 50, [&](NodeId item) { variable(item); });
    }
    return std::move(errors_);
  }

 private:
  void list(NodeId node, std::string_view name, std::size_t min, std::size_t max,
            const std::function<void(NodeId)>& each) {
    if (!doc_.is(node, NodeKind::array)) {
      add(node, "\"" + std::string(name) + "\" is an array, not " + std::string(syntax::describe(doc_.node(node).kind)));
      return;
    }
    const auto items = doc_.items(node);
    if (items.size() < min) add(node, "\"" + std::string(name) + "\" needs at least " + std::to_string(min) + " entry");
    if (items.size() > max) {
      add(node, "\"" + std::string(name) + "\" has " + std::to_string(items.size()) + " entries; at most " +
                    std::to_string(max) + " are allowed");
    }
    for (const NodeId item : items) {
      if (!doc_.is(item, NodeKind::object)) {
        add(item, "an entry of \"" + std::string(name) + "\" is an object, not " +
                      std::string(syntax::describe(doc_.node(item).kind)));
        continue;
      }
      each(item);
    }
  }

  void revision(NodeId item) {
    known_keys(item, kRevisionKeys, "a source revision override");
    if (const auto name = text(item, "actionName", 1, 100)) {
      if (!all_of_set(*name, ".@-_")) {
        add(doc_.get(item, "actionName"), "action name " + util::quote(*name) +
                                              " has characters other than letters, digits, \".\", \"@\", \"-\" and \"_\"");
      }
    }
    if (const auto type = text(item, "revisionType", 1, 100)) {
      if (model::find_revision_type(*type) == nullptr) {
        const auto names = model::revision_type_names();
        std::string message = "revision type " + util::quote(*type) + " is not one of ";
        for (std::size_t i = 0; i < names.size(); ++i) message += (i == 0 ? "" : ", ") + std::string(names[i]);
        if (const auto near = util::closest_match(*type, names)) {
          message += "; did you mean " + util::quote(*near) + "?";
        }
        add(doc_.get(item, "revisionType"), std::move(message));
      }
    }
    (void)text(item, "revisionValue", 1, 1500);
  }

  void variable(NodeId item) {
    known_keys(item, kVariableKeys, "a pipeline variable");
    if (const auto name = text(item, "name", 1, 128)) {
      if (!all_of_set(*name, "@-_")) {
        add(doc_.get(item, "name"), "variable name " + util::quote(*name) +
                                        " has characters other than letters, digits, \"@\", \"-\" and \"_\"");
      }
    }
    (void)text(item, "value", 1, 1000);
  }

  // A required string member of 1 to max characters.
  std::optional<std::string> text(NodeId object, std::string_view key, std::size_t min, std::size_t max) {
    const NodeId v = doc_.get(object, key);
    if (v == syntax::kNoNode) {
      add(object, "missing \"" + std::string(key) + "\"");
      return std::nullopt;
    }
    if (!doc_.is(v, NodeKind::string)) {
      add(v, "\"" + std::string(key) + "\" is a string, not " + std::string(syntax::describe(doc_.node(v).kind)));
      return std::nullopt;
    }
    const std::string_view s = doc_.node(v).text;
    const std::size_t length = util::count_code_points(s);
    if (length < min) {
      add(v, "\"" + std::string(key) + "\" is empty" +
                 (s.empty() ? " (an input path that selects nothing in the event renders as an empty string)" : ""));
      return std::nullopt;
    }
    if (length > max) {
      add(v, "\"" + std::string(key) + "\" has " + std::to_string(length) + " characters; at most " +
                 std::to_string(max) + " are allowed");
      return std::nullopt;
    }
    return std::string(s);
  }

  void known_keys(NodeId object, std::span<const std::string_view> keys, std::string_view what) {
    for (const auto& m : doc_.members(object)) {
      if (std::find(keys.begin(), keys.end(), m.key) != keys.end()) continue;
      std::string message = util::quote(m.key) + " is not a field of " + std::string(what);
      if (const auto near = util::closest_match(m.key, keys)) message += "; did you mean " + util::quote(*near) + "?";
      errors_.push_back({m.key_span, std::move(message)});
    }
  }

  void add(NodeId node, std::string message) { errors_.push_back({doc_.node(node).span, std::move(message)}); }

  const syntax::Document& doc_;
  std::vector<PayloadError> errors_;
};

}  // namespace

std::vector<PayloadError> check_start_pipeline_input(const syntax::Document& payload) {
  return Checker(payload).run();
}

std::vector<TransformError> check_pipeline_payload(const RenderResult& rendered) {
  source::SourceSet scratch;
  const auto file = scratch.add("rendered input", rendered.text);
  const auto parsed = syntax::read_json(scratch, file);
  std::vector<TransformError> out;
  const bool broken = std::any_of(parsed.issues.begin(), parsed.issues.end(),
                                  [](const syntax::Issue& i) { return i.kind == syntax::IssueKind::syntax; });
  if (broken) return out;
  for (auto& e : check_start_pipeline_input(parsed.document)) {
    out.push_back({rendered.template_span(e.span.begin, e.span.end), std::move(e.message)});
  }
  return out;
}

}  // namespace pipec::eventbridge
