#include "model/image_uris.h"

#include "aws/image_uri.h"
#include "model/cloudformation.h"
#include "model/workspace.h"
#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

void add(std::vector<ImageUriRef>& out, const syntax::Document& doc, NodeId value, Kind kind) {
  if (!doc.is(value, NodeKind::string)) return;
  out.push_back({&doc, Text{std::string(doc.node(value).text), doc.node(value).span, value}, 0, kind});
}

// Literal ECR image URIs in the strings of a buildspec that mention
// imagedefinitions.json (a URI built from variables is not literal).
void buildspec_uris(std::vector<ImageUriRef>& out, const syntax::Document& doc, NodeId node, int depth) {
  if (depth > 64) return;
  if (doc.is(node, NodeKind::string)) {
    const std::string_view text = doc.node(node).text;
    if (text.find("imagedefinitions") == std::string::npos) return;
    for (const auto& uri : aws::find_ecr_image_uris(text)) {
      const std::size_t at = uri.at;
      if (at > 0 && (text[at - 1] == '$' || text[at - 1] == '{')) continue;
      out.push_back({&doc, Text{std::string(text.substr(at, uri.size)), doc.node(node).span, node}, at, Kind::buildspec});
    }
    return;
  }
  for (const NodeId item : doc.items(node)) buildspec_uris(out, doc, item, depth + 1);
  for (const auto& m : doc.members(node)) buildspec_uris(out, doc, m.value, depth + 1);
}

}  // namespace

void lower_image_uris(Workspace& ws) {
  std::vector<ImageUriRef>& out = ws.image_uris;
  for (const auto& f : ws.files) {
    if (f.document == nullptr || f.document->empty()) continue;
    const auto& doc = *f.document;
    switch (f.kind) {
      case Kind::image_definitions:
        for (const NodeId item : doc.items(doc.root())) add(out, doc, doc.get(item, "imageUri"), f.kind);
        break;
      case Kind::image_detail:
        add(out, doc, doc.get(doc.root(), "ImageURI"), f.kind);
        break;
      case Kind::cloudformation:
        for (const auto& r : template_resources(doc, "AWS::ECS::TaskDefinition")) {
          for (const NodeId c : doc.items(doc.get(r.properties, "ContainerDefinitions"))) add(out, doc, doc.get(c, "Image"), f.kind);
        }
        break;
      default: break;
    }
  }
  for (const auto& b : ws.buildspecs) {
    if (b.document != nullptr) buildspec_uris(out, *b.document, b.root, 0);
  }
}

source::Span ImageUriRef::part(const source::SourceSet& sources, std::size_t offset, std::size_t size) const {
  const auto& doc = *document;
  const auto decoded = syntax::decode_string(sources.file(doc.file()).text(), doc, uri.node);
  const std::size_t begin = at + offset;
  if (begin + size > decoded.text.size() || decoded.offsets.size() <= begin + size) return doc.node(uri.node).span;
  return {doc.file(), decoded.offsets[begin], decoded.offsets[begin + size]};
}

}  // namespace pipec::model
