#include "eventbridge/transform.h"

#include <algorithm>
#include <optional>

#include "eventbridge/json_path.h"
#include "eventbridge/json_write.h"
#include "syntax/json/json_reader.h"
#include "util/json_string.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::eventbridge {

namespace {

constexpr std::string_view kRuleArn = "aws.events.rule-arn";
constexpr std::string_view kRuleName = "aws.events.rule-name";
constexpr std::string_view kEvent = "aws.events.event";
constexpr std::string_view kIngestionTime = "aws.events.event.ingestion-time";
constexpr std::string_view kEventJson = "aws.events.event.json";
constexpr std::string_view kPredefined[] = {kRuleArn, kRuleName, kEvent, kIngestionTime, kEventJson};

constexpr std::size_t kMaxPaths = 100;          // TransformerPaths
constexpr std::size_t kMaxKeyLength = 256;      // InputTransformerPathKey
constexpr std::size_t kMaxPathLength = 256;     // TargetInputPath
constexpr std::size_t kMaxTemplateLength = 8192;  // TransformerInput

bool is_predefined(std::string_view name) {
  return std::find(std::begin(kPredefined), std::end(kPredefined), name) != std::end(kPredefined);
}

bool valid_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Bytes [begin, end) of a JSON string literal at `literal`, as a span of its file.
source::Span inside(const source::SourceSet& sources, source::Span literal, std::size_t begin, std::size_t end) {
  if (!literal.valid()) return literal;
  const std::string_view text = sources.file(literal.file).text();
  // Only a JSON string literal maps byte by byte (not a YAML scalar).
  if (literal.begin >= text.size() || text[literal.begin] != '"') return literal;
  const auto decoded = syntax::decode_string_literal(text, literal);
  if (end >= decoded.offsets.size() || begin > end) return literal;
  return {literal.file, decoded.offsets[begin], decoded.offsets[end]};
}

// The end of the JSON string that holds offset `at` (the offset of its
// closing quote), or npos.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '"') return i;
  }
  return std::string_view::npos;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

bool object_template(std::string_view text) {
  const std::size_t first = skip_space(text, 0);
  return first < text.size() && text[first] == '{';
}

// A template that is JSON once filled (an object, an array, a string, a lone
// placeholder), rather than text such as "<instance> is in state <status>".
bool json_template(const model::InputTemplate& tpl, std::string_view text) {
  const std::size_t first = skip_space(text, 0);
  if (first < text.size() && (text[first] == '{' || text[first] == '[' || text[first] == '"')) return true;
  if (!tpl.filled) return false;
  return std::none_of(tpl.filled->issues.begin(), tpl.filled->issues.end(),
                      [](const syntax::Issue& i) { return i.kind == syntax::IssueKind::syntax; });
}

std::string top_string(const syntax::Document& event, std::string_view key, std::string_view fallback) {
  if (event.empty()) return std::string(fallback);
  const auto v = event.get(event.root(), key);
  return event.is(v, syntax::NodeKind::string) ? std::string(event.node(v).text) : std::string(fallback);
}

// A value to substitute: nothing, text (a predefined string), a JSON text
// (a predefined event), or nodes of the event (several for a wildcard path).
struct Value {
  bool missing = false;
  std::optional<std::string> text;
  std::optional<std::string> json;
  std::vector<syntax::NodeId> nodes;
  bool many = false;  ///< from a wildcard path: always an array
};

}  // namespace

std::span<const std::string_view> predefined_variables() { return kPredefined; }

source::Span RenderResult::template_span(std::size_t begin, std::size_t end) const {
  if (origin.empty() || template_file == source::kNoFile) return {};
  begin = std::min(begin, origin.size() - 1);
  end = std::clamp(end, begin, origin.size() - 1);
  std::uint32_t from = origin[begin];
  std::uint32_t to = end > begin ? origin[end - 1] + 1 : from;
  // Bytes of a substituted value all map to its placeholder: cover it whole.
  for (const auto& p : placeholders) {
    if (p.span.begin == from) to = std::max(to, p.span.end);
    if (end > begin && p.span.begin == origin[end - 1]) to = std::max(to, p.span.end);
  }
  return {template_file, from, std::max(from, to)};
}

