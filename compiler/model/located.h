#pragma once
// A value from a document together with where it was written.

#include <optional>
#include <string>
#include <string_view>

#include "source/span.h"
#include "syntax/document.h"

namespace pipec::model {

template <typename T>
struct Located {
  T value{};
  source::Span span;                     ///< the value as written (quotes included)
  syntax::NodeId node = syntax::kNoNode;
};

using Text = Located<std::string>;

/// The string `object` holds at `key`, where it was written; nothing when
/// it is absent or not a string.
[[nodiscard]] inline std::optional<Text> string_member(const syntax::Document& doc, syntax::NodeId object, std::string_view key) {
  const syntax::NodeId value = doc.get(object, key);
  if (!doc.is(value, syntax::NodeKind::string)) return std::nullopt;
  return Text{std::string(doc.node(value).text), doc.node(value).span, value};
}

/// A member's key where it was written; its node is the member's value
/// (a logical ID, a configuration key, an input path's name).
[[nodiscard]] inline Text key_text(const syntax::Member& member) {
  return Text{std::string(member.key), member.key_span, member.value};
}

}  // namespace pipec::model
