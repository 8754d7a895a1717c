#include "driver/import.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "aws/arn.h"
#include "driver/import_pattern.h"
#include "driver/import_project.h"
#include "driver/import_values.h"
#include "dsl/vocabulary.h"
#include "emit/api_shapes.h"
#include "emit/buildspec.h"
#include "emit/pipe_source.h"
#include "model/cloudformation.h"
#include "source/file_system.h"
#include "syntax/json/json_reader.h"
#include "syntax/yaml/yaml_reader.h"
#include "util/ascii.h"
#include "util/text.h"

namespace pipec::driver {

namespace {

using emit::PipeStatement;
using emit::PipeText;
using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

constexpr std::string_view kNotExpressible = "pipec import: not expressible: ";

std::string lower_first(std::string_view key) {
  std::string out(key);
  if (!out.empty()) out[0] = util::ascii_lower(out[0]);
  return out;
}

constexpr std::string_view kChoicesOfMode[][2] = {{"QUEUED", "queued"}, {"SUPERSEDED", "superseded"}, {"PARALLEL", "parallel"}};

class Importer {
 public:
  Importer(LintRun& run, bool counting, const std::map<std::string, std::string>& lets)
      : run_(run), ws_(run.workspace), counting_(counting), lets_(lets) {}

  std::vector<PipeStatement> run() {
    // The templates' parameters, known before any value is read.
    for (const auto& p : ws_.pipelines) {
      if (p.dialect == model::Dialect::cloudformation && p.document != nullptr) (void)written(*p.document);
    }
    for (const auto& r : ws_.event_rules) {
      if (r.dialect == model::Dialect::cloudformation && r.document != nullptr) (void)written(*r.document);
    }
    std::vector<PipeStatement> out = parameters();
    for (std::size_t i = 0; i < ws_.pipelines.size(); ++i) {
      // A .pipe file names each pipeline once: a second of the same name
      // (another file, or a template's copy) gets a number.
      std::string name = pipeline_name(ws_.pipelines[i]);
      for (int n = 2; std::find(names_.begin(), names_.end(), name) != names_.end(); ++n) name = fmt::format("{}-{}", pipeline_name(ws_.pipelines[i]), n);
      names_.push_back(name);
    }
    for (std::size_t i = 0; i < ws_.pipelines.size(); ++i) {
      out.push_back(pipeline(i));
      if (names_[i] != pipeline_name(ws_.pipelines[i])) {
        not_expressible(out.back(), ws_.pipelines[i].anchor(),
                        fmt::format("a second pipeline named {}; this one is written as {}", util::quote(pipeline_name(ws_.pipelines[i])),
                                    util::quote(names_[i])));
      }
    }
    std::set<std::size_t> with_targets;
    for (std::size_t i = 0; i < ws_.target_sets.size(); ++i) {
      if (ws_.target_sets[i].event_rule) with_targets.insert(*ws_.target_sets[i].event_rule);
      if (auto r = rule(ws_.target_sets[i])) out.push_back(std::move(*r));
    }
    // A rule read without its targets (PutRule input alone) starts nothing
    // the language can name.
    for (std::size_t i = 0; i < ws_.event_rules.size(); ++i) {
      if (with_targets.contains(i)) continue;
      const auto& r = ws_.event_rules[i];
      PipeStatement s;
      const std::string name = r.name ? r.name->value : r.logical_id ? r.logical_id->value : "(unnamed)";
      not_expressible(s, r.name ? r.name->span : r.span,
                      fmt::format("rule {} was read without its targets; import its PutTargets input with it", util::quote(name)));
      out.push_back(std::move(s));
    }
    for (auto& o : outputs()) out.push_back(std::move(o));
    return out;
  }

  const std::map<std::string, std::size_t>& account_counts() const { return counts_; }
  std::vector<std::string> account_order() const { return order_; }

 private:
  // -- reporting ---------------------------------------------------------------

  void not_expressible(PipeStatement& at, source::Span where, const std::string& what) {
    at.comments.push_back(std::string(kNotExpressible) + what);
    if (counting_) return;
    diag::Diagnostic d;
    d.severity = diag::Severity::warning;
    d.title = "warning[import]";
    d.span = where;
    d.message = fmt::format("not expressible in the .pipe language: {}", what);
    d.label = "left out of the .pipe file";
    d.help.push_back("the .pipe file holds a `# pipec import: not expressible` comment here; add it to the pipeline by other means");
    run_.report.diagnostics.push_back(std::move(d));
  }

  // A pipeline or rule whose Name is not literal (or absent): named after
  // its logical ID, said where the name is (or the resource's key).
  void unnamed(PipeStatement& at, const Document& d, NodeId name, const std::optional<model::Text>& logical_id, source::Span fallback,
               std::string_view what, const std::string& used) {
    if (name != syntax::kNoNode) {
      not_expressible(at, d.node(name).span,
                      fmt::format("the {}'s name is {}; it is named after its logical ID {}", what, import_value(d, name).why, util::quote(used)));
    } else {
      not_expressible(at, logical_id ? logical_id->span : fallback,
                      fmt::format("the {} has no Name (CloudFormation makes one up); it is named after its logical ID {}", what, util::quote(used)));
    }
  }

  // The items of a list, or none and a comment when it is something else (a
  // template's !If): the language cannot write half of a list.
  std::span<const NodeId> list(PipeStatement& at, const Document& d, NodeId node, std::string_view what) {
    if (node == syntax::kNoNode || d.is(node, NodeKind::array)) return d.items(node);
    not_expressible(at, d.node(node).span, fmt::format("{} given as {}", what, describe_intrinsic(d, node)));
    return {};
  }

  // -- values ------------------------------------------------------------------

  // Account ids named twice or more become constants: the text with each
  // replaced by a reference to its `let`.
  PipeText with_lets(const PipeText& text) {
    PipeText out;
    for (const auto& p : text.pieces) {
      if (p.reference) {
        out.append(PipeText{{p}});
        continue;
      }
      std::size_t at = 0;
      for (const auto& [begin, length] : account_ids(p.text)) {
        const std::string id = p.text.substr(begin, length);
        if (counting_) {
          if (counts_[id]++ == 0) order_.push_back(id);
          continue;
        }
        const auto let = lets_.find(id);
        if (let == lets_.end()) continue;
        out.append(PipeText::literal(p.text.substr(at, begin - at)));
        out.append(PipeText::reference(let->second));
        at = begin + length;
      }
      out.append(PipeText::literal(p.text.substr(at)));
    }
    return out;
  }

  std::string value_text(const PipeText& text) { return emit::pipe_value(with_lets(text)); }

  // The value at `node` as the language writes it, or a comment at `at`.
  std::optional<std::string> value(PipeStatement& at, const Document& doc, NodeId node, std::string_view what) {
    ImportedValue r = import_value(doc, node);
    if (!r.text) {
      // A value that is missing is reported where its document starts.
      const NodeId where = node != syntax::kNoNode ? node : doc.root();
      const source::Span span = where != syntax::kNoNode ? doc.node(where).span : source::Span{doc.file(), 0, 0};
      not_expressible(at, span, fmt::format("{}: {}", what, r.why));
      return std::nullopt;
    }
    return value_text(*r.text);
  }

  // -- pipelines ---------------------------------------------------------------

  std::string pipeline_name(const model::Pipeline& p) {
    if (p.name) return p.name->value;
    if (p.logical_id) return p.logical_id->value;
    return "pipeline";
  }

  // Keys as the dialect spells them.
  std::string key(const model::Pipeline& p, std::string_view pascal) const {
    return p.dialect == model::Dialect::cloudformation ? std::string(pascal) : lower_first(pascal);
  }

  const Document& doc(const model::Pipeline& p) const { return *p.document; }

  NodeId resource_node(const Document& d, const std::string& logical_id, std::string_view type) const {
    const NodeId r = d.get(d.get(d.root(), "Resources"), logical_id);
    if (d.string(d.get(r, "Type")) != type) return syntax::kNoNode;
    return d.get(r, "Properties");
  }

