#include "dsl/resolve.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

#include "aws/arn.h"
#include "util/spelling.h"
#include "util/text.h"

namespace pipec::dsl {

namespace {

using ir::Json;
using ir::Text;
using source::Span;

constexpr Choice kTypes[] = {{"V1", "V1"}, {"V2", "V2"}};
constexpr Choice kModes[] = {{"queued", "QUEUED"}, {"superseded", "SUPERSEDED"}, {"parallel", "PARALLEL"}};
constexpr Choice kStates[] = {{"enabled", "ENABLED"}, {"disabled", "DISABLED"}};
constexpr Choice kBooleans[] = {{"true", "true"}, {"false", "false"}};
constexpr Choice kFailureResults[] = {{"rollback", "ROLLBACK"}, {"fail", "FAIL"}, {"retry", "RETRY"}};
constexpr Choice kDetails[] = {{"full", "FULL"}, {"basic", "BASIC"}};
constexpr Choice kRetryModes[] = {{"failed-actions", "FAILED_ACTIONS"}, {"all-actions", "ALL_ACTIONS"}};
constexpr Choice kPullRequestEvents[] = {{"open", "OPEN"}, {"updated", "UPDATED"}, {"closed", "CLOSED"}};

// A JSON string's escaping of text, for the JSON held in configuration
// values (EnvironmentVariables).
std::string json_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

class Resolver {
 public:
  explicit Resolver(const File& file) : file_(file) {
    for (const auto& p : file.parameters) {
      if (const auto it = params_.find(p.key.text); it != params_.end()) {
        issue(syntax::IssueKind::dsl_reference, p.key.span, fmt::format("parameter {} is declared twice", util::quote(p.key.text)))
            .related.push_back({it->second->key.span, "first declared here"});
        continue;
      }
      params_.emplace(p.key.text, &p);
    }
    for (const auto& l : file.lets) {
      if (const auto param = params_.find(l.name.text); param != params_.end()) {
        issue(syntax::IssueKind::dsl_reference, l.name.span, fmt::format("{} is a parameter and a constant", util::quote(l.name.text)))
            .related.push_back({param->second->key.span, "the parameter"});
        continue;
      }
      const auto [it, inserted] = lets_.emplace(l.name.text, &l);
      if (!inserted) {
        auto& e = issue(syntax::IssueKind::dsl_reference, l.name.span,
                        fmt::format("constant {} is defined twice", util::quote(l.name.text)));
        e.related.push_back({it->second->name.span, "first defined here"});
      }
    }
  }

  Resolved run() {
    for (const auto& p : file_.parameters) {
      if (auto parameter = template_parameter(p)) out_.program.parameters.push_back(std::move(*parameter));
    }
    for (const auto& o : file_.outputs) {
      if (o.values.empty() || !cloudformation_name(o.key, "output")) continue;
      auto value = text(o.values.front());
      if (!value) continue;
      ir::Output output{o.key, std::move(*value), std::nullopt, o.span};
      for (const auto& d : o.block) {
        if (!d.values.empty()) output.description = text(d.values.front());
      }
      out_.program.outputs.push_back(std::move(output));
    }
    for (const auto& p : file_.pipelines) {
      if (const auto* earlier = out_.program.pipeline(p.name.text)) {
        issue(syntax::IssueKind::dsl_reference, p.name.span, fmt::format("pipeline {} is declared twice", util::quote(p.name.text)))
            .related.push_back({earlier->name.span, "first declared here"});
        continue;
      }
      out_.program.pipelines.push_back(pipeline(p));
    }
    for (const auto& r : file_.rules) out_.program.rules.push_back(rule(r));
    for (const auto p : {ir::Pseudo::account, ir::Pseudo::region, ir::Pseudo::partition}) {
      const auto it = lets_.find(std::string(ir::pseudo_name(p)));
      if (it == lets_.end()) continue;
      if (const auto value = text(it->second->value); value && !value->has_pseudo()) {
        out_.program.fixed_pseudo[std::string(ir::pseudo_name(p))] = value->resolve({}, false).value_or("");
      }
    }
    return std::move(out_);
  }

 private:
  syntax::Issue& issue(syntax::IssueKind kind, Span span, std::string message) {
    out_.issues.push_back({kind, span, std::move(message), "", {}, {}});
    return out_.issues.back();
  }

  // -- values ------------------------------------------------------------------

  std::vector<std::string> known_names() const {
    std::vector<std::string> names;
    for (const auto& [name, l] : lets_) names.push_back(name);
    for (const auto& [name, p] : params_) names.push_back(name);
    for (const auto p : {ir::Pseudo::account, ir::Pseudo::region, ir::Pseudo::partition}) {
      if (!lets_.contains(std::string(ir::pseudo_name(p)))) names.emplace_back(ir::pseudo_name(p));
    }
    return names;
  }

  std::optional<ir::Pseudo> pseudo(std::string_view name) const {
    if (lets_.contains(std::string(name))) return std::nullopt;  // a constant shadows it
    if (name == "account") return ir::Pseudo::account;
    if (name == "region") return ir::Pseudo::region;
    if (name == "partition") return ir::Pseudo::partition;
    return std::nullopt;
  }

  // Parameters and outputs are named by CloudFormation logical IDs: letters and digits.
  bool cloudformation_name(const Name& n, std::string_view what) {
    const std::string& name = n.text;
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
      return true;
    }
    auto& e = issue(syntax::IssueKind::dsl_value, n.span,
                    fmt::format("{} {} is not a name CloudFormation takes: letters and digits only", what, util::quote(name)));
    e.label = "not a CloudFormation logical ID";
    std::string fixed;
    for (const char c : name) {
      if (std::isalnum(static_cast<unsigned char>(c))) fixed.push_back(c);
    }
    if (!fixed.empty()) e.help.push_back(fmt::format("did you mean {}?", util::quote(fixed)));
    return false;
  }

