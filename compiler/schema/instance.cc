#include "schema/instance.h"

#include "util/utf8.h"

namespace pipec::schema {

namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

// Document -> nlohmann JSON. Duplicate keys: the last wins, as in
// Document::get. Records the paths of strings that were cut.
json convert(const Document& doc, NodeId id, Path& path, std::map<std::string, std::size_t>& cut) {
  const auto& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::null: return nullptr;
    case NodeKind::boolean: return n.boolean;
    case NodeKind::number: {
      // Integers stay integers so "type": "integer" sees them as such.
      const bool integral = n.text.find_first_of(".eE") == std::string::npos;
      if (integral) {
        try {
          return n.text.front() == '-' ? json(std::stoll(n.text)) : json(std::stoull(n.text));
        } catch (const std::exception&) {
        }
      }
      try {
        return std::stod(n.text);
      } catch (const std::exception&) {
        return 0.0;
      }
    }
    case NodeKind::string: {
      // valijson counts lengths assuming valid UTF-8 and reads past its
      // tables on anything else: it sees U+FFFD for each ill-formed byte
      // (the file's encoding error is reported on its own, CP0002).
      std::string text = util::valid_utf8(n.text);
      if (text.size() <= kRegexSafeLength) return text;
      cut[path_key(path)] = util::count_code_points(text);
      std::size_t end = kRegexSafeLength;
      while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      text.resize(end);
      return text;
    }
    case NodeKind::array: {
      json out = json::array();
      std::size_t index = 0;
      for (const NodeId item : doc.items(id)) {
        path.push_back(std::to_string(index++));
        out.push_back(convert(doc, item, path, cut));
        path.pop_back();
      }
      return out;
    }
    case NodeKind::object: {
      json out = json::object();
      for (const auto& m : doc.members(id)) {
        path.push_back(m.key);
        out[util::valid_utf8(m.key)] = convert(doc, m.value, path, cut);
        path.pop_back();
      }
      return out;
    }
    case NodeKind::invalid: return nullptr;
  }
  return nullptr;
}

}  // namespace

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
  Path path;
  out.value = convert(doc, node, path, out.cut);
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
