#include "syntax/decoded_string.h"

#include <algorithm>

#include "syntax/yaml/yaml_text.h"

namespace pipec::syntax {

DecodedString decode_string(std::string_view source, const Document& document, NodeId string) {
  const Node& node = document.node(string);
  const source::Span span = node.span;
  const bool quoted = span.begin < source.size() && source[span.begin] == '"';
  // A JSON literal first when it looks like one: it is the common case, and
  // for text that neither decoder reproduces, what JSON readers always did.
  DecodedString json;
  if (quoted) {
    json = decode_string_literal(source, span);
    if (json.text == node.text) return json;
  }
  DecodedString yaml;
  yaml::decode_scalar(source, span.begin, span.end, -2, yaml.text, yaml.offsets);
  if (yaml.text == node.text) return yaml;
  if (quoted) return json;
  // Offsets along the span, clamped to its end.
  DecodedString out;
  out.text = node.text;
  out.mapped = false;
  const std::uint32_t first =
      span.begin +
      (span.size() > 0 && (source[span.begin] == '\'' || source[span.begin] == '|' || source[span.begin] == '>') ? 1
                                                                                                                 : 0);
  out.offsets.reserve(out.text.size() + 1);
  for (std::size_t i = 0; i <= out.text.size(); ++i) {
    out.offsets.push_back(std::min<std::uint32_t>(first + static_cast<std::uint32_t>(i), span.end));
  }
  return out;
}

}  // namespace pipec::syntax