  PipeStatement pipeline(std::size_t index) {
    const model::Pipeline& p = ws_.pipelines[index];
    const Document& d = doc(p);
    const NodeId decl = p.declaration;
    const bool cfn = p.dialect == model::Dialect::cloudformation;
    const std::string& name = names_[index];
    PipeStatement out;
    out.head = "pipeline " + emit::pipe_name(name);
    out.block = true;
    if (!p.name) unnamed(out, d, d.get(decl, key(p, "Name")), p.logical_id, p.span, "pipeline", name);
    std::set<std::string, std::less<>> handled = {key(p, "Name"), key(p, "Stages"), key(p, "RoleArn"), key(p, "ArtifactStore"),
                                      key(p, "ArtifactStores"), key(p, "PipelineType"), key(p, "ExecutionMode"),
                                      key(p, "Variables"), key(p, "Triggers"), key(p, "Tags")};
    if (!cfn) handled.insert({"version", "metadata"});

    if (const NodeId type = d.get(decl, key(p, "PipelineType")); type != syntax::kNoNode) {
      PipeStatement s;
      const std::string t(d.string(type));
      if (t == "V1" || t == "V2") {
        s.head = "type " + t;
      } else {
        not_expressible(s, d.node(type).span, fmt::format("pipeline type {}", util::quote(t)));
      }
      out.children.push_back(std::move(s));
    }
    if (const NodeId mode = d.get(decl, key(p, "ExecutionMode")); mode != syntax::kNoNode) {
      PipeStatement s;
      const std::string m(d.string(mode));
      for (const auto& c : kChoicesOfMode) {
        if (c[0] == m) s.head = "mode " + std::string(c[1]);
      }
      if (s.head.empty()) not_expressible(s, d.node(mode).span, fmt::format("execution mode {}", util::quote(m)));
      out.children.push_back(std::move(s));
    }
    role(p, name, out);
    stores(p, name, out);
    variables(p, out);
    tags(p, out);
    triggers(p, out);
    notifications(p, name, out);
    for (const auto& m : d.members(decl)) {
      if (handled.contains(m.key)) continue;
      PipeStatement s;
      not_expressible(s, m.key_span, fmt::format("pipeline setting {}", util::quote(m.key)));
      out.children.push_back(std::move(s));
    }
    bool first = true;
    PipeStatement unlisted;
    for (const NodeId stage : list(unlisted, d, d.get(decl, key(p, "Stages")), "the stages")) {
      PipeStatement s;
      if (model::is_intrinsic(d, stage)) {
        not_expressible(s, d.node(stage).span, fmt::format("a stage given as {}", describe_intrinsic(d, stage)));
      } else {
        s = this->stage(p, stage);
      }
      s.blank_before = first && !out.children.empty();
      first = false;
      out.children.push_back(std::move(s));
    }
    if (!unlisted.comments.empty()) out.children.push_back(std::move(unlisted));
    return out;
  }

  void role(const model::Pipeline& p, const std::string& name, PipeStatement& out) {
    const Document& d = doc(p);
    const NodeId role = d.get(p.declaration, key(p, "RoleArn"));
    if (role == syntax::kNoNode) return;
    PipeStatement s;
    if (const auto ref = referenced_resource(d, role); ref && p.dialect == model::Dialect::cloudformation) {
      // A role of the template that is the one `role auto` writes.
      const NodeId props = resource_node(d, ref->first, "AWS::IAM::Role");
      const std::string expected = (name + "-codepipeline").substr(0, 64);
      s.head = "role auto";
      if (props == syntax::kNoNode || ref->second != "Arn" || d.string(d.get(props, "RoleName")) != expected) {
        not_expressible(s, d.node(role).span,
                        fmt::format("the service role is {}, not the one `role auto` writes (named {})",
                                    describe_intrinsic(d, role), util::quote(expected)));
      }
      out.children.push_back(std::move(s));
      return;
    }
    if (auto v = value(s, d, role, "the service role")) s.head = "role " + *v;
    out.children.push_back(std::move(s));
  }

  void store(const model::Pipeline& p, const std::string& name, NodeId store, const std::optional<std::string>& region,
             PipeStatement& out) {
    const Document& d = doc(p);
    const bool cfn = p.dialect == model::Dialect::cloudformation;
    PipeStatement s;
    const NodeId location = d.get(store, key(p, "Location"));
    std::string head;
    if (const auto ref = referenced_resource(d, location); ref && cfn && ref->second.empty()) {
      const NodeId bucket = resource_node(d, ref->first, "AWS::S3::Bucket");
      head = "store auto";
      if (bucket == syntax::kNoNode) {
        not_expressible(s, d.node(location).span, fmt::format("the artifact store is {}", describe_intrinsic(d, location)));
      } else {
        // store auto writes this bucket, by this name.
        dsl::ir::Pipeline named;
        named.name.text = name;
        PipeText expected;
        for (const auto& piece : emit::artifact_bucket_name(named).pieces) {
          expected.append(piece.pseudo ? PipeText::reference(std::string(dsl::ir::pseudo_name(piece.parameter))) : PipeText::literal(piece.literal));
        }
        const ImportedValue actual = import_value(d, d.get(bucket, "BucketName"));
        if (!actual.text || actual.text->literal_text() != expected.literal_text()) {
          not_expressible(s, d.node(location).span,
                          fmt::format("the artifact store is the template's bucket {}, not the one `store auto` writes (named {})",
                                      ref->first, emit::pipe_string(expected)));
        }
      }
    } else if (auto v = value(s, d, location, "the artifact store")) {
      head = "store s3 " + *v;
    }
    if (head.empty()) {
      out.children.push_back(std::move(s));
      return;
    }
    const NodeId type = d.get(store, key(p, "Type"));
    if (type != syntax::kNoNode && d.string(type) != "S3") not_expressible(s, d.node(type).span, "an artifact store that is not S3");
    if (const NodeId key_node = d.get(store, key(p, "EncryptionKey")); key_node != syntax::kNoNode) {
      const NodeId id = d.get(key_node, key(p, "Id"));
      if (head == "store auto" && generated_key(p, id)) {
        // The key pipec creates to share the bucket with the accounts of
        // its action roles: `store auto` derives it again.
      } else if (auto v = value(s, d, id, "the KMS key")) {
        head += " kms " + *v;
      }
    }
    if (region) head += " region " + *region;
    s.head = head;
    out.children.push_back(std::move(s));
  }

  // !GetAtt K.Arn of a key of the template aliased alias/<pipeline>-artifacts,
  // in a pipeline whose actions assume roles of other accounts: the key
  // `store auto` creates for them (with its alias and the bucket policy).
  bool generated_key(const model::Pipeline& p, NodeId id) {
    const Document& d = doc(p);
    const auto ref = referenced_resource(d, id);
    if (p.dialect != model::Dialect::cloudformation || !ref || ref->second != "Arn") return false;
    if (resource_node(d, ref->first, "AWS::KMS::Key") == syntax::kNoNode) return false;
    bool aliased = false;
    for (const auto& r : d.members(d.get(d.root(), "Resources"))) {
      if (d.string(d.get(r.value, "Type")) != "AWS::KMS::Alias") continue;
      const NodeId props = d.get(r.value, "Properties");
      const auto target = referenced_resource(d, d.get(props, "TargetKeyId"));
      aliased = aliased || (target && target->first == ref->first && d.string(d.get(props, "AliasName")) == "alias/" + pipeline_name(p) + "-artifacts");
    }
    if (!aliased) return false;
    for (const NodeId stage : d.items(d.get(p.declaration, "Stages"))) {
      for (const NodeId action : d.items(d.get(stage, "Actions"))) {
        const ImportedValue role = import_value(d, d.get(action, "RoleArn"));
        const std::string text = role.text && role.text->is_literal() ? role.text->literal_text() : "";
        if (aws::iam_account(text)) return true;
      }
    }
    return false;
  }

