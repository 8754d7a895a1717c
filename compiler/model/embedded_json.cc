#include "model/embedded_json.h"

#include "syntax/decoded_string.h"
#include "syntax/json/json_reader.h"

namespace pipec::model {

const syntax::Document* read_embedded_json(Workspace& ws, LoadedFile& file, const syntax::Document& doc,
                                           syntax::NodeId string) {
  auto decoded = syntax::decode_string(ws.sources.file(doc.file()).text(), doc, string);
  const source::FileId inner = ws.sources.add_embedded(doc.file(), std::move(decoded.text), std::move(decoded.offsets));
  syntax::JsonResult parsed = syntax::read_json(ws.sources, inner);
  file.issues.insert(file.issues.end(), std::make_move_iterator(parsed.issues.begin()),
                     std::make_move_iterator(parsed.issues.end()));
  const syntax::Document* inner_doc = ws.keep(std::move(parsed.document));
  return inner_doc->empty() ? nullptr : inner_doc;
}

}  // namespace pipec::model