  // A parameter: a name CloudFormation can take (letters and digits), a
  // literal default, and that default among the allowed values.
  std::optional<ir::Parameter> template_parameter(const Setting& p) {
    const std::string& name = p.key.text;
    if (!cloudformation_name(p.key, "parameter")) return std::nullopt;
    if (name == "account" || name == "region" || name == "partition") {
      issue(syntax::IssueKind::dsl_value, p.key.span, fmt::format("{} is a pseudo-parameter CloudFormation already knows", name))
          .help.push_back(fmt::format("to fix its value for the whole file, write let {} = \"…\"", name));
      return std::nullopt;
    }
    if (p.values.empty()) return std::nullopt;  // reported by the parser
    const auto literal = [&](const Value& v) -> std::optional<std::string> {
      auto t = text(v);
      if (!t) return std::nullopt;
      if (t->has_pseudo()) {
        issue(syntax::IssueKind::dsl_value, v.span, "a parameter's values are written out, not made of other values")
            .label = "holds a pseudo-parameter or a parameter";
        return std::nullopt;
      }
      return t->resolve({}, false);
    };
    ir::Parameter out;
    out.name = p.key;
    out.span = p.span;
    const auto default_value = literal(p.values.front());
    if (!default_value) return std::nullopt;
    out.default_value = *default_value;
    const Setting* allowed = nullptr;
    for (const auto& o : p.block) {
      if (o.values.empty()) continue;
      if (o.key.text == "description") out.description = text(o.values.front());
      if (o.key.text == "allowed") {
        allowed = &o;
        for (const Value* v : items(o.values.front())) {
          if (auto a = literal(*v)) out.allowed.push_back(*a);
        }
      }
    }
    if (allowed != nullptr && std::find(out.allowed.begin(), out.allowed.end(), out.default_value) == out.allowed.end()) {
      auto& e = issue(syntax::IssueKind::dsl_value, p.values.front().span,
                      fmt::format("the default {} is not one of the allowed values", util::quote(out.default_value)));
      e.label = "not allowed";
      e.related.push_back({allowed->key.span, "the allowed values"});
    }
    return out;
  }

  // The text a name stands for: a constant's value, or a pseudo-parameter.
  bool name_text(std::string_view name, Span at, Text& out) {
    if (const auto it = params_.find(std::string(name)); it != params_.end()) {
      // The default, given the parameter's name: CloudFormation writes
      // ${Name}, everything else the --var of that name or the default.
      std::string fallback;
      if (!it->second->values.empty() && !resolving_.contains(it->first)) {
        resolving_.insert(it->first);
        if (const auto t = text(it->second->values.front()); t && !t->has_pseudo()) fallback = t->resolve({}, false).value_or("");
        resolving_.erase(it->first);
      }
      Text::Piece piece{false, ir::Pseudo::account, std::move(fallback), at, ""};
      piece.template_parameter = it->first;
      out.pieces.push_back(std::move(piece));
      return true;
    }
    if (const auto p = pseudo(name)) {
      out.pieces.push_back({true, *p, "", at, ""});
      return true;
    }
    const auto it = lets_.find(std::string(name));
    if (it == lets_.end()) {
      auto& e = issue(syntax::IssueKind::dsl_reference, at, fmt::format("unknown name {}", util::quote(name)));
      e.label = "not a constant";
      if (const auto guess = util::closest_match(name, known_names())) {
        e.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
      } else {
        e.help.push_back(fmt::format("define it first: let {} = \"…\"; for literal text, write it in quotes", name));
      }
      return false;
    }
    if (resolving_.contains(std::string(name))) {
      issue(syntax::IssueKind::dsl_reference, at, fmt::format("constant {} refers to itself", util::quote(name)))
          .related.push_back({it->second->name.span, "defined here"});
      return false;
    }
    resolving_.insert(std::string(name));
    const std::optional<Text> value = text(it->second->value);
    resolving_.erase(std::string(name));
    if (!value) return false;
    for (const auto& piece : value->pieces) out.pieces.push_back(piece);
    return true;
  }

  // A value as text: a string (interpolated), a constant, or a number.
  std::optional<Text> text(const Value& v) {
    Text t;
    t.span = v.span;
    switch (v.kind) {
      case Value::Kind::string:
        for (const auto& part : v.parts) {
          if (!part.reference) {
            t.pieces.push_back({false, ir::Pseudo::account, part.text, part.span, ""});
          } else if (!name_text(part.text, part.span, t)) {
            return std::nullopt;
          }
        }
        return t;
      case Value::Kind::reference:
        if (!name_text(v.text, v.span, t)) return std::nullopt;
        return t;
      case Value::Kind::number: return Text::literal(v.text, v.span);
      default:
        issue(syntax::IssueKind::dsl_value, v.span, "expected one value here, not a list or a block");
        return std::nullopt;
    }
  }

  // A keyword out of `choices` (a bare word, or a string holding one).
  std::optional<std::string> choice(const Value& v, std::span<const Choice> choices, std::string_view what) {
    std::string word;
    if (v.kind == Value::Kind::reference) {
      word = v.text;
    } else if (v.kind == Value::Kind::string && v.parts.size() == 1 && !v.parts[0].reference) {
      word = v.parts[0].text;
    }
    std::vector<std::string> words;
    for (const auto& c : choices) {
      words.emplace_back(c.word);
      if (c.word == word) return std::string(c.value);
    }
    auto& e = issue(syntax::IssueKind::dsl_value, v.span,
                    word.empty() ? fmt::format("expected {}", what) : fmt::format("{} is not {}", util::quote(word), what));
    e.label = fmt::format("expected {}", util::quote_list(words));
    if (const auto guess = util::closest_match(word, words)) e.help.push_back(fmt::format("did you mean {}?", *guess));
    return std::nullopt;
  }

  const Value* single(const Setting& s) {
    if (s.values.empty()) return nullptr;
    return &s.values.front();
  }