  // The CodeStar Notifications rules of the template on this pipeline, as
  // `notify TOPIC on [events] [detail basic]`.
  void notifications(const model::Pipeline& p, const std::string& name, PipeStatement& out) {
    const Document& d = doc(p);
    if (p.dialect != model::Dialect::cloudformation || !p.logical_id) return;
    const std::string resource = "arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${" + p.logical_id->value + "}";
    std::size_t n = 0;
    for (const auto& r : d.members(d.get(d.root(), "Resources"))) {
      if (d.string(d.get(r.value, "Type")) != "AWS::CodeStarNotifications::NotificationRule") continue;
      const NodeId props = d.get(r.value, "Properties");
      const NodeId on = d.get(props, "Resource");
      if (!d.is(on, NodeKind::object) || d.members(on).size() != 1 || d.members(on).front().key != "Fn::Sub") continue;
      NodeId sub = d.members(on).front().value;
      if (d.is(sub, NodeKind::array) && d.items(sub).size() == 2 && d.members(d.items(sub)[1]).empty()) sub = d.items(sub)[0];
      if (d.string(sub) != resource) continue;
      PipeStatement s;
      const std::string expected = (name + "-notify" + (n == 0 ? "" : "-" + std::to_string(n + 1))).substr(0, 64);
      ++n;
      const auto targets = d.items(d.get(props, "Targets"));
      if (targets.size() != 1 || d.string(d.get(targets[0], "TargetType")) != "SNS") {
        not_expressible(s, r.key_span, fmt::format("notification rule {}: a target that is not one SNS topic", r.key));
        out.children.push_back(std::move(s));
        continue;
      }
      std::vector<std::string> words;
      for (const NodeId e : d.items(d.get(props, "EventTypeIds"))) {
        const auto& all = dsl::notification_events();
        const auto it = std::find_if(all.begin(), all.end(), [&](const dsl::NotificationEvent& x) { return x.id == d.string(e); });
        if (it == all.end()) {
          not_expressible(s, d.node(e).span, fmt::format("the notification event {}", util::quote(d.string(e))));
        } else {
          words.emplace_back(it->word);
        }
      }
      const std::string detail(d.string(d.get(props, "DetailType")));
      if (detail != "FULL" && detail != "BASIC") not_expressible(s, r.key_span, fmt::format("notification detail {}", util::quote(detail)));
      if (d.string(d.get(props, "Name")) != expected) {
        not_expressible(s, r.key_span, fmt::format("notification rule {} is named {}; pipec names it {}", r.key,
                                                   util::quote(d.string(d.get(props, "Name"))), util::quote(expected)));
      }
      for (const auto& m : d.members(props)) {
        if (m.key != "Name" && m.key != "DetailType" && m.key != "EventTypeIds" && m.key != "Resource" && m.key != "Targets" && m.key != "Tags") {
          not_expressible(s, m.key_span, fmt::format("notification rule setting {}", util::quote(m.key)));
        }
      }
      if (auto topic = value(s, d, d.get(targets[0], "TargetAddress"), "the notification topic"); topic && !words.empty()) {
        std::string list = "[";
        for (std::size_t i = 0; i < words.size(); ++i) list += (i == 0 ? "" : ", ") + words[i];
        s.head = fmt::format("notify {} on {}]", *topic, list);
        if (detail == "BASIC") s.head += " detail basic";
      }
      out.children.push_back(std::move(s));
    }
  }

  void stores(const model::Pipeline& p, const std::string& name, PipeStatement& out) {
    const Document& d = doc(p);
    if (const NodeId single = d.get(p.declaration, key(p, "ArtifactStore")); single != syntax::kNoNode) {
      store(p, name, single, std::nullopt, out);
    }
    const NodeId many = d.get(p.declaration, key(p, "ArtifactStores"));
    if (p.dialect == model::Dialect::cloudformation) {
      PipeStatement unlisted;
      for (const NodeId item : list(unlisted, d, many, "the artifact stores")) {
        PipeStatement holder;
        const auto region = value(holder, d, d.get(item, "Region"), "the Region of an artifact store");
        if (!holder.comments.empty()) out.children.push_back(std::move(holder));
        store(p, name, d.get(item, "ArtifactStore"), region, out);
      }
      if (!unlisted.comments.empty()) out.children.push_back(std::move(unlisted));
    } else {
      for (const auto& m : d.members(many)) store(p, name, m.value, emit::pipe_string(m.key), out);
    }
  }

  void variables(const model::Pipeline& p, PipeStatement& out) {
    const Document& d = doc(p);
    for (const NodeId v : list(out, d, d.get(p.declaration, key(p, "Variables")), "the variables")) {
      PipeStatement s;
      const NodeId name = d.get(v, key(p, "Name"));
      if (!d.is(name, NodeKind::string)) {
        not_expressible(s, d.node(v).span, "a variable without a literal name");
        out.children.push_back(std::move(s));
        continue;
      }
      std::string head = "variable " + emit::pipe_name(d.node(name).text);
      if (const NodeId def = d.get(v, key(p, "DefaultValue")); def != syntax::kNoNode) {
        if (auto text = value(s, d, def, "the default value")) head += " = " + *text;
      }
      if (const NodeId desc = d.get(v, key(p, "Description")); desc != syntax::kNoNode) {
        if (auto text = value(s, d, desc, "the description")) head += " description " + *text;
      }
      s.head = head;
      out.children.push_back(std::move(s));
    }
  }

  // Tags: CloudFormation's on the pipeline, or create-pipeline's beside it.
  void tags(const model::Pipeline& p, PipeStatement& out) {
    const Document& d = doc(p);
    NodeId node = d.get(p.declaration, key(p, "Tags"));
    if (p.dialect != model::Dialect::cloudformation && d.get(d.root(), "pipeline") == p.declaration) {
      if (const NodeId root_tags = d.get(d.root(), "tags"); root_tags != syntax::kNoNode) node = root_tags;
    }
    for (const NodeId t : list(out, d, node, "the tags")) {
      PipeStatement s;
      const NodeId k = d.get(t, key(p, "Key"));
      const NodeId v = d.get(t, key(p, "Value"));
      if (!d.is(k, NodeKind::string) || v == syntax::kNoNode || d.members(t).size() != 2) {
        not_expressible(s, d.node(t).span, "a tag that is not a literal key and a value");
      } else if (auto text = value(s, d, v, "the tag's value")) {
        s.head = "tag " + emit::pipe_name(d.node(k).text) + " " + *text;
      }
      out.children.push_back(std::move(s));
    }
  }

  // A list of Git patterns or pull-request events: one written alone.
  std::optional<std::string> words(PipeStatement& at, const Document& d, NodeId node, std::string_view what, bool events) {
    if (!d.is(node, NodeKind::array) || d.items(node).empty()) {
      not_expressible(at, d.node(node).span, fmt::format("{} that are not a list", what));
      return std::nullopt;
    }
    std::vector<std::string> items;
    for (const NodeId item : d.items(node)) {
      if (events) {
        const std::string e = util::ascii_lowered(d.string(item));
        if (e != "open" && e != "updated" && e != "closed") {
          not_expressible(at, d.node(item).span, fmt::format("the pull-request event {}", util::quote(d.string(item))));
          return std::nullopt;
        }
        items.push_back(e);
      } else if (auto v = value(at, d, item, what)) {
        items.push_back(*v);
      } else {
        return std::nullopt;
      }
    }
    if (items.size() == 1 && !events) return items.front();
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
    return out + "]";
  }

  // V2 triggers: `trigger ACTION push|pull-request { … }`, one line a filter.
  void triggers(const model::Pipeline& p, PipeStatement& out) {
    const Document& d = doc(p);
    for (const NodeId t : list(out, d, d.get(p.declaration, key(p, "Triggers")), "the triggers")) {
      const NodeId git = d.get(t, key(p, "GitConfiguration"));
      const NodeId action = d.get(git, key(p, "SourceActionName"));
      if (d.string(d.get(t, key(p, "ProviderType"))) != "CodeStarSourceConnection" || !d.is(action, NodeKind::string)) {
        PipeStatement s;
        not_expressible(s, d.node(t).span, "a trigger that is not the Git configuration of a connection source action");
        out.children.push_back(std::move(s));
        continue;
      }
      PipeStatement extra;
      for (const auto& m : d.members(t)) {
        if (m.key != key(p, "ProviderType") && m.key != key(p, "GitConfiguration")) {
          not_expressible(extra, m.key_span, fmt::format("trigger setting {}", util::quote(m.key)));
        }
      }
      for (const auto& m : d.members(git)) {
        if (m.key != key(p, "SourceActionName") && m.key != key(p, "Push") && m.key != key(p, "PullRequest")) {
          not_expressible(extra, m.key_span, fmt::format("trigger setting {}", util::quote(m.key)));
        }
      }
      if (!extra.comments.empty()) out.children.push_back(std::move(extra));
      for (const bool pull_request : {false, true}) {
        const NodeId filters = d.get(git, key(p, pull_request ? "PullRequest" : "Push"));
        for (const NodeId f : list(out, d, filters, "the trigger's filters")) {
          PipeStatement s;
          s.head = fmt::format("trigger {} {}", emit::pipe_name(d.node(action).text), pull_request ? "pull-request" : "push");
          for (const auto& m : d.members(f)) {
            PipeStatement item;
            if (pull_request && m.key == key(p, "Events")) {
              if (auto w = words(item, d, m.value, "the events", true)) item.head = "events " + *w;
            } else if (m.key == key(p, "Branches") || m.key == key(p, "Tags") || m.key == key(p, "FilePaths")) {
              const std::string word = m.key == key(p, "Branches") ? "branches" : m.key == key(p, "Tags") ? "tags" : "paths";
              const NodeId includes = d.get(m.value, key(p, "Includes"));
              const NodeId excludes = d.get(m.value, key(p, "Excludes"));
              std::size_t known = (includes != syntax::kNoNode) + (excludes != syntax::kNoNode);
              if (includes == syntax::kNoNode || known != d.members(m.value).size()) {
                not_expressible(item, d.node(m.value).span, fmt::format("{} of a trigger without includes", word));
              } else if (auto w = words(item, d, includes, "the trigger's patterns", false)) {
                item.head = word + " " + *w;
                if (excludes != syntax::kNoNode) {
                  if (auto x = words(item, d, excludes, "the trigger's patterns", false)) {
                    item.head += " except " + *x;
                  } else {
                    item.head.clear();
                  }
                }
              }
            } else {
              not_expressible(item, m.key_span, fmt::format("trigger filter {}", util::quote(m.key)));
            }
            s.children.push_back(std::move(item));
          }
          // Comments cannot sit inside a one-line block: put them above it.
          for (auto& i : s.children) {
            for (auto& c : i.comments) s.comments.push_back(std::move(c));
            i.comments.clear();
          }
          std::erase_if(s.children, [](const PipeStatement& i) { return i.head.empty(); });
          if (!s.children.empty()) {
            s.block = true;
            s.inline_block = true;
          }
          out.children.push_back(std::move(s));
        }
      }
    }
  }

