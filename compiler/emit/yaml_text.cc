#include "emit/yaml_text.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>

#include "emit/json_text.h"
#include "util/ascii.h"

namespace pipec::emit {

namespace {

using dsl::ir::Json;

bool plain_safe(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  static constexpr std::string_view kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
  const std::string lower = util::ascii_lowered(s);
  if (std::find(std::begin(kReserved), std::end(kReserved), lower) != std::end(kReserved)) return false;
  const char first = s.front();
  if (!(std::isalpha(static_cast<unsigned char>(first)) || first == '/' || first == '_')) return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:@ ,()*").find(c) != std::string_view::npos)) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
  }
  return true;
}

bool is_scalar(const Json& j) { return j.kind != Json::Kind::object && j.kind != Json::Kind::array; }
bool is_empty_collection(const Json& j) {
  return (j.kind == Json::Kind::object && j.members.empty()) || (j.kind == Json::Kind::array && j.items.empty());
}

class YamlWriter {
 public:
  std::string out;

  // A scalar (or an empty collection) as it follows "key: " or "- ".
  std::string inline_value(const Json& j, std::size_t indent) {
    switch (j.kind) {
      case Json::Kind::object: return "{}";
      case Json::Kind::array: return "[]";
      case Json::Kind::text: {
        if (j.text.has_pseudo()) return "!Sub " + yaml_quoted(sub_string(j.text));
        const std::string text = j.text.resolve({}, true).value_or("");
        if (text.find('\n') != std::string::npos) {
          // A block literal, indented under its key.
          std::string block = "|";
          if (text.back() != '\n') block += "-";
          std::size_t start = 0;
          while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            const std::string_view line = std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
            block += "\n" + (line.empty() ? std::string() : std::string(indent + 2, ' ') + std::string(line));
            if (end == std::string::npos) break;
            start = end + 1;
          }
          return block;
        }
        return yaml_scalar(text);
      }
      case Json::Kind::number:
      case Json::Kind::boolean: return j.text.pieces.front().literal;
      case Json::Kind::null: return "null";
      case Json::Kind::ref: return "!Ref " + j.text.pieces.front().literal;
      case Json::Kind::get_att: return "!GetAtt " + j.text.pieces.front().literal;
    }
    return "";
  }

  void members(const Json& j, std::size_t indent, bool first_inline) {
    for (std::size_t i = 0; i < j.members.size(); ++i) {
      const auto& m = j.members[i];
      if (!(i == 0 && first_inline)) out.append(indent, ' ');
      out += yaml_scalar(m.key) + ":";
      value_after_key(m.value, indent);
    }
  }

  void value_after_key(const Json& v, std::size_t indent) {
    if (is_scalar(v) || is_empty_collection(v)) {
      out += " " + inline_value(v, indent) + "\n";
    } else if (v.kind == Json::Kind::object) {
      out += "\n";
      members(v, indent + 2, false);
    } else {
      out += "\n";
      items(v, indent + 2);
    }
  }

  void items(const Json& j, std::size_t indent) {
    for (const auto& item : j.items) {
      out.append(indent, ' ');
      out += "-";
      if (is_scalar(item) || is_empty_collection(item)) {
        out += " " + inline_value(item, indent) + "\n";
      } else if (item.kind == Json::Kind::object) {
        out += " ";
        members(item, indent + 2, true);
      } else {
        out += "\n";
        items(item, indent + 2);
      }
    }
  }
};

}  // namespace

std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::string cloudformation_yaml(const Json& root) {
  YamlWriter writer;
  writer.members(root, 0, false);
  return writer.out;
}

std::string yaml_scalar(std::string_view s) { return plain_safe(s) ? std::string(s) : yaml_quoted(s); }

}  // namespace pipec::emit
