#include "aws/cfn_sub.h"

namespace pipec::aws {

std::string SubPiece::literal_text() const {
  if (kind == Kind::escaped) return "${" + std::string(text) + "}";
  return std::string(text);
}

std::vector<SubPiece> split_sub(std::string_view text) {
  std::vector<SubPiece> out;
  std::size_t plain = 0;  // where the literal run not yet taken starts
  for (std::size_t open = text.find("${"); open != std::string_view::npos; open = text.find("${", plain)) {
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;  // literal to the end
    if (open > plain) out.push_back({SubPiece::Kind::literal, text.substr(plain, open - plain), plain, open});
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (name.starts_with('!')) {
      out.push_back({SubPiece::Kind::escaped, name.substr(1), open, close + 1});
    } else {
      out.push_back({SubPiece::Kind::reference, name, open, close + 1});
    }
    plain = close + 1;
  }
  if (plain < text.size()) out.push_back({SubPiece::Kind::literal, text.substr(plain), plain, text.size()});
  return out;
}

}  // namespace pipec::aws