  // onFailure (V2): `on failure rollback|fail|retry failed-actions|all-actions`.
  void on_failure(const model::Pipeline& p, NodeId node, PipeStatement& out) {
    const Document& d = doc(p);
    PipeStatement s;
    const std::string result = util::ascii_lowered(d.string(d.get(node, key(p, "Result"))));
    const NodeId retry = d.get(node, key(p, "RetryConfiguration"));
    const std::string mode(d.string(d.get(retry, key(p, "RetryMode"))));
    for (const auto& m : d.members(node)) {
      if (m.key != key(p, "Result") && m.key != key(p, "RetryConfiguration")) {
        not_expressible(s, m.key_span, fmt::format("stage failure setting {}", util::quote(m.key)));
      }
    }
    if (result != "rollback" && result != "fail" && result != "retry") {
      not_expressible(s, d.node(node).span, fmt::format("a stage failure result {}", util::quote(d.string(d.get(node, key(p, "Result"))))));
    } else if (retry != syntax::kNoNode && (result != "retry" || (mode != "FAILED_ACTIONS" && mode != "ALL_ACTIONS") || d.members(retry).size() != 1)) {
      not_expressible(s, d.node(retry).span, "a retry configuration other than retryMode FAILED_ACTIONS or ALL_ACTIONS of a retry");
    } else {
      s.head = "on failure " + result;
      if (retry != syntax::kNoNode) s.head += mode == "FAILED_ACTIONS" ? " failed-actions" : " all-actions";
    }
    out.children.push_back(std::move(s));
  }

  PipeStatement stage(const model::Pipeline& p, NodeId stage) {
    const Document& d = doc(p);
    PipeStatement out;
    out.block = true;
    const NodeId name = d.get(stage, key(p, "Name"));
    out.head = "stage " + emit::pipe_name(d.is(name, NodeKind::string) ? std::string(d.node(name).text) : "Stage");
    if (!d.is(name, NodeKind::string)) not_expressible(out, d.node(stage).span, "a stage without a literal name");
    for (const auto& m : d.members(stage)) {
      if (m.key == key(p, "Name") || m.key == key(p, "Actions")) continue;
      if (m.key == key(p, "OnFailure")) {
        on_failure(p, m.value, out);
        continue;
      }
      PipeStatement s;
      not_expressible(s, m.key_span, fmt::format("stage setting {}", util::quote(m.key)));
      out.children.push_back(std::move(s));
    }
    // Actions in run order; those that share one run in parallel.
    std::vector<std::pair<long long, NodeId>> actions;
    for (const NodeId a : list(out, d, d.get(stage, key(p, "Actions")), "the actions")) {
      long long order = 1;
      const NodeId run_order = d.get(a, key(p, "RunOrder"));
      if (run_order != syntax::kNoNode) {
        const std::string text = import_value(d, run_order).text.value_or(PipeText::literal("1")).literal_text();
        try {
          order = std::stoll(text);
        } catch (...) {
          order = 1;
        }
      }
      actions.emplace_back(order, a);
    }
    std::stable_sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < actions.size();) {
      std::size_t end = i;
      while (end < actions.size() && actions[end].first == actions[i].first) ++end;
      if (end - i == 1) {
        out.children.push_back(action(p, actions[i].second));
      } else {
        PipeStatement parallel;
        parallel.head = "parallel";
        parallel.block = true;
        for (std::size_t j = i; j < end; ++j) parallel.children.push_back(action(p, actions[j].second));
        out.children.push_back(std::move(parallel));
      }
      i = end;
    }
    out.inline_block = out.children.size() == 1 && out.children.front().head.rfind("parallel", 0) != 0;
    return out;
  }

  // The action's kind; for a project of the template that pipec writes,
  // the kind whose settings write it (docker, imagedefinitions, codebuild
  // with commands) and those settings.
  const dsl::ActionKind* kind_of(const model::Pipeline& p, NodeId action, std::optional<GeneratedProject>& generated) {
    const Document& d = doc(p);
    const NodeId type = d.get(action, key(p, "ActionTypeId"));
    const auto part = [&](std::string_view k) { return std::string(d.string(d.get(type, key(p, k)))); };
    const std::string category = part("Category"), owner = part("Owner"), provider = part("Provider"), version = part("Version");
    generated.reset();
    if (p.dialect == model::Dialect::cloudformation && provider == "CodeBuild" && owner == "AWS" && version == "1" &&
        (category == "Build" || category == "Test")) {
      const NodeId project = d.get(d.get(action, "Configuration"), "ProjectName");
      const auto ref = referenced_resource(d, project);
      const NodeId props = ref && ref->second.empty() ? resource_node(d, ref->first, "AWS::CodeBuild::Project") : syntax::kNoNode;
      if (props != syntax::kNoNode) {
        ProjectAction a;
        a.pipeline = pipeline_name(p);
        a.action = std::string(d.string(d.get(action, "Name")));
        a.test = category == "Test";
        for (const NodeId input : d.items(d.get(action, "InputArtifacts"))) a.inputs.emplace_back(d.string(d.get(input, "Name")));
        const std::function<std::string(const PipeText&)> text = [this](const PipeText& t) { return value_text(t); };
        generated = generated_project(d, props, a, text);
        if (generated) return generated->kind;
      }
    }
    for (const auto& k : dsl::action_kinds()) {
      if (k.category == category && k.owner == owner && k.provider == provider && k.version == version) return &k;
    }
    return nullptr;
  }

  std::string artifacts(const model::Pipeline& p, NodeId list, PipeStatement& at) {
    const Document& d = doc(p);
    std::vector<std::string> names;
    for (const NodeId item : this->list(at, d, list, "the artifacts")) {
      const NodeId n = d.get(item, key(p, "Name"));
      if (!d.is(n, NodeKind::string)) {
        not_expressible(at, d.node(item).span, "an artifact without a literal name");
        continue;
      }
      names.push_back(emit::pipe_name(d.node(n).text));
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : ", ") + names[i];
    return out;
  }