std::vector<TransformError> check_transformer(const model::InputTransformer& t, const source::SourceSet& sources,
                                              std::string_view target_id) {
  std::vector<TransformError> errors;
  if (t.document != nullptr && t.paths_node != syntax::kNoNode) {
    const auto count = t.document->members(t.paths_node).size();
    if (count > kMaxPaths) {
      errors.push_back({t.document->name_span(t.paths_node),
                        "InputPathsMap has " + std::to_string(count) + " entries; EventBridge allows at most " +
                            std::to_string(kMaxPaths)});
    }
  }
  std::vector<std::string> keys;
  for (const auto& entry : t.paths) {
    const std::string& key = entry.key.value;
    keys.push_back(key);
    if (is_predefined(key)) {
      errors.push_back({entry.key.span, util::quote(key) + " is a predefined variable; it cannot be defined in InputPathsMap"});
    } else if (key.rfind("AWS.", 0) == 0) {
      errors.push_back({entry.key.span, "InputPathsMap keys cannot start with \"AWS.\""});
    } else if (key.empty() || key.size() > kMaxKeyLength) {
      errors.push_back({entry.key.span, "an InputPathsMap key has 1 to 256 characters"});
    } else if (!valid_key(key)) {
      errors.push_back({entry.key.span, "InputPathsMap key " + util::quote(key) +
                                            " has characters other than letters, digits, \"_\" and \"-\""});
    }
    const std::string& path = entry.path.value;
    if (util::count_code_points(path) > kMaxPathLength) {
      errors.push_back({entry.path.span, "a JSON path in InputPathsMap has at most 256 characters"});
    }
    const auto parsed = parse_json_path(path);
    if (parsed.error) {
      errors.push_back({inside(sources, entry.path.span, parsed.error->begin, parsed.error->end), parsed.error->message});
    }
  }
  if (!t.input_template) return errors;
  const auto& tpl = *t.input_template;
  const std::string_view text = tpl.text(sources);
  if (text.empty()) errors.push_back({tpl.literal, "InputTemplate cannot be empty"});
  if (util::count_code_points(text) > kMaxTemplateLength) {
    errors.push_back({tpl.literal, "InputTemplate has " + std::to_string(util::count_code_points(text)) +
                                       " characters; EventBridge allows at most 8192"});
  }
  std::vector<std::string_view> candidates(keys.begin(), keys.end());
  candidates.insert(candidates.end(), std::begin(kPredefined), std::end(kPredefined));
  const std::size_t first = skip_space(text, 0);
  const bool object_template = first < text.size() && text[first] == '{';
  for (const auto& p : tpl.placeholders) {
    const bool defined = is_predefined(p.name) || std::find(keys.begin(), keys.end(), p.name) != keys.end();
    if (!defined) {
      // PutTargets' words (localstack test_put_events_with_input_transformer_missing_keys).
      std::string message = "InputTemplate" + (target_id.empty() ? std::string() : " for target " + std::string(target_id)) +
                            " contains invalid placeholder " + p.name + ".";
      if (const auto near = util::closest_match(p.name, std::span<const std::string_view>(candidates))) {
        message += " Did you mean <" + *near + ">?";
      }
      errors.push_back({p.span, std::move(message)});
    }
    if (object_template) {
      const std::size_t after = p.quoted ? string_end(text, p.span.end) : p.span.end - 1;
      if (after != std::string_view::npos) {
        const std::size_t next = skip_space(text, after + 1);
        if (next < text.size() && text[next] == ':') {
          errors.push_back({p.span, "a placeholder cannot be an object key in an InputTemplate"});
        }
      }
    }
  }
  return errors;
}

