#include "model/variable_references.h"

#include "syntax/decoded_string.h"

namespace pipec::model {

std::vector<VariableReference> find_variable_references(const source::SourceSet& sources,
                                                        const syntax::Document& document, syntax::NodeId string) {
  std::vector<VariableReference> out;
  if (!document.is(string, syntax::NodeKind::string)) return out;
  if (document.node(string).text.find("#{") == std::string::npos) return out;
  const auto file = document.file();
  const std::string_view source = sources.file(file).text();
  const auto decoded = syntax::decode_string(source, document, string);
  const std::string& t = decoded.text;
  // A value pipec composed from several tokens (a .pipe file's env block
  // becomes one JSON string) has no byte-by-byte map: find each reference as
  // written, in order, within the value's span.
  const auto& span = document.node(string).span;
  std::size_t written = span.begin;
  for (std::size_t at = t.find("#{"); at != std::string::npos; at = t.find("#{", at + 2)) {
    const auto close = t.find('}', at + 2);
    if (close == std::string::npos) break;
    VariableReference r;
    r.text = t.substr(at + 2, close - at - 2);
    const auto dot = r.text.find('.');
    r.has_dot = dot != std::string::npos;
    if (r.has_dot) {
      r.namespace_ = r.text.substr(0, dot);
      r.name = r.text.substr(dot + 1);
    }
    r.span = {file, decoded.offsets[at], decoded.offsets[close + 1]};
    if (!decoded.mapped) {
      const std::string as_written = "#{" + r.text + "}";
      const auto found = source.substr(0, span.end).find(as_written, written);
      if (found != std::string_view::npos) {
        r.span = {file, static_cast<std::uint32_t>(found), static_cast<std::uint32_t>(found + as_written.size())};
        written = found + as_written.size();
      }
    }
    out.push_back(std::move(r));
    at = close - 1;
  }
  return out;
}

}  // namespace pipec::model