  // Reports a setting given twice in the same block; true the first time.
  bool first_time(std::map<std::string, Span>& seen, const Setting& s) {
    const auto [it, inserted] = seen.emplace(s.key.text, s.key.span);
    if (inserted) return true;
    issue(syntax::IssueKind::dsl_value, s.key.span, fmt::format("{} is given twice", util::quote(s.key.text)))
        .related.push_back({it->second, "first given here"});
    return false;
  }

  // -- pipelines ---------------------------------------------------------------

  ir::Pipeline pipeline(const Pipeline& p) {
    ir::Pipeline out;
    out.name = p.name;
    out.span = p.span;
    std::map<std::string, Span> seen;
    for (const auto& s : p.settings) {
      const Value* v = single(s);
      if (v == nullptr) continue;
      if (s.key.text == "type") {
        if (!first_time(seen, s)) continue;
        if (auto c = choice(*v, kTypes, "a pipeline type")) out.type = Text::literal(*c, v->span);
      } else if (s.key.text == "mode") {
        if (!first_time(seen, s)) continue;
        if (auto c = choice(*v, kModes, "an execution mode")) out.mode = Text::literal(*c, v->span);
      } else if (s.key.text == "role") {
        if (!first_time(seen, s)) continue;
        if (v->kind == Value::Kind::reference && v->text == "auto" && !lets_.contains("auto")) {
          out.role_auto = true;
        } else {
          out.role = text(*v);
        }
      } else if (s.key.text == "store") {
        ir::Store store;
        store.span = s.span;
        if (!(v->kind == Value::Kind::reference && v->text == "auto" && !lets_.contains("auto"))) store.bucket = text(*v);
        for (const auto& o : s.block) {
          if (o.values.empty()) continue;
          if (o.key.text == "kms") store.kms = text(o.values.front());
          if (o.key.text == "region") store.region = text(o.values.front());
        }
        out.stores.push_back(std::move(store));
      } else if (s.key.text == "variable") {
        ir::Variable var;
        var.name = Name{v->text, v->span};
        var.span = s.span;
        for (const auto& o : s.block) {
          if (o.values.empty()) continue;
          if (o.key.text == "default") var.default_value = text(o.values.front());
          if (o.key.text == "description") var.description = text(o.values.front());
        }
        out.variables.push_back(std::move(var));
      } else if (s.key.text == "trigger") {
        git_trigger(s, out);
      } else if (s.key.text == "notify") {
        if (auto n = notification(s)) out.notifications.push_back(std::move(*n));
      } else if (s.key.text == "tag") {
        if (s.values.size() < 2) continue;  // reported by the parser
        // A bare key is the key itself, as in env { NAME "value" }.
        auto key = s.values[0].kind == Value::Kind::reference ? Text::literal(s.values[0].text, s.values[0].span) : text(s.values[0]);
        auto value = text(s.values[1]);
        if (key && value) out.tags.push_back({std::move(*key), std::move(*value), s.span});
      }
    }
    if (!out.role) out.role_auto = true;
    for (const auto& st : p.stages) out.stages.push_back(stage(st, out));
    share_with_other_accounts(out);
    return out;
  }

  // A pipeline whose actions assume roles of other accounts must share its
  // artifacts with them: where pipec creates the bucket, it also creates a
  // customer managed key (the AWS managed aws/s3 key cannot be shared), names
  // it by an alias, and lets those accounts use both.
  void share_with_other_accounts(ir::Pipeline& p) {
    std::optional<std::string> own;
    if (const auto it = lets_.find("account"); it != lets_.end()) {
      if (auto t = text(it->second->value)) own = t->resolve({}, false);
    }
    std::set<std::string> accounts;
    for (const auto& st : p.stages) {
      for (const auto& a : st.actions) {
        if (!a.role) continue;
        const auto text = a.role->resolve({}, false);
        const auto account = text ? aws::iam_account(*text) : std::nullopt;
        if (account && *account != own) accounts.emplace(*account);
      }
    }
    if (accounts.empty()) return;
    p.trusted_accounts.assign(accounts.begin(), accounts.end());
    if (p.stores.empty()) p.stores.push_back(ir::Store{std::nullopt, std::nullopt, std::nullopt, false, p.name.span});
    for (auto& s : p.stores) {
      // Only the bucket of the stack's own Region is pipec's to create.
      if (s.bucket || s.kms || s.region) continue;
      const Span at = s.span;
      s.kms = Text::concat({Text::literal("arn:", at), Text::pseudo(ir::Pseudo::partition, at), Text::literal(":kms:", at),
                            Text::pseudo(ir::Pseudo::region, at), Text::literal(":", at),
                            Text::pseudo(ir::Pseudo::account, at), Text::literal(":alias/" + p.name.text + "-artifacts", at)},
                           at);
      s.generated_key = true;
    }
  }

  std::optional<ir::Notification> notification(const Setting& s) {
    if (s.values.empty()) return std::nullopt;  // reported by the parser
    auto topic = text(s.values.front());
    if (!topic) return std::nullopt;
    ir::Notification out{std::move(*topic), {}, "FULL", s.span};
    std::vector<Choice> events;
    for (const auto& e : notification_events()) events.push_back({e.word, e.id});
    const Setting* on = nullptr;
    for (const auto& o : s.block) {
      if (o.values.empty()) continue;
      if (o.key.text == "on") {
        on = &o;
        for (const Value* v : items(o.values.front())) {
          if (auto c = choice(*v, events, "a pipeline event")) {
            if (std::find(out.events.begin(), out.events.end(), *c) == out.events.end()) out.events.push_back(*c);
          }
        }
      } else if (auto c = choice(o.values.front(), kDetails, "a detail level")) {
        out.detail = *c;
      }
    }
    if (on == nullptr) {
      auto& e = issue(syntax::IssueKind::dsl_value, s.key.span, "notify needs the events it sends");
      e.label = "on which events?";
      e.help.push_back("add them: notify TOPIC on [failed, succeeded]");
      return std::nullopt;
    }
    return out;
  }