RenderResult render(const model::InputTransformer& t, const source::SourceSet& sources, const syntax::Document& event,
                    const RenderOptions& options) {
  RenderResult r;
  r.errors = check_transformer(t, sources, options.target_id);
  r.transformer_errors = r.errors.size();
  if (!t.input_template) {
    r.errors.push_back({t.span, "the input transformer has no InputTemplate"});
    r.transformer_errors = r.errors.size();
    return r;
  }
  const auto& tpl = *t.input_template;
  r.template_file = tpl.file;
  const std::string_view text = tpl.text(sources);
  const bool in_object = object_template(text);
  // In a template that is not JSON, strings go in as their text.
  const bool raw = !json_template(tpl, text);
  bool undelivered = false;

  // A rule on a custom bus has the bus in its ARN (localstack
  // test_input_transformer_predefined_variables): rule/<bus>/<name>.
  std::string bus = options.event_bus;
  if (const auto slash = bus.rfind("event-bus/"); bus.starts_with("arn:") && slash != std::string::npos) {
    bus = bus.substr(slash + 10);
  }
  const std::string rule_arn =
      !options.rule_arn.empty()
          ? options.rule_arn
          : "arn:aws:events:" + top_string(event, "region", "us-east-1") + ":" +
                top_string(event, "account", "123456789012") + ":rule/" +
                (bus.empty() || bus == "default" ? "" : bus + "/") + options.rule_name;
  const std::string ingestion_time =
      !options.ingestion_time.empty() ? options.ingestion_time : top_string(event, "time", "1970-01-01T00:00:00Z");

  const auto resolve = [&](const std::string& name) -> std::optional<Value> {
    Value v;
    if (name == kRuleName) v.text = options.rule_name;
    else if (name == kRuleArn) v.text = rule_arn;
    else if (name == kIngestionTime) v.text = ingestion_time;
    else if (name == kEventJson || name == kEvent) {
      std::string json;
      if (name == kEventJson || event.empty() || !event.is(event.root(), syntax::NodeKind::object)) {
        if (!event.empty()) write_json(event, event.root(), json);
      } else {
        // The envelope as the service gives it (localstack
        // test_input_transformer_predefined_variables): no detail,
        // "detail-type" as "detailType", in its order; other keys after.
        static constexpr std::pair<std::string_view, std::string_view> kOrder[] = {
            {"id", "id"},       {"account", "account"}, {"detail-type", "detailType"}, {"time", "time"},
            {"source", "source"}, {"region", "region"},  {"resources", "resources"},    {"version", "version"}};
        json.push_back('{');
        bool first = true;
        const auto member = [&](std::string_view key, syntax::NodeId value) {
          if (!first) json.push_back(',');
          first = false;
          util::write_json_string(key, json);
          json.push_back(':');
          write_json(event, value, json);
        };
        for (const auto& [key, as] : kOrder) {
          if (const auto v = event.get(event.root(), key); v != syntax::kNoNode) member(as, v);
        }
        for (const auto& m : event.members(event.root())) {
          const bool known = std::any_of(std::begin(kOrder), std::end(kOrder), [&](const auto& k) { return k.first == m.key; });
          if (!known && m.key != "detail") member(m.key, m.value);
        }
        json.push_back('}');
      }
      v.json = std::move(json);
    } else {
      const auto entry = std::find_if(t.paths.begin(), t.paths.end(),
                                      [&](const model::PathEntry& e) { return e.key.value == name; });
      if (entry == t.paths.end()) return std::nullopt;
      const auto parsed = parse_json_path(entry->path.value);
      if (parsed.path) {
        v.nodes = select(*parsed.path, event);
        v.many = !parsed.path->definite();
      }
      v.missing = v.nodes.empty();
    }
    return v;
  };

  const auto emit = [&](std::string_view bytes, std::uint32_t from) {
    r.text += bytes;
    r.origin.insert(r.origin.end(), bytes.size(), from);
  };
  std::size_t at = 0;
  for (const auto& p : tpl.placeholders) {
    for (std::size_t k = at; k < p.span.begin; ++k) {
      r.text.push_back(text[k]);
      r.origin.push_back(static_cast<std::uint32_t>(k));
    }
    at = p.span.end;
    RenderedPlaceholder out;
    out.name = p.name;
    out.span = p.span;
    out.quoted = p.quoted;
    if ((p.name == kEvent || p.name == kEventJson) && p.quoted) {
      // A restriction of the user guide's; what the service does is not
      // recorded, so it is no refusal.
      r.warnings.push_back({p.span, "the user guide allows <" + p.name +
                                        "> only as a JSON value, not inside a string; it renders here as any object "
                                        "inside quotes does"});
    }
    const auto value = resolve(p.name);
    if (!value) {
      // Undefined (an error above): left as written.
      out.defined = false;
      out.text = "<" + p.name + ">";
    } else if (value->missing) {
      // An empty string, as the service renders it (localstack
      // test_put_events_with_input_transformer_input_template_json and
      // _string): "" outside quotes, no text inside them.
      out.missing = true;
      if (!p.quoted && !raw) out.text = "\"\"";
      const auto entry = std::find_if(t.paths.begin(), t.paths.end(),
                                      [&](const model::PathEntry& e) { return e.key.value == p.name; });
      r.warnings.push_back({p.span, "the event has nothing at " + util::quote(entry->path.value) + ", so <" + p.name +
                                        (p.quoted || raw ? "> renders as empty text" : "> renders as \"\"")});
    } else if (value->text) {
      if (p.quoted || raw) out.text = *value->text;
      else util::write_json_string(*value->text, out.text);
    } else {
      // JSON: a predefined event, a wildcard path's array, or an event value.
      bool structured = true;
      if (value->json) {
        out.text = *value->json;
      } else if (value->many) {
        out.text.push_back('[');
        for (std::size_t k = 0; k < value->nodes.size(); ++k) {
          if (k) out.text.push_back(',');
          write_json(event, value->nodes[k], out.text);
        }
        out.text.push_back(']');
      } else {
        const auto node = value->nodes.front();
        structured = event.is(node, syntax::NodeKind::object) || event.is(node, syntax::NodeKind::array);
        // Inside a string a string gives its raw text, unescaped.
        if ((p.quoted || raw) && event.is(node, syntax::NodeKind::string)) out.text = event.node(node).text;
        else write_json(event, node, out.text);
      }
      if (p.quoted && structured) {
        if (in_object) {
          // The service sends nothing (localstack
          // test_input_transformer_nested_keys_replacement_not_valid).
          undelivered = true;
          r.errors.push_back({p.span, "<" + p.name + "> is a JSON " +
                                          (out.text.starts_with('[') ? "array" : "object") +
                                          " inside quotes in an object template: EventBridge does not deliver this "
                                          "event (the target receives nothing)"});
        } else {
          // In any other template, the JSON loses its quotes:
          // "Payload of {acc_id:0a787ecb-4015,sf_id:baz}".
          std::erase(out.text, '"');
        }
      }
    }
    out.output_begin = r.text.size();
    emit(out.text, p.span.begin);
    out.output_end = r.text.size();
    r.placeholders.push_back(std::move(out));
  }
  for (std::size_t k = at; k < text.size(); ++k) {
    r.text.push_back(text[k]);
    r.origin.push_back(static_cast<std::uint32_t>(k));
  }
  r.origin.push_back(static_cast<std::uint32_t>(text.size()));

  // A JSON template must stay JSON; any template must be, for a target
  // that takes JSON.
  if ((options.json_target || !raw) && !text.empty() && !undelivered) {
    source::SourceSet scratch;
    const auto file = scratch.add("rendered input", r.text);
    const auto parsed = syntax::read_json(scratch, file);
    for (const auto& issue : parsed.issues) {
      if (issue.kind != syntax::IssueKind::syntax) continue;
      const auto lc = scratch.line_col(file, issue.span.begin);
      source::Span at = r.template_span(issue.span.begin, std::max(issue.span.end, issue.span.begin + 1));
      // An error next to a value whose path selected nothing is that value's doing.
      for (const auto& p : r.placeholders) {
        if (p.missing && p.output_begin <= issue.span.end + 1 && issue.span.begin <= p.output_end) at = p.span;
      }
      r.errors.push_back({at,
                          "the rendered input is not valid JSON at line " + std::to_string(lc.line) + ", column " +
                              std::to_string(lc.column) + ": " + issue.message});
      break;  // the first error says it; the rest follow from it
    }
  }
  return r;
}

}  // namespace pipec::eventbridge
