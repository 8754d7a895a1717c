#pragma once
// What Amazon ECR sends to EventBridge: the detail types of source "aws.ecr",
// the fields of each one's "detail" (and of the objects inside it), what each
// field holds, and the values of the fields that take only a few. Source:
// Amazon ECR User Guide, "Amazon ECR events and EventBridge"
// (ecr-eventbridge), and the ECR API's enums (ScanStatus, ScanFrequency,
// ScanType, FindingSeverity). The bundled sample events
// (samples/ecr-events/) follow this model; a unit test keeps them so.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace pipec::model {

/// What a field of an ECR event holds. For a list, what each element holds:
/// EventBridge matches the elements of an array one by one.
enum class EcrValueKind : std::uint8_t {
  string,
  count,   ///< a whole number, at least 1 (finding counts are left out when zero)
  object,  ///< fields of its own (EcrField::fields)
};

struct EcrField {
  std::string_view name;
  /// Every value a string field takes; empty: any string (names, digests, tags).
  std::span<const std::string_view> values = {};
  EcrValueKind kind = EcrValueKind::string;
  std::span<const EcrField> fields = {};  ///< an object's fields
  bool list = false;                 ///< an array of such values ("image-tags", "repositories")
  /// In every event of its type. Set only where the user guide's samples and
  /// the event's documented shape agree, since {"exists": false} on such a
  /// field is reported as never matching.
  bool always = false;
};

struct EcrEventType {
  std::string_view detail_type;
  std::span<const EcrField> fields;  ///< empty: not described (CloudTrail carries any API call)
};

inline constexpr std::string_view kEcrSource = "aws.ecr";

[[nodiscard]] std::span<const EcrEventType> ecr_event_types();
[[nodiscard]] const EcrEventType* find_ecr_event_type(std::string_view detail_type);

/// Where a path below "detail" leads in events of one type.
struct EcrFieldLookup {
  /// The field at the end of the path; null when events of the type never
  /// have it.
  const EcrField* field = nullptr;
  /// How many segments of the path exist; when `field` is null, the first
  /// one missing is segments[found].
  std::size_t found = 0;
  /// The fields one level up from the missing segment (the candidates for a
  /// "did you mean"); empty when it is below a field that holds no object.
  std::span<const EcrField> siblings;
  /// The field holding the missing segment; null when it is a field of
  /// "detail" itself.
  const EcrField* parent = nullptr;
};

/// Follows `segments` ("finding-severity-counts", "CRITICAL") from the
/// detail of events of `type`. An object inside a list is walked like one
/// outside it ("repositories", "scan-frequency"), as EventBridge does.
[[nodiscard]] EcrFieldLookup find_ecr_field(const EcrEventType& type, std::span<const std::string> segments);

}  // namespace pipec::model