  // The filters of one source action make one trigger, in the order written.
  void git_trigger(const Setting& s, ir::Pipeline& p) {
    if (s.values.size() < 2) return;  // reported by the parser
    const Name action{s.values[0].text, s.values[0].span};
    ir::GitFilter filter;
    filter.pull_request = s.values[1].text == "pull-request";
    filter.span = s.span;
    std::map<std::string, Span> seen;
    for (const auto& f : s.block) {
      if (f.values.empty() || !first_time(seen, f)) continue;
      if (f.key.text == "events") {
        for (const Value* v : items(f.values.front())) {
          if (auto c = choice(*v, kPullRequestEvents, "a pull-request event")) filter.events.push_back(Text::literal(*c, v->span));
        }
        continue;
      }
      ir::GitPatterns patterns;
      patterns.span = f.span;
      for (const Value* v : items(f.values.front())) {
        if (auto t = text(*v)) patterns.includes.push_back(std::move(*t));
      }
      for (const auto& except : f.block) {
        if (except.values.empty()) continue;
        for (const Value* v : items(except.values.front())) {
          if (auto t = text(*v)) patterns.excludes.push_back(std::move(*t));
        }
      }
      if (f.key.text == "branches") filter.branches = std::move(patterns);
      if (f.key.text == "tags") filter.tags = std::move(patterns);
      if (f.key.text == "paths") filter.paths = std::move(patterns);
    }
    const auto it = std::find_if(p.triggers.begin(), p.triggers.end(), [&](const ir::Trigger& t) { return t.action.text == action.text; });
    if (it != p.triggers.end()) {
      it->filters.push_back(std::move(filter));
      return;
    }
    p.triggers.push_back(ir::Trigger{action, {std::move(filter)}, s.span});
  }

  // A value or the items of a list, one by one.
  static std::vector<const Value*> items(const Value& v) {
    std::vector<const Value*> out;
    if (v.kind == Value::Kind::list) {
      for (const auto& item : v.items) out.push_back(&item);
    } else {
      out.push_back(&v);
    }
    return out;
  }

  std::optional<ir::OnFailure> on_failure(const Setting& s) {
    if (s.values.empty()) return std::nullopt;  // reported by the parser
    const auto result = choice(s.values[0], kFailureResults, "what a failed stage does");
    if (!result) return std::nullopt;
    ir::OnFailure out{Text::literal(*result, s.values[0].span), std::nullopt, s.span};
    if (s.values.size() > 1) {
      if (*result != "RETRY") {
        issue(syntax::IssueKind::dsl_value, s.values[1].span, fmt::format("only retry takes a mode, not {}", s.values[0].text))
            .label = "not after rollback or fail";
      } else if (auto mode = choice(s.values[1], kRetryModes, "a retry mode")) {
        out.retry_mode = Text::literal(*mode, s.values[1].span);
      }
    }
    return out;
  }

  ir::Stage stage(const Stage& s, const ir::Pipeline& p) {
    ir::Stage out;
    out.name = s.name;
    out.span = s.span;
    std::map<std::string, Span> seen;
    for (const auto& setting : s.settings) {
      if (first_time(seen, setting)) out.on_failure = on_failure(setting);
    }
    // Run order: one number per group, in the order written.
    std::map<std::size_t, int> order;
    for (const auto& a : s.actions) order.emplace(a.group, 0);
    int next = 0;
    for (auto& [group, number] : order) number = ++next;
    for (const auto& a : s.actions) out.actions.push_back(action(a, order.at(a.group), p));
    return out;
  }