  PipeStatement action(const model::Pipeline& p, NodeId action) {
    const Document& d = doc(p);
    PipeStatement out;
    const NodeId name = d.get(action, key(p, "Name"));
    if (model::is_intrinsic(d, action)) {
      not_expressible(out, d.node(action).span, fmt::format("an action given as {}", describe_intrinsic(d, action)));
      return out;
    }
    const std::string action_name = d.is(name, NodeKind::string) ? std::string(d.node(name).text) : "Action";
    std::optional<GeneratedProject> project;
    const dsl::ActionKind* kind = kind_of(p, action, project);
    const bool generated = project.has_value();
    if (kind == nullptr) {
      const NodeId type = d.get(action, key(p, "ActionTypeId"));
      std::vector<std::string> parts;
      for (const char* k : {"Category", "Owner", "Provider", "Version"}) parts.emplace_back(d.string(d.get(type, key(p, k))));
      not_expressible(out, d.node(action).span,
                      fmt::format("action {} of type {}: the language has no kind for it", util::quote(action_name),
                                  fmt::format("{}/{}/{}/{}", parts[0], parts[1], parts[2], parts[3])));
      return out;
    }
    out.head = std::string(kind->word) + " " + emit::pipe_name(action_name);
    if (!d.is(name, NodeKind::string)) not_expressible(out, d.node(action).span, "an action without a literal name");
    std::vector<PipeStatement> settings;
    if (project) {
      for (auto& s : project->settings) settings.push_back(std::move(s));
    }
    configuration(p, *kind, generated, action, settings, out);
    const std::set<std::string, std::less<>> known = {key(p, "Name"), key(p, "ActionTypeId"), key(p, "RunOrder"), key(p, "Configuration"),
                                         key(p, "InputArtifacts"), key(p, "OutputArtifacts"), key(p, "Region"),
                                         key(p, "Namespace"), key(p, "RoleArn"), key(p, "TimeoutInMinutes")};
    for (const char* k : {"Region", "Namespace", "RoleArn"}) {
      const NodeId v = d.get(action, key(p, k));
      if (v == syntax::kNoNode) continue;
      PipeStatement s;
      const std::string word = std::string(k) == "RoleArn" ? "role" : util::ascii_lowered(k);
      if (auto text = value(s, d, v, fmt::format("the action's {}", word))) s.head = word + " " + *text;
      settings.push_back(std::move(s));
    }
    if (const NodeId timeout = d.get(action, key(p, "TimeoutInMinutes")); timeout != syntax::kNoNode) {
      PipeStatement s;
      const std::string text = import_value(d, timeout).text.value_or(PipeText::literal("")).literal_text();
      if (kind->word == std::string_view("approval") && emit::is_pipe_number(text) && text.find_first_of("-.") == std::string::npos) {
        s.head = "timeout " + text;
      } else {
        not_expressible(s, d.node(timeout).span, fmt::format("a timeout of {} minutes on a {} action", text, kind->word));
      }
      settings.push_back(std::move(s));
    }
    for (const auto& m : d.members(action)) {
      if (known.contains(m.key)) continue;
      PipeStatement s;
      not_expressible(s, m.key_span, fmt::format("action setting {}", util::quote(m.key)));
      settings.push_back(std::move(s));
    }
    if (!settings.empty()) {
      out.block = true;
      out.inline_block = true;
      out.children = std::move(settings);
    }
    const std::string inputs = artifacts(p, d.get(action, key(p, "InputArtifacts")), out);
    const std::string outputs = artifacts(p, d.get(action, key(p, "OutputArtifacts")), out);
    if (!inputs.empty()) out.tail += " " + inputs;
    if (!outputs.empty()) out.tail += " -> " + outputs;
    return out;
  }

  // CodePipeline's configuration as the kind's settings.
  void configuration(const model::Pipeline& p, const dsl::ActionKind& kind, bool generated, NodeId action,
                     std::vector<PipeStatement>& settings, PipeStatement& at) {
    const Document& d = doc(p);
    const NodeId config = d.get(action, key(p, "Configuration"));
    if (config != syntax::kNoNode && !d.is(config, NodeKind::object)) {
      not_expressible(at, d.node(config).span, fmt::format("the configuration is {}", describe_intrinsic(d, config)));
      return;
    }
    std::map<std::string, NodeId> entries;
    for (const auto& m : d.members(config)) entries[std::string(m.key)] = m.value;
    std::set<std::string, std::less<>> used;
    const auto take = [&](const std::string& k) -> NodeId {
      const auto it = entries.find(k);
      if (it == entries.end()) return syntax::kNoNode;
      used.insert(k);
      return it->second;
    };
    for (const auto& m : d.members(config)) {
      if (used.contains(m.key)) continue;
      PipeStatement s;
      const std::string k(m.key);
      if (generated && k == "ProjectName") {
        used.insert(k);
        continue;
      }
      // The first input, which pipec makes the primary source of a step
      // with several.
      if (generated && k == "PrimarySource" && kind.word == std::string_view("imagedefinitions")) {
        const NodeId first = d.items(d.get(action, key(p, "InputArtifacts"))).empty()
                                 ? syntax::kNoNode
                                 : d.get(d.items(d.get(action, key(p, "InputArtifacts")))[0], key(p, "Name"));
        if (first != syntax::kNoNode && d.is(m.value, NodeKind::string) && d.string(m.value) == d.string(first)) {
          used.insert(k);
          continue;
        }
      }
      if (k == "TaskDefinitionTemplateArtifact" || k == "AppSpecTemplateArtifact" || k == "TaskDefinitionTemplatePath" ||
          k == "AppSpecTemplatePath") {
        const bool taskdef = k.starts_with("TaskDefinition");
        const std::string prefix = taskdef ? "TaskDefinitionTemplate" : "AppSpecTemplate";
        const NodeId artifact = take(prefix + "Artifact");
        const NodeId path = take(prefix + "Path");
        if (kind.word != std::string_view("blue-green") || !d.is(artifact, NodeKind::string)) {
          not_expressible(s, m.key_span, fmt::format("configuration {} without {}", util::quote(k), util::quote(prefix + "Artifact")));
        } else {
          std::string head = std::string(taskdef ? "taskdef " : "appspec ") + emit::pipe_name(d.node(artifact).text);
          if (path != syntax::kNoNode) {
            if (auto v = value(s, d, path, "the template path")) head += " " + emit::pipe_string(*import_value(d, path).text);
          }
          s.head = head;
        }
        settings.push_back(std::move(s));
        continue;
      }
      if (k.starts_with("Image") && (k.ends_with("ArtifactName") || k.ends_with("ContainerName")) && kind.word == std::string_view("blue-green")) {
        // Image<N>: the language numbers them in the order written.
        const std::string n = k.substr(5, k.size() - 5 - (k.ends_with("ArtifactName") ? 12 : 13));
        const NodeId artifact = take("Image" + n + "ArtifactName");
        const NodeId placeholder = take("Image" + n + "ContainerName");
        const int expected = ++images_;
        if (n != std::to_string(expected) || !d.is(artifact, NodeKind::string)) {
          not_expressible(s, m.key_span, fmt::format("configuration {}: images are numbered 1 to 4 in the order written", util::quote(k)));
        } else if (placeholder == syntax::kNoNode) {
          // The language's `image ARTIFACT "PLACEHOLDER"` names both.
          not_expressible(s, m.key_span, fmt::format("configuration {} without {}", util::quote("Image" + n + "ArtifactName"),
                                                     util::quote("Image" + n + "ContainerName")));
        } else if (auto v = value(s, d, placeholder, "the image placeholder")) {
          s.head = "image " + emit::pipe_name(d.node(artifact).text) + " " + *v;
        }
        settings.push_back(std::move(s));
        continue;
      }
      used.insert(k);
      const dsl::SettingInfo* info = nullptr;
      for (const auto& candidate : kind.settings) {
        if (candidate.key == k && !candidate.key.empty()) info = &candidate;
      }
      if (info == nullptr || info->key == "timeoutInMinutes") {
        not_expressible(s, m.key_span, fmt::format("configuration {} of a {} action", util::quote(k), kind.word));
        settings.push_back(std::move(s));
        continue;
      }
      if (k == "EnvironmentVariables") {
        environment(p, m.value, s);
        settings.push_back(std::move(s));
        continue;
      }
      const ImportedValue r = import_value(d, m.value);
      if (!r.text) {
        not_expressible(s, d.node(m.value).span, fmt::format("{}: {}", info->word, r.why));
        settings.push_back(std::move(s));
        continue;
      }
      const std::string text = r.text->literal_text();
      switch (info->type) {
        case dsl::ValueType::boolean:
          if (r.text->is_literal() && (text == "true" || text == "false")) s.head = std::string(info->word) + " " + text;
          break;
        case dsl::ValueType::number:
          if (r.text->is_literal() && emit::is_pipe_number(text) && text.find_first_of("-.") == std::string::npos) {
            s.head = std::string(info->word) + " " + text;
          }
          break;
        case dsl::ValueType::choice:
          for (const auto& c : info->choices) {
            if (r.text->is_literal() && c.value == text) s.head = std::string(info->word) + " " + std::string(c.word);
          }
          break;
        case dsl::ValueType::text: s.head = std::string(info->word) + " " + value_text(*r.text); break;
      }
      if (s.head.empty()) {
        not_expressible(s, d.node(m.value).span, fmt::format("{} {}: not a value {} takes", info->word, util::quote(text), info->word));
      }
      settings.push_back(std::move(s));
    }
    images_ = 0;
    // In the order docs/dsl.md lists the kind's settings (required first);
    // what the language cannot say after them.
    const auto rank = [&](const PipeStatement& st) {
      const std::string word = st.head.substr(0, st.head.find(' '));
      for (std::size_t i = 0; i < kind.settings.size(); ++i) {
        if (!st.head.empty() && kind.settings[i].word == word) return i;
      }
      return kind.settings.size();
    };
    std::stable_sort(settings.begin(), settings.end(), [&](const PipeStatement& a, const PipeStatement& b) { return rank(a) < rank(b); });
  }

