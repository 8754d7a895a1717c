#include "schema/instance.h"

#include "util/utf8.h"

namespace pipec::schema {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

// One step of the path from the validated value's root: a key, or an index.
struct Step {
  const std::string_view* key = nullptr;
  std::size_t index = 0;
};

class Converter {
 public:
  Converter(const Document& doc, std::map<std::string, std::size_t>& cut) : doc_(doc), cut_(cut) {}

  // Document -> nlohmann JSON. Duplicate keys: the last wins, as in
  // Document::get. Records the paths of strings that were cut.
  json convert(NodeId id) {
    const auto& n = doc_.node(id);
    switch (n.kind) {
      case NodeKind::null: return nullptr;
      case NodeKind::boolean: return n.boolean;
      case NodeKind::number: return number_json(std::string(n.text));
      case NodeKind::string: return string(std::string(n.text));
      case NodeKind::array: {
        json out = json::array();
        const auto items = doc_.items(id);
        out.get_ref<json::array_t&>().reserve(items.size());
        std::size_t index = 0;
        for (const NodeId item : items) {
          steps_.push_back({nullptr, index++});
          out.push_back(convert(item));
          steps_.pop_back();
        }
        return out;
      }
      case NodeKind::object: {
        json out = json::object();
        auto& members = out.get_ref<json::object_t&>();
        for (const auto& m : doc_.members(id)) {
          steps_.push_back({&m.key, 0});
          json value = convert(m.value);
          steps_.pop_back();
          if (util::first_invalid_utf8(m.key)) {
            members[util::valid_utf8(m.key)] = std::move(value);
          } else {
            members.insert_or_assign(std::string(m.key), std::move(value));
          }
        }
        return out;
      }
      case NodeKind::invalid: return nullptr;
    }
    return nullptr;
  }

 private:
  json string(const std::string& original) {
    // valijson counts lengths assuming valid UTF-8 and reads past its
    // tables on anything else: it sees U+FFFD for each ill-formed byte
    // (the file's encoding error is reported on its own, CP0002).
    const bool valid = !util::first_invalid_utf8(original);
    if (valid && original.size() <= kRegexSafeLength) return original;
    std::string text = valid ? original : util::valid_utf8(original);
    if (text.size() <= kRegexSafeLength) return text;
    cut_[path_key(path())] = util::count_code_points(text);
    std::size_t end = kRegexSafeLength;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
  }

  Path path() const {
    Path out;
    out.reserve(steps_.size());
    for (const auto& s : steps_) out.push_back(s.key != nullptr ? std::string(*s.key) : std::to_string(s.index));
    return out;
  }

  const Document& doc_;
  std::map<std::string, std::size_t>& cut_;
  std::vector<Step> steps_;
};

}  // namespace

json number_json(const std::string& text) {
  // Integers stay integers so "type": "integer" sees them as such.
  const bool integral = text.find_first_of(".eE") == std::string::npos;
  if (integral) {
    try {
      return text.front() == '-' ? json(std::stoll(text)) : json(std::stoull(text));
    } catch (const std::exception&) {
    }
  }
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return 0.0;
  }
}

std::string path_key(const Path& path) {
  std::string key;
  for (const auto& segment : path) {
    key += segment;
    key += '\x1f';
  }
  return key;
}

Path path_from_key(const std::string& key) {
  Path path;
  std::string segment;
  for (const char c : key) {
    if (c == '\x1f') {
      path.push_back(segment);
      segment.clear();
    } else {
      segment.push_back(c);
    }
  }
  return path;
}

Instance to_instance(const Document& doc, NodeId node) {
  Instance out;
  out.value = Converter(doc, out.cut).convert(node);
  return out;
}

NodeId node_at(const Document& doc, NodeId root, const Path& path) {
  NodeId at = root;
  for (std::size_t i = 0; i < path.size() && at != syntax::kNoNode; ++i) {
    const auto& n = doc.node(at);
    if (n.kind == NodeKind::object) {
      at = doc.get(at, path[i]);
    } else if (n.kind == NodeKind::array) {
      std::size_t index = 0;
      try {
        index = std::stoul(path[i]);
      } catch (const std::exception&) {
        return syntax::kNoNode;
      }
      const auto items = doc.items(at);
      at = index < items.size() ? items[index] : syntax::kNoNode;
    } else {
      return syntax::kNoNode;
    }
  }
  return at;
}

const json* value_at(const json& root, const Path& path) {
  const json* at = &root;
  for (const auto& segment : path) {
    if (at->is_object() && at->contains(segment)) {
      at = &at->at(segment);
    } else if (at->is_array()) {
      try {
        const std::size_t index = std::stoul(segment);
        if (index >= at->size()) return nullptr;
        at = &at->at(index);
      } catch (const std::exception&) {
        return nullptr;
      }
    } else {
      return nullptr;
    }
  }
  return at;
}

}  // namespace pipec::schema