  ir::Action action(const Action& a, int run_order, const ir::Pipeline& p) {
    ir::Action out;
    out.name = a.name;
    out.kind = find_action_kind(a.provider.text);
    out.inputs = a.inputs;
    out.outputs = a.outputs;
    out.run_order = run_order;
    out.span = a.span;
    if (out.kind == nullptr) return out;  // reported by the parser
    std::map<std::string, Span> seen;
    int images = 0;
    const Setting* first_project_setting = nullptr;
    const auto add_input = [&](const Name& artifact) {
      const bool listed = std::any_of(out.inputs.begin(), out.inputs.end(), [&](const Name& n) { return n.text == artifact.text; });
      if (!listed) out.inputs.push_back(artifact);
    };
    for (const auto& s : a.settings) {
      const SettingInfo* info = find_setting(*out.kind, s.key.text);
      if (info == nullptr) continue;  // reported by the parser
      const bool repeatable = s.key.text == "image" || (s.key.text == "container" && out.kind->word == std::string_view("imagedefinitions"));
      if (!repeatable && !first_time(seen, s)) continue;
      const Value* v = single(s);
      if (s.key.text == "env") {
        out.configuration.push_back({info, std::string(info->key), environment(s), s.key.span});
        continue;
      }
      if (v == nullptr) continue;
      if (info->key.empty() && s.key.text != "container") {
        project_setting(s, *info, *v, out.project);
        if (!first_project_setting) first_project_setting = &s;
        continue;
      }
      if (s.key.text == "region") {
        out.region = text(*v);
      } else if (s.key.text == "namespace") {
        out.namespace_ = text(*v);
      } else if (s.key.text == "role") {
        out.role = text(*v);
      } else if (s.key.text == "container") {
        auto name = text(*v);
        if (!out.container) out.container = name;
        if (name) {
          ir::ContainerImage c{std::move(*name), std::nullopt, std::nullopt, s.span};
          for (const auto& o : s.block) {
            if (o.values.empty()) continue;
            if (o.key.text == "from") {
              c.artifact = Name{o.values.front().text, o.values.front().span};
              add_input(*c.artifact);
            } else if (auto uri = text(o.values.front()); uri && known_in_build(*uri)) {
              c.image = std::move(uri);
            }
          }
          out.containers.push_back(std::move(c));
        }
      } else if (out.kind->word == std::string_view("approval") && s.key.text == "timeout") {
        out.timeout_minutes = number(*v);
      } else if (s.key.text == "taskdef" || s.key.text == "appspec") {
        // ARTIFACT ["path"]: the artifact by name, the path inside it.
        const Name artifact{v->text.empty() && v->kind == Value::Kind::string ? v->parts[0].text : v->text, v->span};
        const bool taskdef = s.key.text == "taskdef";
        out.configuration.push_back({info, taskdef ? "TaskDefinitionTemplateArtifact" : "AppSpecTemplateArtifact",
                                     Text::literal(artifact.text, v->span), s.key.span});
        if (s.values.size() > 1) {
          if (auto path = text(s.values[1])) {
            out.configuration.push_back(
                {info, taskdef ? "TaskDefinitionTemplatePath" : "AppSpecTemplatePath", std::move(*path), s.key.span});
          }
        }
        add_input(artifact);
      } else if (s.key.text == "image") {
        if (++images > 4) {
          issue(syntax::IssueKind::dsl_value, s.key.span, "CodeDeployToECS takes at most four images").label =
              "a fifth image";
          continue;
        }
        const Name artifact{v->kind == Value::Kind::string ? v->parts[0].text : v->text, v->span};
        out.configuration.push_back({info, fmt::format("Image{}ArtifactName", images), Text::literal(artifact.text, v->span),
                                     s.key.span});
        if (s.values.size() > 1) {
          if (auto placeholder = text(s.values[1])) {
            out.configuration.push_back({info, fmt::format("Image{}ContainerName", images), std::move(*placeholder), s.key.span});
          }
        }
        add_input(artifact);
      } else if (info->type == ValueType::boolean) {
        if (auto c = choice(*v, kBooleans, "true or false")) {
          out.configuration.push_back({info, std::string(info->key), Text::literal(*c, v->span), s.key.span});
        }
      } else if (info->type == ValueType::choice) {
        if (auto c = choice(*v, info->choices, fmt::format("a value of {}", s.key.text))) {
          out.configuration.push_back({info, std::string(info->key), Text::literal(*c, v->span), s.key.span});
        }
      } else if (info->type == ValueType::number) {
        if (auto n = number(*v)) out.configuration.push_back({info, std::string(info->key), std::move(*n), s.key.span});
      } else if (auto t = text(*v)) {
        out.configuration.push_back({info, std::string(info->key), std::move(*t), s.key.span});
      }
    }
    const std::string_view word = out.kind->word;
    const bool names_project = std::any_of(out.configuration.begin(), out.configuration.end(),
                                           [](const ir::ConfigEntry& c) { return c.key == "ProjectName"; });
    if (word == "codebuild" || word == "codebuild-test") {
      // Written, even where its values were wrong (reported already).
      const bool describes_project = std::any_of(a.settings.begin(), a.settings.end(), [](const Setting& s) {
        return s.key.text == "commands" || s.key.text == "buildspec";
      });
      if (names_project && first_project_setting != nullptr) {
        auto& e = issue(syntax::IssueKind::dsl_value, first_project_setting->key.span,
                        fmt::format("{} describes the project pipec writes, but action {} names its own project",
                                    first_project_setting->key.text, util::quote(a.name.text)));
        e.label = "for a project pipec writes";
        e.help.push_back("remove project to let pipec write the project, or remove this setting");
      } else if (!names_project && !describes_project) {
        auto& e = issue(syntax::IssueKind::dsl_value, a.name.span,
                        fmt::format("{} action {} needs a project, or commands or a buildspec for the project pipec writes",
                                    word, util::quote(a.name.text)));
        e.label = "which build does it run?";
        e.help.push_back("add project \"<name>\", or commands [\"make test\"], or buildspec \"buildspec.yml\"");
      }
      // A project pipec writes: named, so that nothing else reports it missing.
      if (!names_project) generate_project(out, p, a);
      if (!out.project.commands.empty() && out.project.buildspec) {
        auto& e = issue(syntax::IssueKind::dsl_value, a.name.span,
                        fmt::format("action {} has both commands and a buildspec file; the project runs one", util::quote(a.name.text)));
        e.label = "commands or buildspec, not both";
        e.help.push_back("keep commands for a build of a few lines, or put them in the buildspec file");
      }
    }
    if (word == "docker") {
      out.project.privileged = true;
      const bool has_repository = std::any_of(a.settings.begin(), a.settings.end(), [](const Setting& s) { return s.key.text == "repository"; });
      if (!has_repository) {
        auto& e = issue(syntax::IssueKind::dsl_value, a.name.span,
                        fmt::format("docker action {} needs repository", util::quote(a.name.text)));
        e.label = "where is the image pushed?";
        e.help.push_back("add repository \"<ECR repository name>\"");
      }
      if (!out.container && out.project.repository) {
        // The container is usually named after its image's repository.
        out.container = *out.project.repository;
      }
      generate_project(out, p, a);
    }
    if (word == "imagedefinitions") {
      if (!out.container) {
        auto& e = issue(syntax::IssueKind::dsl_value, a.name.span,
                        fmt::format("imagedefinitions action {} needs container", util::quote(a.name.text)));
        e.label = "which container does the image go to?";
        e.help.push_back("add container \"<name in the task definition>\"");
      }
      if (!names_project) generate_project(out, p, a);
      containers(out);
    }
    return out;
  }

