#pragma once
// Internal to schema/: the checks a bundled schema compiles to (validity.h),
// as data: compiled from the schema's JSON (checks_compile.cc), written to
// bytes at build time and read back at run time (checks_io.cc), so pipec
// neither parses nor compiles its schemas when it starts.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pipec::schema {

namespace checks {

// What valijson, with strong types, takes each value for.
enum TypeBit : std::uint8_t {
  kNull = 1,
  kBoolean = 2,
  kInteger = 4,
  kDouble = 8,
  kString = 16,
  kArray = 32,
  kObject = 64,
};
constexpr std::uint8_t kAnyType = 127;

using CheckId = int;
constexpr CheckId kNone = -1;

struct Check {
  bool never = false;  // the schema `false`
  std::uint8_t types = kAnyType;
  // enum and const: strings, numbers, booleans and null are compared; an
  // array or object in the list makes an array or object instance undecided.
  bool has_enum = false;
  std::vector<std::string> enum_strings;
  std::vector<std::pair<std::uint8_t, double>> enum_numbers;  // (kInteger or kDouble, value)
  bool enum_true = false, enum_false = false, enum_null = false, enum_other = false;
  std::optional<std::uint64_t> min_length, max_length;
  int pattern = -1;  // index into CompiledChecks::patterns
  std::vector<std::pair<std::string, CheckId>> properties;  // sorted by key
  std::vector<std::pair<int, CheckId>> pattern_properties;  // pattern index, check
  CheckId additional = kNone;
  bool no_additional = false;
  std::vector<std::string> required;
  std::optional<std::uint64_t> min_properties, max_properties;
  CheckId items = kNone;
  std::optional<std::uint64_t> min_items, max_items;
  bool unique_items = false;
  std::optional<double> minimum, maximum;
  std::vector<CheckId> all_of, any_of, one_of;
  CheckId not_check = kNone, if_check = kNone, then_check = kNone, else_check = kNone;
};

}  // namespace checks

class LazyRegex;

class CompiledChecks {
 public:
  CompiledChecks();
  ~CompiledChecks();

  /// Check `id`. Checks opened from bytes (open_checks) are read from them
  /// the first time they are asked for, safely from several threads: a run
  /// uses a few of a schema's checks (~150 of ~1,550 to lint a template).
  [[nodiscard]] const checks::Check& check(checks::CheckId id) const;
  [[nodiscard]] std::size_t size() const;

  std::vector<checks::Check> checks;  ///< every check, unless opened from bytes
  checks::CheckId root = checks::kNone;
  std::vector<std::string> patterns;      ///< the regular expressions checks name by index
  std::vector<const LazyRegex*> regexes;  ///< the same, ready to search (link_regexes())

 private:
  friend std::shared_ptr<CompiledChecks> open_checks(std::string_view bytes);
  struct Unread;  // checks_io.cc
  std::unique_ptr<Unread> unread_;
};

/// Compiles a draft 7 schema; nullptr when it uses what the checks do not model.
[[nodiscard]] std::shared_ptr<CompiledChecks> compile_schema_checks(const nlohmann::json& schema);

/// The checks as bytes, and back (nullptr for bytes that are not such).
/// read_checks reads and verifies every check; open_checks verifies the
/// bytes' layout and leaves each check to be read when it is asked for, so
/// `bytes` must outlive the result (pipec's are built into the binary). A
/// check whose bytes turn out not to be one throws std::logic_error then.
[[nodiscard]] std::string write_checks(const CompiledChecks& compiled);
[[nodiscard]] std::shared_ptr<CompiledChecks> read_checks(std::string_view bytes);
[[nodiscard]] std::shared_ptr<CompiledChecks> open_checks(std::string_view bytes);

/// Fills `regexes` from `patterns` (validity.cc).
void link_regexes(CompiledChecks& compiled);

}  // namespace pipec::schema
