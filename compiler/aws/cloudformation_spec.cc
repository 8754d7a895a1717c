#include "aws/cloudformation_spec.h"

#include <algorithm>
#include <cstdint>

#include "util/packed_strings.h"

namespace pipec::aws::cfn {

namespace {

struct Range {
  std::uint32_t first, count;
};
struct TypeRow {
  ValueKind kind;
  std::int32_t ref;     ///< list/map: element type; object: struct
  std::int32_t values;  ///< allowed values: index into kEnumSets, or -1
};
struct PropertyRow {
  std::uint16_t name;
  std::uint16_t type;
  bool required;
};
struct StructRow {
  std::uint16_t name;
  Range properties;
};
struct ResourceRow {
  std::uint16_t name;
  std::uint16_t properties;  ///< struct
  Range attributes;
  std::uint16_t ref;
};

using namespace std::string_view_literals;
#include "aws/generated/cloudformation.inc"

std::string_view text(std::uint16_t index) { return util::unpack(kStringText, kStrings[index]); }

}  // namespace

ValueKind ValueType::kind() const { return kTypes[index_].kind; }

ValueType ValueType::element() const { return ValueType(static_cast<std::uint16_t>(kTypes[index_].ref)); }

ObjectType ValueType::object() const { return ObjectType(static_cast<std::uint16_t>(kTypes[index_].ref)); }

std::vector<std::string_view> ValueType::allowed_values() const {
  std::vector<std::string_view> out;
  const auto set = kTypes[index_].values;
  if (set < 0) return out;
  const Range r = kEnumSets[set];
  for (std::uint32_t i = 0; i < r.count; ++i) out.push_back(text(kEnumValues[r.first + i]));
  return out;
}

std::string_view ObjectType::name() const { return text(kStructs[index_].name); }

std::vector<Property> ObjectType::properties() const {
  std::vector<Property> out;
  const Range r = kStructs[index_].properties;
  for (std::uint32_t i = 0; i < r.count; ++i) {
    const PropertyRow& p = kProperties[r.first + i];
    out.push_back({text(p.name), ValueType(p.type), p.required});
  }
  return out;
}

std::optional<Property> ObjectType::property(std::string_view wanted) const {
  const Range r = kStructs[index_].properties;
  // Sorted by name.
  const auto* begin = kProperties + r.first;
  const auto* end = begin + r.count;
  const auto* it = std::lower_bound(begin, end, wanted, [](const PropertyRow& p, std::string_view n) { return text(p.name) < n; });
  if (it == end || text(it->name) != wanted) return std::nullopt;
  return Property{text(it->name), ValueType(it->type), it->required};
}

std::string_view ResourceType::name() const { return text(kResources[index_].name); }

ObjectType ResourceType::properties() const { return ObjectType(kResources[index_].properties); }

std::vector<std::string_view> ResourceType::attributes() const {
  std::vector<std::string_view> out;
  const Range r = kResources[index_].attributes;
  for (std::uint32_t i = 0; i < r.count; ++i) out.push_back(text(kAttributes[r.first + i]));
  return out;
}

bool ResourceType::has_attribute(std::string_view wanted) const {
  const auto all = attributes();
  return std::find(all.begin(), all.end(), wanted) != all.end();
}

std::string_view ResourceType::ref_returns() const { return text(kResources[index_].ref); }

std::optional<ResourceType> find_resource_type(std::string_view name) {
  const auto* begin = std::begin(kResources);
  const auto* end = std::end(kResources);
  const auto* it = std::lower_bound(begin, end, name, [](const ResourceRow& r, std::string_view n) { return text(r.name) < n; });
  if (it == end || text(it->name) != name) return std::nullopt;
  return ResourceType(static_cast<std::uint16_t>(it - begin));
}

std::vector<ResourceType> resource_types() {
  std::vector<ResourceType> out;
  for (std::size_t i = 0; i < std::size(kResources); ++i) out.emplace_back(static_cast<std::uint16_t>(i));
  return out;
}

bool covers_service_of(std::string_view name) {
  // "AWS::ECS::Service" -> "AWS::ECS::"
  const auto second = name.find("::", name.find("::") == std::string_view::npos ? 0 : name.find("::") + 2);
  if (second == std::string_view::npos || name.substr(0, 5) != "AWS::") return false;
  const std::string_view service = name.substr(0, second + 2);
  if (service == "AWS::EC2::") return false;  // only what an ECS service's network needs is covered
  return std::any_of(std::begin(kResources), std::end(kResources),
                     [&](const ResourceRow& r) { return text(r.name).starts_with(service); });
}

}  // namespace pipec::aws::cfn

namespace pipec::aws::cfn {

std::string_view model_version() { return kModelVersion; }

}  // namespace pipec::aws::cfn
