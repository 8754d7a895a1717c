#pragma once
// The CloudFormation resource types of pipec's domain, as AWS's own model
// describes them (@aws-cdk/aws-service-spec, generated into
// generated/cloudformation.inc by scripts/generate-aws-tables): each type's
// properties with their types, which are required, their allowed values,
// the attributes Fn::GetAtt reads and what Ref returns.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pipec::aws::cfn {

enum class ValueKind : std::uint8_t { string, integer, number, boolean, json, timestamp, tag, list, map, object, any };

class ObjectType;

/// The type of a value: a scalar (maybe with allowed values), a list or map
/// of a type, an object of properties, or `any` (a union: not judged).
class ValueType {
 public:
  explicit ValueType(std::uint16_t index) : index_(index) {}
  [[nodiscard]] ValueKind kind() const;
  /// Lists and maps: the element type.
  [[nodiscard]] ValueType element() const;
  /// Objects: their properties.
  [[nodiscard]] ObjectType object() const;
  /// Strings and integers with allowed values: those values, else empty.
  [[nodiscard]] std::vector<std::string_view> allowed_values() const;

 private:
  std::uint16_t index_;
};

struct Property {
  std::string_view name;
  ValueType type;
  bool required;
};

/// An object's properties: a resource's Properties, or a nested type.
class ObjectType {
 public:
  explicit ObjectType(std::uint16_t index) : index_(index) {}
  [[nodiscard]] std::string_view name() const;
  [[nodiscard]] std::vector<Property> properties() const;
  [[nodiscard]] std::optional<Property> property(std::string_view name) const;

 private:
  std::uint16_t index_;
};

class ResourceType {
 public:
  explicit ResourceType(std::uint16_t index) : index_(index) {}
  [[nodiscard]] std::string_view name() const;  ///< AWS::ECS::Service
  [[nodiscard]] ObjectType properties() const;
  /// What Fn::GetAtt can read (dotted names for nested ones).
  [[nodiscard]] std::vector<std::string_view> attributes() const;
  [[nodiscard]] bool has_attribute(std::string_view name) const;
  /// The identifier Ref returns, by property name ("ServiceArn"; "A|B" for a composite identifier).
  [[nodiscard]] std::string_view ref_returns() const;

 private:
  std::uint16_t index_;
};

/// The resource type of this name, if it is one of the domain's.
[[nodiscard]] std::optional<ResourceType> find_resource_type(std::string_view name);
/// Every resource type of the domain, by name.
[[nodiscard]] std::vector<ResourceType> resource_types();
/// Whether `name` is a type of a service the tables cover (AWS::ECS::…),
/// so an unknown type there is a mistake and not just outside the domain.
[[nodiscard]] bool covers_service_of(std::string_view name);
/// The version of the model the tables were generated from.
[[nodiscard]] std::string_view model_version();

}  // namespace pipec::aws::cfn