  // The containers of an imagedefinitions step: distinct names; images read
  // from inputs that the build can find (CodeBuild puts the first input in
  // $CODEBUILD_SRC_DIR and each other in $CODEBUILD_SRC_DIR_<artifact>).
  void containers(ir::Action& out) {
    std::map<std::string, Span> names;
    for (const auto& c : out.containers) {
      const std::string name = c.name.resolve({}, true).value_or("");
      const auto [it, first] = names.emplace(name, c.name.span);
      if (!first) {
        issue(syntax::IssueKind::dsl_value, c.name.span, fmt::format("container {} is named twice", util::quote(name)))
            .related.push_back({it->second, "first named here"});
      }
    }
    if (out.inputs.size() < 2) return;
    const bool has_primary = std::any_of(out.configuration.begin(), out.configuration.end(),
                                         [](const ir::ConfigEntry& c) { return c.key == "PrimarySource"; });
    if (!has_primary) {
      out.configuration.push_back({find_setting(*out.kind, "project"), "PrimarySource",
                                   Text::literal(out.inputs.front().text, out.inputs.front().span), out.inputs.front().span});
    }
    for (std::size_t i = 1; i < out.inputs.size(); ++i) {
      const Name& input = out.inputs[i];
      if (std::all_of(input.text.begin(), input.text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; })) {
        continue;
      }
      auto& e = issue(syntax::IssueKind::dsl_value, input.span,
                      fmt::format("artifact {} cannot be a second input of a build: CodeBuild finds it through "
                                  "$CODEBUILD_SRC_DIR_{}, and a variable name takes only letters, digits and _",
                                  util::quote(input.text), input.text));
      e.label = "not a variable name";
      e.help.push_back("name the artifact with letters, digits and _ only");
    }
  }

