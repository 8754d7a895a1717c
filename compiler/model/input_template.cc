#include "model/input_template.h"

#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

}  // namespace

std::vector<Placeholder> find_placeholders(const source::SourceSet& sources, source::FileId file) {
  const std::string_view text = sources.file(file).text();
  std::vector<Placeholder> out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string && c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = !in_string;
      continue;
    }
    if (c != '<') continue;
    std::size_t j = i + 1;
    while (j < text.size() && is_name_char(text[j])) ++j;
    if (j == i + 1 || j >= text.size() || text[j] != '>') continue;
    out.push_back({std::string(text.substr(i + 1, j - i - 1)),
                   source::Span{file, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j + 1)}, in_string});
    i = j;
  }
  return out;
}

InputTemplate read_input_template(source::SourceSet& sources, const syntax::Document& document,
                                  syntax::NodeId literal) {
  const auto& node = document.node(literal);
  if (document.synthetic()) {
    // pipec wrote the template: its text is a file of its own whose every
    // position points at the statement that asked for it.
    return input_template_from(sources, sources.add_generated(std::string(node.text), node.span), node.span);
  }
  auto decoded = syntax::decode_string(sources.file(document.file()).text(), document, literal);
  const source::FileId file = sources.add_embedded(document.file(), std::move(decoded.text), std::move(decoded.offsets));
  return input_template_from(sources, file, node.span);
}

InputTemplate input_template_from(source::SourceSet& sources, source::FileId text_file, source::Span literal) {
  InputTemplate t;
  t.literal = literal;
  t.file = text_file;
  t.placeholders = find_placeholders(sources, t.file);

  // Fill the placeholders and map every byte of the result back to the
  // template, so a JSON error in the filled text points at the template.
  const std::string_view text = sources.file(t.file).text();
  std::string filled;
  std::vector<std::uint32_t> offsets;
  std::size_t at = 0;
  const auto copy = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      filled.push_back(text[k]);
      offsets.push_back(static_cast<std::uint32_t>(k));
    }
  };
  for (const auto& p : t.placeholders) {
    copy(at, p.span.begin);
    const std::string_view stand_in = p.quoted ? "x" : "null";
    for (const char c : stand_in) {
      filled.push_back(c);
      offsets.push_back(p.span.begin);
    }
    at = p.span.end;
  }
  copy(at, text.size());
  offsets.push_back(static_cast<std::uint32_t>(text.size()));
  const source::FileId filled_file = sources.add_embedded(t.file, std::move(filled), std::move(offsets));
  t.filled = syntax::read_json(sources, filled_file);
  return t;
}

}  // namespace pipec::model
