#include "schema/raw_error.h"

namespace pipec::schema {

namespace {

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const auto a = text.find(open);
  if (a == std::string::npos) return "";
  const auto b = text.rfind(close);
  if (b == std::string::npos || b < a + open.size()) return "";
  return text.substr(a + open.size(), b - a - open.size());
}

}  // namespace

RawError classify(const std::string& description, const std::vector<std::string>& context) {
  RawError r{ErrorKind::other, {}, description, {}, 0, 0};
  for (std::size_t i = 1; i < context.size(); ++i) {
    const std::string& c = context[i];
    r.path.push_back(c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c);
  }
  const std::string& d = description;
  const auto starts = [&](std::string_view prefix) { return d.compare(0, prefix.size(), prefix) == 0; };
  if (starts("Missing required property '")) {
    r.kind = ErrorKind::required;
    r.name = between(d, "'", "'.");
  } else if (starts("Object contains a property that could not be validated")) {
    r.kind = ErrorKind::additional;
    r.name = between(d, "constraints: '", "'.");
  } else if (starts("Failed to match against any enum")) {
    r.kind = ErrorKind::enumeration;
  } else if (starts("Failed to match expected value set by 'const'") || starts("Target value and comparison value")) {
    r.kind = ErrorKind::constant;
  } else if (starts("Failed to match regex")) {
    r.kind = ErrorKind::pattern;
  } else if (starts("Value type not permitted")) {
    r.kind = ErrorKind::type;
  } else if (starts("String should be no more than")) {
    r.kind = ErrorKind::max_length;
  } else if (starts("String should be no fewer than")) {
    r.kind = ErrorKind::min_length;
  } else if (starts("Expected number less than")) {
    r.kind = ErrorKind::maximum;
  } else if (starts("Expected number greater than")) {
    r.kind = ErrorKind::minimum;
  } else if (starts("Array should contain no more than")) {
    r.kind = ErrorKind::max_items;
  } else if (starts("Array should contain no fewer than")) {
    r.kind = ErrorKind::min_items;
  } else if (starts("Elements at indexes #")) {
    r.kind = ErrorKind::unique;
    try {
      r.first = std::stoul(between(d, "#", " and #"));
      r.second = std::stoul(d.substr(d.find(" and #") + 6));
    } catch (const std::exception&) {
    }
  } else if (starts("Object should have no more than")) {
    r.kind = ErrorKind::max_properties;
  } else if (starts("Object should have no fewer than")) {
    r.kind = ErrorKind::min_properties;
  } else if (starts("Target should not validate")) {
    r.kind = ErrorKind::negation;
  } else if (starts("Failed to validate") || starts("Cannot validate")) {
    r.kind = ErrorKind::summary;
  }
  return r;
}

}  // namespace pipec::schema