  // pipec writes the action's project (CloudFormation) and its buildspec,
  // named <pipeline>-<action>.
  static void generate_project(ir::Action& out, const ir::Pipeline& p, const Action& a) {
    std::string project = p.name.text + "-" + a.name.text;
    for (char& c : project) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
    }
    out.configuration.push_back({find_setting(*out.kind, "project"), "ProjectName", Text::literal(project, a.name.span), a.name.span});
    out.generated_project = true;
  }

  // A buildspec is written before CloudFormation knows the account or the
  // Region, and is the same file in every account: text in it cannot hold a
  // pseudo-parameter that no `let` fixes.
  bool known_in_build(const Text& t) {
    for (const auto& piece : t.pieces) {
      if (!piece.pseudo) continue;
      auto& e = issue(syntax::IssueKind::dsl_value, piece.span,
                      fmt::format("{} is not known when the buildspec is written", ir::pseudo_name(piece.parameter)));
      e.label = "a pseudo-parameter in a build setting";
      e.help.push_back(piece.parameter == ir::Pseudo::region
                           ? "in a command, use the build's own \\$AWS_REGION; or fix the value: let region = \"us-east-1\""
                           : fmt::format("fix the value for the whole file: let {} = \"…\"", ir::pseudo_name(piece.parameter)));
      return false;
    }
    return true;
  }

  // A setting of the project pipec writes (commands, image, repository, …).
  void project_setting(const Setting& s, const SettingInfo& info, const Value& v, ir::BuildProject& project) {
    const std::string& key = s.key.text;
    if (key == "commands" || key == "files") {
      auto& list = key == "commands" ? project.commands : project.files;
      for (const Value* item : items(v)) {
        if (auto t = text(*item); t && known_in_build(*t)) list.push_back(std::move(*t));
      }
      return;
    }
    if (key == "compute") {
      if (auto c = choice(v, info.choices, "a compute size")) project.compute = Text::literal(*c, v.span);
      return;
    }
    if (key == "privileged") {
      if (auto c = choice(v, kBooleans, "true or false")) project.privileged = *c == "true";
      return;
    }
    auto t = text(v);
    if (!t || !known_in_build(*t)) return;
    if (key == "buildspec") project.buildspec = std::move(t);
    if (key == "image") project.image = std::move(t);
    if (key == "repository") project.repository = std::move(t);
    if (key == "dockerfile") project.dockerfile = std::move(t);
    if (key == "context") project.context = std::move(t);
    if (key == "tag") project.tag = std::move(t);
  }

  std::optional<Text> number(const Value& v) {
    std::string digits;
    if (v.kind == Value::Kind::number) digits = v.text;
    if (v.kind == Value::Kind::string && v.parts.size() == 1 && !v.parts[0].reference) digits = v.parts[0].text;
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      // Written as a number, with no leading zero ("0720" in quotes is 720).
      const auto first = digits.find_first_not_of('0');
      return Text::literal(first == std::string::npos ? "0" : digits.substr(first), v.span);
    }
    issue(syntax::IssueKind::dsl_value, v.span, "expected a whole number").label = "not a number";
    return std::nullopt;
  }

  // env { NAME "value" … } -> [{"name": …, "value": …, "type": "PLAINTEXT"}]
  Text environment(const Setting& s) {
    Text t;
    t.span = s.span;
    const auto literal = [&](std::string text) { t.pieces.push_back({false, ir::Pseudo::account, std::move(text), s.span, ""}); };
    literal("[");
    bool first = true;
    for (const auto& pair : s.block) {
      if (pair.values.empty()) continue;
      const auto value = text(pair.values.front());
      if (!value) continue;
      literal(fmt::format("{}{{\"name\":\"{}\",\"value\":\"", first ? "" : ",", json_escape(pair.key.text)));
      for (const auto& piece : value->pieces) {
        if (piece.pseudo) {
          t.pieces.push_back(piece);
        } else {
          literal(json_escape(piece.literal));
        }
      }
      literal("\",\"type\":\"PLAINTEXT\"}");
      first = false;
    }
    literal("]");
    return t;
  }

  // -- rules -------------------------------------------------------------------

  // A match in a pattern or filter, as the array EventBridge wants (a single
  // value becomes an array of one: the most common pattern mistake cannot be
  // written).
  Json match_values(const Value& v) {
    Json array = Json::array(v.span);
    if (v.kind == Value::Kind::list) {
      for (const auto& item : v.items) array.push(match_item(item));
    } else {
      array.push(match_item(v));
    }
    return array;
  }

  Json match_item(const Value& v) {
    if (v.kind == Value::Kind::operation) return operation(v);
    if (v.kind == Value::Kind::number) return Json::number(v.text, v.span);
    if (v.kind == Value::Kind::reference && (v.text == "true" || v.text == "false") && !lets_.contains(v.text)) {
      return Json::boolean(v.text == "true", v.span);
    }
    if (v.kind == Value::Kind::reference && v.text == "null" && !lets_.contains("null")) {
      return Json{Json::Kind::null, v.span, {}, {}, {}};
    }
    if (auto t = text(v)) return Json::string(std::move(*t));
    return Json::string("", v.span);
  }

  Json operation(const Value& v) {
    Json object = Json::object(v.span);
    if (v.text == "numeric") {
      Json terms = Json::array(v.span);
      for (const auto& item : v.items) {
        terms.push(item.kind == Value::Kind::number ? Json::number(item.text, item.span) : Json::string(item.text, item.span));
      }
      object.add("numeric", std::move(terms), v.span);
      return object;
    }
    if (v.items.empty()) return object;
    const Value& operand = v.items.front();
    Json value;
    if (v.text == "exists") {
      value = Json::boolean(operand.kind == Value::Kind::reference && operand.text == "true", operand.span);
      if (!(operand.kind == Value::Kind::reference && (operand.text == "true" || operand.text == "false"))) {
        issue(syntax::IssueKind::dsl_value, operand.span, "exists takes true or false").label = "not true or false";
      }
    } else if (operand.kind == Value::Kind::list) {
      value = Json::array(operand.span);
      for (const auto& item : operand.items) value.push(match_item(item));
    } else {
      value = match_item(operand);
    }
    object.add(v.text, std::move(value), v.span);
    return object;
  }

  Json pattern_object(const std::vector<Setting>& fields, Span span) {
    Json object = Json::object(span);
    for (const auto& f : fields) {
      if (f.values.empty()) continue;
      if (f.key.text == "or") {
        Json branches = Json::array(f.span);
        for (const auto& b : f.values) branches.push(pattern_object(b.settings, b.span));
        if (f.values.size() < 2) {
          issue(syntax::IssueKind::dsl_value, f.key.span, "or needs at least two blocks").label = "one alternative";
        }
        object.add("$or", std::move(branches), f.key.span);
        continue;
      }
      const Value& m = f.values.front();
      if (m.kind == Value::Kind::block) {
        object.add(f.key.text, pattern_object(m.settings, m.span), f.key.span);
      } else {
        object.add(f.key.text, match_values(m), f.key.span);
      }
    }
    return object;
  }

  Json trigger_pattern(const Trigger& t) {
    Json pattern = Json::object(t.span);
    const TriggerKind* kind = find_trigger(t.source.text, t.event.text);
    if (kind == nullptr) return pattern;  // reported by the parser
    Json source = Json::array(t.source.span);
    source.push(Json::string(std::string(kind->event_source), t.source.span));
    pattern.add("source", std::move(source), t.source.span);
    Json detail_type = Json::array(t.event.span);
    detail_type.push(Json::string(std::string(kind->detail_type), t.event.span));
    pattern.add("detail-type", std::move(detail_type), t.event.span);
    Json detail = Json::object(t.span);
    if (!kind->action_type.empty()) {
      Json action = Json::array(t.event.span);
      action.push(Json::string(std::string(kind->action_type), t.event.span));
      detail.add("action-type", std::move(action), t.event.span);
    }
    bool result = false;
    for (const auto& f : t.filters) {
      if (f.values.empty()) continue;
      const bool allowed = std::find(kind->filters.begin(), kind->filters.end(), f.key.text) != kind->filters.end();
      const auto field = filter_field(f.key.text);
      if (!allowed || !field) {
        std::vector<std::string> words(kind->filters.begin(), kind->filters.end());
        auto& e = issue(syntax::IssueKind::dsl_reference, f.key.span,
                        fmt::format("unknown filter {} for on {} {}", util::quote(f.key.text), kind->source, kind->event));
        e.label = "not a filter of this event";
        const auto guess = util::closest_match(f.key.text, words);
        if (!guess) {
          e.help.push_back(fmt::format("filters: {}; for anything else, write a pattern", util::quote_list(words, "and")));
          continue;
        }
        // Read on as the filter it most likely is.
        e.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
        if (*guess == "result") result = true;
        detail.add(std::string(*filter_field(*guess)), match_values(f.values.front()), f.key.span);
        continue;
      }
      if (f.key.text == "result") result = true;
      detail.add(std::string(*field), match_values(f.values.front()), f.key.span);
    }
    // Push and replication events say whether they succeeded: only
    // successful ones deploy, unless the filter says otherwise.
    if (!result && std::find(kind->filters.begin(), kind->filters.end(), std::string_view("result")) != kind->filters.end()) {
      Json success = Json::array(t.event.span);
      success.push(Json::string("SUCCESS", t.event.span));
      detail.add("result", std::move(success), t.event.span);
    }
    pattern.add("detail", std::move(detail), t.span);
    return pattern;
  }

  ir::Rule rule(const Rule& r) {
    ir::Rule out;
    out.name = r.name;
    out.span = r.span;
    const int sources = (r.trigger ? 1 : 0) + (r.pattern ? 1 : 0) + (r.pattern_file ? 1 : 0);
    if (sources == 0) {
      auto& e = issue(syntax::IssueKind::dsl_value, r.name.span, fmt::format("rule {} matches no events", util::quote(r.name.text)));
      e.label = "no on or pattern";
      e.help.push_back("add on ecr push { repository \"…\" }, or a pattern { … }");
    } else if (sources > 1) {
      issue(syntax::IssueKind::dsl_value, r.name.span, fmt::format("rule {} has more than one pattern", util::quote(r.name.text)))
          .label = "use one of on, pattern and pattern file";
    }
    if (r.trigger) {
      out.pattern = trigger_pattern(*r.trigger);
      out.pattern_span = r.trigger->span;
    } else if (r.pattern) {
      out.pattern = pattern_object(r.pattern->settings, r.pattern->span);
      out.pattern_span = r.pattern->span;
    } else if (r.pattern_file) {
      if (auto path = text(*r.pattern_file)) {
        out.pattern_file = path->resolve({}, true).value_or("");
        out.pattern_span = r.pattern_file->span;
      }
    }
    std::map<std::string, Span> seen;
    for (const auto& s : r.settings) {
      const Value* v = single(s);
      if (v == nullptr) continue;
      if (s.key.text == "from account") {
        auto account = text(*v);
        if (!account) continue;
        const auto literal = account->resolve({}, false);
        if (!literal || !aws::is_account_id(*literal)) {
          auto& e = issue(syntax::IssueKind::dsl_value, v->span, "from account takes another account's 12-digit ID");
          e.label = "not an account ID";
          continue;
        }
        out.from_accounts.push_back(std::move(*account));
        continue;
      }
      if (s.key.text == "notify" || s.key.text == "invoke") {
        auto arn = text(*v);
        if (!arn) continue;
        ir::ServiceTarget t{s.key.text == "notify" ? ir::ServiceTarget::Service::sns : ir::ServiceTarget::Service::lambda,
                            std::move(*arn), std::nullopt, s.span};
        for (const auto& o : s.block) {
          if (!o.values.empty()) t.id = text(o.values.front());
        }
        out.service_targets.push_back(std::move(t));
        continue;
      }
      if (!first_time(seen, s)) continue;
      if (s.key.text == "description") out.description = text(*v);
      if (s.key.text == "bus") out.bus = text(*v);
      if (s.key.text == "state") {
        if (auto c = choice(*v, kStates, "a rule state")) out.state = Text::literal(*c, v->span);
      }
    }
    // Events sent from other accounts carry theirs in "account": the rule
    // takes those (a pattern file says for itself).
    if (!out.from_accounts.empty() && out.pattern.kind == Json::Kind::object && out.pattern.get("account") == nullptr) {
      Json accounts = Json::array(out.from_accounts.front().span);
      for (const auto& a : out.from_accounts) accounts.push(Json::string(a));
      out.pattern.add("account", std::move(accounts), out.from_accounts.front().span);
    }
    for (const auto& s : r.starts) out.targets.push_back(target(s));
    if (r.starts.empty() && out.service_targets.empty()) {
      issue(syntax::IssueKind::dsl_value, r.name.span, fmt::format("rule {} starts nothing", util::quote(r.name.text)))
          .help.push_back("add start <pipeline>, notify <SNS topic ARN> or invoke <Lambda function ARN>");
    }
    return out;
  }

  ir::Target target(const Start& s) {
    ir::Target out;
    out.pipeline = s.pipeline;
    out.span = s.span;
    const ir::Pipeline* pipeline = out_.program.pipeline(s.pipeline.text);
    if (pipeline == nullptr) {
      std::vector<std::string> names;
      for (const auto& p : out_.program.pipelines) names.push_back(p.name.text);
      auto& e = issue(syntax::IssueKind::dsl_reference, s.pipeline.span,
                      fmt::format("unknown pipeline {}", util::quote(s.pipeline.text)));
      e.label = "no pipeline of this name in the file";
      if (const auto guess = util::closest_match(s.pipeline.text, names)) {
        e.help.push_back(fmt::format("did you mean {}?", util::quote(*guess)));
        out.pipeline.text = *guess;  // read on as the pipeline it most likely is
      }
    }
    std::map<std::string, Span> seen;
    for (const auto& st : s.settings) {
      if (st.key.text == "role" || st.key.text == "id") {
        const Value* v = single(st);
        if (v == nullptr || !first_time(seen, st)) continue;
        (st.key.text == "role" ? out.role : out.id) = text(*v);
        continue;
      }
      if (st.values.size() < 2) continue;  // reported by the parser
      const Value& target_name = st.values[0];
      const Value& what = st.values[1];
      if (st.key.text == "revision") {
        ir::Revision rev;
        rev.action = Name{target_name.text, target_name.span};
        rev.span = st.span;
        std::string word = what.kind == Value::Kind::reference ? what.text : "";
        rev.kind = model::find_revision_word(word);
        if (rev.kind == nullptr) {
          std::vector<std::string> words;
          for (const auto& k : model::revision_types()) words.emplace_back(k.word);
          auto& e = issue(syntax::IssueKind::dsl_value, what.span,
                          word.empty() ? "expected a revision kind" : fmt::format("unknown revision kind {}", util::quote(word)));
          e.label = fmt::format("expected {}", util::quote_list(words));
          const auto guess = util::closest_match(word, words);
          if (!guess) continue;
          e.help.push_back(fmt::format("did you mean {}?", *guess));
          rev.kind = model::find_revision_word(*guess);  // read on as the kind it most likely is
        }
        if (st.values.size() > 2) {
          if (auto path = text(st.values[2])) rev.path = std::move(*path);
        } else {
          rev.path = Text::literal(std::string(rev.kind->event_path), what.span);
        }
        out.revisions.push_back(std::move(rev));
      } else if (st.key.text == "variable") {
        ir::TargetVariable var;
        var.name = Name{target_name.text, target_name.span};
        var.span = st.span;
        if (auto path = text(what)) var.path = std::move(*path);
        out.variables.push_back(std::move(var));
      }
    }
    return out;
  }

  const File& file_;
  std::map<std::string, const Let*> lets_;
  std::map<std::string, const Setting*> params_;
  std::set<std::string> resolving_;
  Resolved out_;
};

}  // namespace

Resolved resolve(const File& file) { return Resolver(file).run(); }

}  // namespace pipec::dsl
