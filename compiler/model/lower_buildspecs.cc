#include "model/lower_buildspecs.h"

#include <algorithm>

#include "model/cloudformation.h"
#include "syntax/decoded_string.h"
#include "syntax/yaml/yaml_reader.h"

namespace pipec::model {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

// The text node of a BuildSpec: a string, or the text of an Fn::Sub.
NodeId buildspec_text(const Document& doc, NodeId value) {
  if (doc.is(value, NodeKind::string)) return value;
  if (!is_intrinsic(doc, value) || doc.members(value).front().key != "Fn::Sub") return syntax::kNoNode;
  const NodeId args = doc.members(value).front().value;
  if (doc.is(args, NodeKind::string)) return args;
  const auto items = doc.items(args);
  return !items.empty() && doc.is(items[0], NodeKind::string) ? items[0] : syntax::kNoNode;
}

void read_inline(Workspace& ws, LoadedFile& file, const Document& doc, NodeId source) {
  const NodeId text = buildspec_text(doc, doc.get(source, "BuildSpec"));
  if (text == syntax::kNoNode) return;
  // A path ("buildspec-release.yml", "arn:aws:s3:::…") names a file; YAML has lines.
  if (doc.node(text).text.find('\n') == std::string::npos) return;
  auto decoded = syntax::decode_string(ws.sources.file(doc.file()).text(), doc, text);
  const source::FileId inner = ws.sources.add_embedded(doc.file(), std::move(decoded.text), std::move(decoded.offsets));
  syntax::YamlResult parsed = syntax::read_yaml(ws.sources, inner);
  std::erase_if(parsed.issues, [](const syntax::Issue& i) { return i.cloudformation_only; });
  file.issues.insert(file.issues.end(), std::make_move_iterator(parsed.issues.begin()), std::make_move_iterator(parsed.issues.end()));
  const Document* kept = ws.keep(std::move(parsed.document));
  if (!kept->empty()) ws.buildspecs.push_back({kept, kept->root()});
}

}  // namespace

void lower_template_buildspecs(Workspace& ws, LoadedFile& file) {
  if (file.document == nullptr || file.document->empty()) return;
  const Document& doc = *file.document;
  for (const auto& r : template_resources(doc, "AWS::CodeBuild::Project")) {
    read_inline(ws, file, doc, doc.get(r.properties, "Source"));
    for (const NodeId s : doc.items(doc.get(r.properties, "SecondarySources"))) read_inline(ws, file, doc, s);
  }
}

}  // namespace pipec::model
