#pragma once
// Internal to schema/: a document's value as the JSON valijson validates
// (nlohmann::json), and the way back from a path in it to the document's
// node. Strings too long for std::regex are cut, their lengths kept.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "syntax/document.h"
#include "util/regex_limit.h"

namespace pipec::schema {

using json = nlohmann::json;
/// Keys and array indexes from the validated value's root.
using Path = std::vector<std::string>;

// valijson applies "pattern" with std::regex, so strings longer than
// util::kRegexSafeLength are cut before validation; their lengths are
// checked by pipec instead.
using util::kRegexSafeLength;

/// A path as one string, for maps keyed by path.
[[nodiscard]] std::string path_key(const Path& path);
/// The path a path_key() was made from.
[[nodiscard]] Path path_from_key(const std::string& key);

struct Instance {
  json value;
  /// Strings that were cut, by path_key: their length in code points.
  std::map<std::string, std::size_t> cut;
};

/// A number as written, as valijson is shown it: an integer when it is one
/// and fits 64 bits, else a double (0 when not even that).
[[nodiscard]] json number_json(const std::string& text);

/// The value of `node` (duplicate keys: the last wins, as in Document::get).
[[nodiscard]] Instance to_instance(const syntax::Document& doc, syntax::NodeId node);

/// The document node at `path` below `root`, or kNoNode.
[[nodiscard]] syntax::NodeId node_at(const syntax::Document& doc, syntax::NodeId root, const Path& path);
/// The value at `path` below `root`, or nullptr.
[[nodiscard]] const json* value_at(const json& root, const Path& path);

}  // namespace pipec::schema