  // EnvironmentVariables, a JSON string: env { NAME "value" … } when every
  // variable is PLAINTEXT (the only type the language writes).
  void environment(const model::Pipeline& p, NodeId node, PipeStatement& s) {
    const Document& d = doc(p);
    const ImportedValue r = import_value(d, node);
    const auto refuse = [&](const std::string& why) { not_expressible(s, d.node(node).span, "env: " + why); };
    if (!r.text) return refuse(r.why);
    // Pseudo-parameters (a template's !Sub) are read as the ${name} they are
    // written as, and split out of each value again below.
    for (const auto& piece : r.text->pieces) {
      if (!piece.reference && piece.text.find("${") != std::string::npos) return refuse("EnvironmentVariables holds a literal ${");
    }
    const auto json = nlohmann::json::parse(r.text->literal_text(), nullptr, false);
    if (!json.is_array()) return refuse("EnvironmentVariables is not a JSON array");
    s.head = "env";
    s.block = true;
    for (const auto& item : json) {
      if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("value") || !item["value"].is_string() ||
          item.size() > 3 || (item.size() == 3 && item.value("type", "") != "PLAINTEXT") || (item.size() == 3 && !item.contains("type"))) {
        s.block = false;
        s.head.clear();
        s.children.clear();
        return refuse("a variable that is not PLAINTEXT {name, value}");
      }
      PipeStatement pair;
      pair.head = emit::pipe_name(item["name"].get<std::string>()) + " " + value_text(with_pseudo(item["value"].get<std::string>()));
      s.children.push_back(std::move(pair));
    }
  }

  // -- rules -------------------------------------------------------------------

  std::optional<PipeStatement> rule(const model::TargetSet& set) {
    if (!set.event_rule) return std::nullopt;
    const model::EventRule& r = ws_.event_rules[*set.event_rule];
    const Document& d = *r.document;
    const bool cfn = r.dialect == model::Dialect::cloudformation;
    PipeStatement out;
    out.block = true;
    const std::string name = r.name ? r.name->value : r.logical_id ? r.logical_id->value : "rule";
    out.head = "rule " + emit::pipe_name(name);
    if (!r.name) unnamed(out, d, d.get(r.node, "Name"), r.logical_id, r.span, "rule", name);
    const auto k = [&](std::string_view pascal) { return std::string(pascal); };
    const NodeId node = r.node;
    const std::set<std::string, std::less<>> known = {"Name", "Description", "State", "EventBusName", "EventPattern", "Targets"};
    for (const auto& m : d.members(node)) {
      if (known.contains(m.key)) continue;
      PipeStatement s;
      not_expressible(s, m.key_span, fmt::format("rule setting {}", util::quote(m.key)));
      out.children.push_back(std::move(s));
    }
    // `from account`: the accounts the pattern requires, each with the bus
    // policy pipec writes for it, are said once and left out of the pattern.
    const std::vector<std::string> senders = cfn && r.pattern ? from_accounts(d, node, *r.pattern) : std::vector<std::string>{};
    for (const auto& account : senders) {
      PipeStatement s;
      s.head = "from account " + value_text(PipeText::literal(account));
      out.children.push_back(std::move(s));
    }
    if (r.pattern) {
      pattern(*r.pattern, out, !senders.empty());
    } else if (const NodeId pattern = d.get(node, "EventPattern"); pattern != syntax::kNoNode) {
      PipeStatement s;
      not_expressible(s, d.node(pattern).span, "an event pattern pipec cannot read");
      out.children.push_back(std::move(s));
    }
    for (const auto& t : set.targets) target(set, t, cfn, name, out);
    if (set.targets.empty()) {
      PipeStatement s;
      not_expressible(s, r.span, fmt::format("rule {} has no targets: a rule of the language starts a pipeline", util::quote(name)));
      out.children.push_back(std::move(s));
    }
    if (const NodeId v = d.get(node, k("Description")); v != syntax::kNoNode) {
      PipeStatement s;
      if (auto text = value(s, d, v, "the description")) s.head = "description " + *text;
      out.children.push_back(std::move(s));
    }
    // ENABLED is what both the API and the language take when none is said.
    if (const NodeId v = d.get(node, k("State")); v != syntax::kNoNode && d.string(v) != "ENABLED") {
      PipeStatement s;
      if (d.string(v) == "DISABLED") {
        s.head = "state disabled";
      } else {
        not_expressible(s, d.node(v).span, fmt::format("rule state {}", util::quote(d.string(v))));
      }
      out.children.push_back(std::move(s));
    }
    if (const NodeId v = d.get(node, k("EventBusName")); v != syntax::kNoNode) {
      PipeStatement s;
      if (auto text = value(s, d, v, "the event bus")) s.head = "bus " + *text;
      out.children.push_back(std::move(s));
    }
    return out;
  }

  void target(const model::TargetSet& set, const model::Target& t, bool cfn, const std::string& rule_name, PipeStatement& out) {
    const Document& d = *set.document;
    PipeStatement s;
    const auto targeted = ws_.targeted_pipeline(set, t);
    std::optional<std::size_t> index;
    if (targeted) {
      for (std::size_t i = 0; i < ws_.pipelines.size(); ++i) {
        if (&ws_.pipelines[i] == targeted->pipeline) index = i;
      }
    }
    if (!index) {
      if (service_target(set, t, out)) return;
      const std::string arn = t.arn ? t.arn->value : describe_intrinsic(d, d.get(t.node, "Arn"));
      not_expressible(s, t.span, fmt::format("a target that is not a pipeline of these files ({})", arn));
      out.children.push_back(std::move(s));
      return;
    }
    const std::string& pipeline = names_[*index];
    s.head = "start " + emit::pipe_name(pipeline);
    std::vector<PipeStatement> items;
    if (const NodeId id = d.get(t.node, "Id"); id != syntax::kNoNode && d.string(id) != pipeline) {
      PipeStatement i;
      if (auto text = value(i, d, id, "the target id")) i.head = "id " + *text;
      items.push_back(std::move(i));
    }
    if (const NodeId role = d.get(t.node, "RoleArn"); role != syntax::kNoNode) {
      PipeStatement i;
      const auto ref = referenced_resource(d, role);
      const NodeId props = ref && cfn ? resource_node(d, ref->first, "AWS::IAM::Role") : syntax::kNoNode;
      const std::string expected = (rule_name + "-events").substr(0, 64);
      if (ref && cfn) {
        // The role pipec writes for the rule: no `role` line.
        if (props == syntax::kNoNode || ref->second != "Arn" || d.string(d.get(props, "RoleName")) != expected) {
          not_expressible(i, d.node(role).span,
                          fmt::format("the target's role is {}, not the role pipec writes for the rule (named {})",
                                      describe_intrinsic(d, role), util::quote(expected)));
        }
      } else if (auto text = value(i, d, role, "the target's role")) {
        i.head = "role " + *text;
      }
      if (!i.head.empty() || !i.comments.empty()) items.push_back(std::move(i));
    }
    for (const char* k : {"Input", "InputPath"}) {
      if (const NodeId v = d.get(t.node, k); v != syntax::kNoNode) {
        PipeStatement i;
        not_expressible(i, d.node(v).span, fmt::format("the target's {}", k));
        items.push_back(std::move(i));
      }
    }
    for (const auto& m : d.members(t.node)) {
      if (m.key == "Id" || m.key == "Arn" || m.key == "RoleArn" || m.key == "Input" || m.key == "InputPath" || m.key == "InputTransformer") continue;
      PipeStatement i;
      not_expressible(i, m.key_span, fmt::format("target setting {}", util::quote(m.key)));
      items.push_back(std::move(i));
    }
    if (t.transformer) transformer(ws_.transformers[*t.transformer], items);
    // Comments cannot sit inside a one-line block: put them above it.
    bool comments = false;
    for (const auto& i : items) comments = comments || !i.comments.empty();
    if (comments) {
      for (auto& i : items) {
        for (auto& c : i.comments) s.comments.push_back(std::move(c));
        i.comments.clear();
      }
    }
    items.erase(std::remove_if(items.begin(), items.end(), [](const PipeStatement& i) { return i.head.empty(); }), items.end());
    if (!items.empty()) {
      s.block = true;
      s.inline_block = true;
      s.children = std::move(items);
    }
    out.children.push_back(std::move(s));
  }

