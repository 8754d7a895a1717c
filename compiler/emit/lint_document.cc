#include "emit/lint_document.h"

namespace pipec::emit {

namespace ir = dsl::ir;
using ir::Json;

const std::map<std::string, std::string>& dsl_key_aliases() {
  static const std::map<std::string, std::string> aliases = [] {
    std::map<std::string, std::string> a{{"roleArn", "role"},          {"pipelineType", "type"},
                                         {"executionMode", "mode"},    {"artifactStore", "store"},
                                         {"artifactStores", "store"},  {"location", "store"},
                                         {"inputArtifacts", "inputs"}, {"outputArtifacts", "outputs"},
                                         {"runOrder", "order"},        {"timeoutInMinutes", "timeout"},
                                         {"configuration", "settings"}};
    for (const auto& kind : dsl::action_kinds()) {
      for (const auto& s : kind.settings) {
        if (!s.key.empty() && s.key.find('<') == std::string_view::npos) a.emplace(std::string(s.key), std::string(s.word));
      }
    }
    return a;
  }();
  return aliases;
}

namespace {

class DocumentBuilder {
 public:
  DocumentBuilder(source::FileId file, const dsl::Vars& vars) : doc_(file), vars_(vars) {
    doc_.set_synthetic();
    for (const auto& [key, alias] : dsl_key_aliases()) doc_.set_key_alias(key, alias);
  }

  // `parent` is where a value that carries no span of its own (pipec made
  // it, and nothing in the .pipe file asked for it in particular) is
  // reported: every node points into the file.
  syntax::NodeId build(const Json& j, source::Span parent) {
    syntax::Node node;
    node.span = j.span.valid() ? j.span : parent;
    switch (j.kind) {
      case Json::Kind::object: {
        node.kind = syntax::NodeKind::object;
        const syntax::NodeId id = doc_.add(std::move(node));
        std::vector<syntax::Member> members;
        for (const auto& m : j.members) {
          const source::Span key = m.key_span.valid() ? m.key_span : node_span(id);
          members.push_back({doc_.keep(m.key), key, build(m.value, key)});
        }
        doc_.attach_members(id, std::move(members));
        return id;
      }
      case Json::Kind::array: {
        node.kind = syntax::NodeKind::array;
        const syntax::NodeId id = doc_.add(std::move(node));
        std::vector<syntax::NodeId> items;
        for (const auto& item : j.items) items.push_back(build(item, node_span(id)));
        doc_.attach_items(id, std::move(items));
        return id;
      }
      case Json::Kind::text:
        node.kind = syntax::NodeKind::string;
        node.text = doc_.keep(j.text.resolve(vars_, true).value_or(""));
        break;
      case Json::Kind::number:
        node.kind = syntax::NodeKind::number;
        node.text = doc_.keep(j.text.pieces.front().literal);
        break;
      case Json::Kind::boolean:
        node.kind = syntax::NodeKind::boolean;
        node.boolean = j.text.pieces.front().literal == "true";
        break;
      case Json::Kind::null:
      case Json::Kind::ref:
      case Json::Kind::get_att: node.kind = syntax::NodeKind::null; break;
    }
    return doc_.add(std::move(node));
  }

  syntax::Document doc_;

 private:
  source::Span node_span(syntax::NodeId id) const { return doc_.node(id).span; }

  const dsl::Vars& vars_;
};

}  // namespace

syntax::Document to_document(const Json& json, source::FileId file, const dsl::Vars& vars) {
  DocumentBuilder builder(file, vars);
  builder.doc_.set_root(builder.build(json, source::Span{file, 0, 0}));
  return std::move(builder.doc_);
}

}  // namespace pipec::emit
