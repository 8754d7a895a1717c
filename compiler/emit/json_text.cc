#include "emit/json_text.h"

#include "util/json_string.h"

namespace pipec::emit {

namespace {

using dsl::ir::Json;

class Writer {
 public:
  explicit Writer(const JsonTextOptions& options) : options_(options) {}

  bool write(const Json& j, std::size_t indent) {
    switch (j.kind) {
      case Json::Kind::object: {
        if (j.members.empty()) {
          out += "{}";
          return true;
        }
        out += "{\n";
        for (std::size_t i = 0; i < j.members.size(); ++i) {
          out.append(indent + 2, ' ');
          util::write_json_string(j.members[i].key, out);
          out += ": ";
          if (!write(j.members[i].value, indent + 2)) return false;
          out += i + 1 < j.members.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += "}";
        return true;
      }
      case Json::Kind::array: {
        if (j.items.empty()) {
          out += "[]";
          return true;
        }
        out += "[\n";
        for (std::size_t i = 0; i < j.items.size(); ++i) {
          out.append(indent + 2, ' ');
          if (!write(j.items[i], indent + 2)) return false;
          out += i + 1 < j.items.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += "]";
        return true;
      }
      case Json::Kind::text: return text(j.text);
      case Json::Kind::number:
      case Json::Kind::boolean: out += j.text.pieces.front().literal; return true;
      case Json::Kind::null: out += "null"; return true;
      case Json::Kind::ref:
        if (!cloudformation()) {
          out += "null";  // only CloudFormation knows a resource of its template
          return true;
        }
        out += "{\"Ref\": ";
        util::write_json_string(j.text.pieces.front().literal, out);
        out += "}";
        return true;
      case Json::Kind::get_att: {
        if (!cloudformation()) {
          out += "null";
          return true;
        }
        const std::string& v = j.text.pieces.front().literal;
        const auto dot = v.find('.');
        out += "{\"Fn::GetAtt\": [";
        util::write_json_string(v.substr(0, dot), out);
        out += ", ";
        util::write_json_string(dot == std::string::npos ? "" : v.substr(dot + 1), out);
        out += "]}";
        return true;
      }
    }
    return true;
  }

  std::string out;
  const dsl::ir::Text::Piece* missing = nullptr;

 private:
  bool cloudformation() const { return options_.values == JsonTextOptions::Values::cloudformation; }

  bool text(const dsl::ir::Text& t) {
    if (cloudformation()) {
      if (t.has_pseudo()) {
        out += "{\"Fn::Sub\": ";
        util::write_json_string(sub_string(t), out);
        out += "}";
      } else {
        util::write_json_string(t.resolve({}, true).value_or(""), out);
      }
      return true;
    }
    static const dsl::Vars kNone;
    const dsl::Vars& vars = options_.vars != nullptr ? *options_.vars : kNone;
    const auto resolved = t.resolve(vars, options_.stand_ins);
    if (!resolved) {
      missing = t.missing(vars);
      return false;
    }
    util::write_json_string(*resolved, out);
    return true;
  }

  const JsonTextOptions& options_;
};

}  // namespace

JsonText json_text(const Json& json, const JsonTextOptions& options) {
  Writer writer(options);
  if (!writer.write(json, 0)) {
    JsonText out;
    if (writer.missing != nullptr) out.missing = *writer.missing;
    return out;
  }
  return {writer.out + "\n", std::nullopt};
}

std::string sub_string(const dsl::ir::Text& t) {
  std::string out;
  for (const auto& p : t.pieces) {
    if (!p.ref.empty()) {
      out += "${" + p.ref + "}";
    } else if (!p.template_parameter.empty()) {
      out += "${" + p.template_parameter + "}";
    } else if (p.pseudo) {
      out += "${" + std::string(dsl::ir::pseudo_cloudformation(p.parameter)) + "}";
    } else {
      for (std::size_t i = 0; i < p.literal.size(); ++i) {
        out += p.literal[i];
        if (p.literal[i] == '$' && i + 1 < p.literal.size() && p.literal[i + 1] == '{') {
          out += "{!";
          ++i;
        }
      }
    }
  }
  return out;
}

}  // namespace pipec::emit