  // An SNS topic (`notify`) or a Lambda function (`invoke`): by name when
  // its ARN is the one of that name in the stack's own account and Region.
  bool service_target(const model::TargetSet& set, const model::Target& t, PipeStatement& out) {
    const Document& d = *set.document;
    const ImportedValue arn = import_value(d, d.get(t.node, "Arn"));
    if (!arn.text) return false;
    const std::string text = arn.text->literal_text();
    const auto split = text.starts_with("arn:") ? aws::split_arn(text) : std::nullopt;
    if (!split || (split->service != "sns" && split->service != "lambda")) return false;
    const bool lambda = split->service == "lambda";
    PipeStatement s;
    const std::string local = lambda ? "arn:${partition}:lambda:${region}:${account}:function:" : "arn:${partition}:sns:${region}:${account}:";
    dsl::ir::ServiceTarget target;
    target.service = lambda ? dsl::ir::ServiceTarget::Service::lambda : dsl::ir::ServiceTarget::Service::sns;
    PipeText written = *arn.text;
    if (text.starts_with(local) && text.find_first_of(":$", local.size()) == std::string::npos) {
      written = PipeText::literal(text.substr(local.size()));
      target.arn = dsl::ir::Text::literal(text.substr(local.size()));
    } else {
      for (const auto& piece : arn.text->pieces) {
        dsl::ir::Text part = dsl::ir::Text::literal(piece.text);
        for (const auto pseudo : {dsl::ir::Pseudo::account, dsl::ir::Pseudo::region, dsl::ir::Pseudo::partition}) {
          if (piece.reference && dsl::ir::pseudo_name(pseudo) == piece.text) part = dsl::ir::Text::pseudo(pseudo);
        }
        target.arn = dsl::ir::Text::concat({target.arn, part});
      }
    }
    s.head = std::string(lambda ? "invoke " : "notify ") + emit::pipe_string(with_lets(written));
    std::vector<PipeStatement> items;
    if (const NodeId id = d.get(t.node, "Id"); id != syntax::kNoNode && d.string(id) != emit::service_target_id(target)) {
      PipeStatement i;
      if (auto v = value(i, d, id, "the target id")) i.head = "id " + *v;
      items.push_back(std::move(i));
    }
    for (const auto& m : d.members(t.node)) {
      if (m.key == "Id" || m.key == "Arn") continue;
      PipeStatement i;
      not_expressible(i, m.key_span, fmt::format("{} target setting {}", lambda ? "a Lambda" : "an SNS", util::quote(m.key)));
      items.push_back(std::move(i));
    }
    for (auto& i : items) {
      for (auto& c : i.comments) s.comments.push_back(std::move(c));
      i.comments.clear();
    }
    std::erase_if(items, [](const PipeStatement& i) { return i.head.empty(); });
    if (!items.empty()) {
      s.block = true;
      s.inline_block = true;
      s.children = std::move(items);
    }
    out.children.push_back(std::move(s));
    return true;
  }

  // An input transformer that pipec writes: sourceRevisions and variables
  // whose values are placeholders of InputPathsMap.
  void transformer(const model::InputTransformer& t, std::vector<PipeStatement>& items) {
    PipeStatement s;
    std::map<std::string, PipeText> paths;
    for (const auto& p : t.paths) {
      paths[p.key.value] = PipeText::literal(p.path.value);
    }
    if (t.paths_unresolved) {
      not_expressible(s, t.span, "an InputPathsMap given by an intrinsic function");
      items.push_back(std::move(s));
      return;
    }
    if (!t.input_template) {
      not_expressible(s, t.span, "an input transformer without an InputTemplate");
      items.push_back(std::move(s));
      return;
    }
    const source::Span at = t.input_template->literal;
    const auto json = nlohmann::json::parse(t.input_template->text(ws_.sources), nullptr, false);
    if (!json.is_object()) {
      not_expressible(s, at, "an InputTemplate that is not a JSON object of sourceRevisions and variables");
      items.push_back(std::move(s));
      return;
    }
    const auto placeholder = [&](const nlohmann::json& v) -> std::optional<std::string> {
      if (!v.is_string()) return std::nullopt;
      const std::string text = v.get<std::string>();
      if (text.size() < 3 || text.front() != '<' || text.back() != '>') return std::nullopt;
      const std::string name = text.substr(1, text.size() - 2);
      if (!paths.contains(name)) return std::nullopt;
      return name;
    };
    for (const auto& [member, value] : json.items()) {
      if (member == "sourceRevisions" && value.is_array()) {
        for (const auto& rev : value) {
          PipeStatement i;
          const auto key = rev.is_object() && rev.contains("revisionValue") ? placeholder(rev["revisionValue"]) : std::nullopt;
          const model::RevisionType* type =
              rev.is_object() && rev.contains("revisionType") && rev["revisionType"].is_string()
                  ? model::find_revision_type(rev["revisionType"].get<std::string>())
                  : nullptr;
          if (!key || type == nullptr || !rev.contains("actionName") || !rev["actionName"].is_string() || rev.size() != 3) {
            not_expressible(i, at, fmt::format("a source revision {} that is not an action, a revision type and a placeholder", rev.dump()));
          } else {
            const std::string path = paths.at(*key).literal_text();
            i.head = fmt::format("revision {} = {}", emit::pipe_name(rev["actionName"].get<std::string>()), type->word);
            if (path != type->event_path) i.head += " from " + value_text(paths.at(*key));
          }
          items.push_back(std::move(i));
        }
      } else if (member == "variables" && value.is_array()) {
        for (const auto& var : value) {
          PipeStatement i;
          const auto key = var.is_object() && var.contains("value") ? placeholder(var["value"]) : std::nullopt;
          if (!key || !var.contains("name") || !var["name"].is_string() || var.size() != 2) {
            not_expressible(i, at, fmt::format("a variable {} whose value is not one placeholder", var.dump()));
          } else {
            i.head = fmt::format("variable {} = {}", emit::pipe_name(var["name"].get<std::string>()), value_text(paths.at(*key)));
          }
          items.push_back(std::move(i));
        }
      } else {
        PipeStatement i;
        not_expressible(i, at, fmt::format("{} in the InputTemplate", util::quote(member)));
        items.push_back(std::move(i));
      }
    }
  }

  // The accounts a rule's pattern requires in "account", when the template
  // has, for each, the EventBusPolicy `from account` writes on the rule's
  // bus; else none (the pattern then says "account" itself).
  std::vector<std::string> from_accounts(const Document& d, NodeId rule, const model::PatternRef& pattern) {
    std::vector<std::string> accounts;
    const Document& p = *pattern.document;
    for (const NodeId item : p.items(p.get(pattern.root, "account"))) {
      if (!p.is(item, NodeKind::string)) return {};
      accounts.emplace_back(p.string(item));
    }
    if (accounts.empty()) return {};
    const NodeId bus_node = d.get(rule, "EventBusName");
    const std::string bus = bus_node == syntax::kNoNode ? "default" : std::string(d.string(bus_node));
    std::set<std::string> allowed;
    for (const auto& m : d.members(d.get(d.root(), "Resources"))) {
      if (d.string(d.get(m.value, "Type")) != "AWS::Events::EventBusPolicy") continue;
      const NodeId props = d.get(m.value, "Properties");
      const NodeId statement = d.get(props, "Statement");
      if (std::string(d.string(d.get(props, "EventBusName"))) != bus || d.string(d.get(statement, "Action")) != "events:PutEvents") continue;
      // arn:${AWS::Partition}:iam::ACCOUNT:root, as a !Sub or written out
      const ImportedValue principal = import_value(d, d.get(d.get(statement, "Principal"), "AWS"));
      std::string text;  // as written, before the import's own constants
      if (principal.text) {
        for (const auto& piece : principal.text->pieces) text += piece.reference ? "${" + piece.text + "}" : piece.text;
      }
      const auto at = text.find(":iam::");
      if (at == std::string::npos || !text.ends_with(":root")) continue;
      allowed.insert(text.substr(at + 6, text.size() - at - 6 - 5));
    }
    for (const auto& a : accounts) {
      if (!allowed.contains(a)) return {};
    }
    return accounts;
  }

  void pattern(const model::PatternRef& ref, PipeStatement& out, bool accounts_said = false) {
    ImportPatternHooks hooks;
    if (accounts_said) hooks.written_elsewhere.insert("account");
    hooks.not_expressible = [this](PipeStatement& at, source::Span where, const std::string& what) { not_expressible(at, where, what); };
    hooks.text = [this](const PipeText& text) { return value_text(text); };
    hooks.value = [this](const Document& d, NodeId node) { return import_value(d, node); };
    out.children.push_back(import_pattern(*ref.document, ref.root, hooks));
  }

