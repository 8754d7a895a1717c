#include "model/image_uris.h"

#include "model/cloudformation.h"
#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

void add(std::vector<ImageUriRef>& out, const syntax::Document& doc, NodeId value, Kind kind) {
  if (!doc.is(value, NodeKind::string)) return;
  out.push_back({&doc, Text{doc.node(value).text, doc.node(value).span, value}, kind});
}

}  // namespace

std::vector<ImageUriRef> image_uris(const Workspace& ws) {
  std::vector<ImageUriRef> out;
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
  return out;
}

source::Span part_of(const Workspace& ws, const syntax::Document& doc, NodeId string, std::size_t at, std::size_t size) {
  const auto decoded = syntax::decode_string(ws.sources.file(doc.file()).text(), doc, string);
  if (at + size > decoded.text.size() || decoded.offsets.size() <= at + size) return doc.node(string).span;
  return {doc.file(), decoded.offsets[at], decoded.offsets[at + size]};
}

}  // namespace pipec::model