  // -- template parameters and outputs ------------------------------------------

  // A template as written: the loaders keep it with what its parameters'
  // defaults resolve to, which import reads back as the parameters.
  struct Written {
    syntax::Document document;
    std::map<std::pair<std::uint32_t, std::uint32_t>, NodeId> by_span;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> defaults;  ///< a Default's span -> its parameter
  };

  const Written* written(const Document& d) {
    if (d.file() == source::kNoFile || d.get(d.root(), "Resources") == syntax::kNoNode) return nullptr;
    if (const auto it = written_.find(d.file()); it != written_.end()) return it->second.get();
    const auto& source = ws_.sources.file(d.file());
    auto w = std::make_unique<Written>();
    w->document = syntax::is_yaml_file(source::file_name(source.path()), source.text()) ? syntax::read_yaml(ws_.sources, d.file()).document
                                                                                         : syntax::read_json(ws_.sources, d.file()).document;
    const Document& doc = w->document;
    for (NodeId i = 0; i < doc.size(); ++i) {
      const auto key = std::pair{doc.node(i).span.begin, doc.node(i).span.end};
      const auto [it, added] = w->by_span.emplace(key, i);
      if (!added && doc.is(i, NodeKind::object)) it->second = i;
    }
    for (const auto& m : doc.members(doc.get(doc.root(), "Parameters"))) {
      if (doc.string(doc.get(m.value, "Type")) != "String") continue;
      parameters_.emplace(m.key);
      if (const NodeId def = doc.get(m.value, "Default"); def != syntax::kNoNode) {
        w->defaults[{doc.node(def).span.begin, doc.node(def).span.end}] = m.key;
      }
    }
    order_of_files_.push_back(d.file());
    return written_.emplace(d.file(), std::move(w)).first->second.get();
  }

  // A value as written: a parameter's Default read back as the parameter,
  // a !Sub of parameters as the ${Name}s it holds.
  ImportedValue import_value(const Document& d, NodeId node) {
    if (node != syntax::kNoNode) {
      if (const Written* w = written(d); w != nullptr && d.node(node).span.file == d.file()) {
        const auto key = std::pair{d.node(node).span.begin, d.node(node).span.end};
        if (const auto def = w->defaults.find(key); def != w->defaults.end()) return ImportedValue{PipeText::reference(def->second), ""};
        if (const auto at = w->by_span.find(key); at != w->by_span.end() && w->document.is(at->second, NodeKind::object)) {
          return driver::import_value(w->document, at->second, &parameters_);
        }
      }
    }
    return driver::import_value(d, node, &parameters_);
  }

  // `parameter NAME = "default" [allowed […]] [description "…"]`.
  std::vector<PipeStatement> parameters() {
    std::vector<PipeStatement> out;
    std::set<std::string> seen;
    for (const auto file : order_of_files_) {
      const Document& d = written_.at(file)->document;
      for (const auto& m : d.members(d.get(d.root(), "Parameters"))) {
        PipeStatement s;
        const std::string type(d.string(d.get(m.value, "Type")));
        const NodeId def = d.get(m.value, "Default");
        if (!seen.emplace(m.key).second) continue;
        if (type != "String") {
          not_expressible(s, m.key_span, fmt::format("parameter {} of type {}", m.key, util::quote(type)));
        } else if (!d.is(def, NodeKind::string) && !d.is(def, NodeKind::number)) {
          not_expressible(s, m.key_span, fmt::format("parameter {} without a Default", m.key));
        } else {
          s.head = fmt::format("parameter {} = {}", emit::pipe_name(m.key), emit::pipe_string(d.node(def).text));
          if (const NodeId allowed = d.get(m.value, "AllowedValues"); allowed != syntax::kNoNode) {
            std::string list = "[";
            for (const NodeId v : d.items(allowed)) list += (list.size() == 1 ? "" : ", ") + emit::pipe_string(d.node(v).text);
            s.head += " allowed " + list + "]";
          }
          if (const NodeId desc = d.get(m.value, "Description"); d.is(desc, NodeKind::string)) {
            s.head += " description " + emit::pipe_string(d.node(desc).text);
          }
          for (const auto& o : d.members(m.value)) {
            if (o.key != "Type" && o.key != "Default" && o.key != "AllowedValues" && o.key != "Description") {
              not_expressible(s, o.key_span, fmt::format("parameter setting {}", util::quote(o.key)));
            }
          }
        }
        out.push_back(std::move(s));
      }
    }
    return out;
  }

  // `output NAME = value [description "…"]`, but for those pipec writes for
  // every pipeline and rule.
  std::vector<PipeStatement> outputs() {
    std::set<std::string, std::less<>> pipecs;
    for (const auto& n : names_) {
      const std::string stem = emit::logical_id_stem(n);
      for (const char* suffix : {"PipelineName", "PipelineArn", "PipelineRoleArn", "ArtifactBucketName"}) pipecs.insert(stem + suffix);
    }
    for (const auto& r : ws_.event_rules) {
      if (r.name) pipecs.insert(emit::logical_id_stem(r.name->value) + "RuleArn");
    }
    std::vector<PipeStatement> out;
    for (const auto file : order_of_files_) {
      const Document& d = written_.at(file)->document;
      for (const auto& m : d.members(d.get(d.root(), "Outputs"))) {
        if (pipecs.contains(m.key)) continue;
        PipeStatement s;
        const ImportedValue v = driver::import_value(d, d.get(m.value, "Value"), &parameters_);
        if (!v.text) {
          not_expressible(s, m.key_span, fmt::format("output {}: {}", m.key, v.why));
        } else {
          s.head = fmt::format("output {} = {}", emit::pipe_name(m.key), value_text(*v.text));
          if (const NodeId desc = d.get(m.value, "Description"); d.is(desc, NodeKind::string)) {
            s.head += " description " + emit::pipe_string(d.node(desc).text);
          }
          for (const auto& o : d.members(m.value)) {
            if (o.key != "Value" && o.key != "Description") not_expressible(s, o.key_span, fmt::format("output setting {}", util::quote(o.key)));
          }
        }
        out.push_back(std::move(s));
      }
    }
    return out;
  }

  std::map<source::FileId, std::unique_ptr<Written>> written_;
  std::vector<source::FileId> order_of_files_;
  std::set<std::string, std::less<>> parameters_;

  LintRun& run_;
  model::Workspace& ws_;
  bool counting_ = false;
  const std::map<std::string, std::string>& lets_;
  std::map<std::string, std::size_t> counts_;
  std::vector<std::string> order_;
  std::vector<std::string> names_;
  int images_ = 0;
};

}  // namespace

Import import_pipelines(const source::FileSystem& fs, const ImportRequest& request) {
  Import out;
  LintRequest lint_request;
  lint_request.paths = request.paths;
  lint_request.load.max_file_size = request.max_file_size;
  // Only what reading finds (CP0001-CP0009: unreadable files, syntax,
  // encoding, nesting, unknown kinds): the other rules' findings are
  // `pipec lint`'s to say.
  lint_request.rules.select = {"CP0001", "CP0002", "CP0003", "CP0004", "CP0005", "CP0006", "CP0007", "CP0008", "CP0009"};
  out.run = lint(fs, lint_request);
  if (out.run->unreadable()) {
    out.outcome = Import::Outcome::unreadable;
    return out;
  }
  if (out.run->has_errors()) {
    out.outcome = Import::Outcome::errors;
    return out;
  }
  if (out.run->workspace.pipelines.empty()) {
    out.outcome = Import::Outcome::nothing;
    return out;
  }
  // First pass: which account ids are named more than once.
  const std::map<std::string, std::string> none;
  Importer counting(*out.run, true, none);
  (void)counting.run();
  std::map<std::string, std::string> lets;
  std::vector<PipeStatement> top;
  int n = 0;
  for (const auto& id : counting.account_order()) {
    if (counting.account_counts().at(id) < 2) continue;
    const std::string name = fmt::format("account-{}", ++n);
    lets[id] = name;
    PipeStatement let;
    let.head = fmt::format("let {} = {}", name, emit::pipe_string(id));
    top.push_back(std::move(let));
  }
  Importer importer(*out.run, false, lets);
  for (auto& s : importer.run()) top.push_back(std::move(s));
  out.text = emit::print_pipe(top);
  diag::finalize(out.run->report);
  return out;
}

}  // namespace pipec::driver
