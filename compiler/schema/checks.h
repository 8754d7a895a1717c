#pragma once
// Internal to schema/: the checks a bundled schema compiles to (validity.h),
// as data: compiled from the schema's JSON (checks_compile.cc), written to
// bytes at build time and read in place at run time (checks_io.cc), so pipec
// neither parses nor compiles its schemas when it starts, and reading a check
// costs no decoding and no allocation.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/check_view.h"

namespace pipec::schema {

namespace checks {

// One check as compiled: what write_checks() writes, and what CheckView
// reads back.
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
  int pattern = -1;  // index into the patterns
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

// A schema's checks as compiled, before they are written.
struct CheckSet {
  std::vector<Check> checks;
  CheckId root = kNone;
  std::vector<std::string> patterns;  ///< the regular expressions checks name by index
};

}  // namespace checks

class LazyRegex;

// A schema's checks as bytes (checks_io.cc), read where they lie.
class CompiledChecks {
 public:
  /// `owner`, when the bytes are not built into pipec, holds them.
  explicit CompiledChecks(const checks::Bytes& bytes, std::shared_ptr<const std::string> owner = nullptr);
  CompiledChecks(const CompiledChecks&) = delete;
  CompiledChecks& operator=(const CompiledChecks&) = delete;

  /// Check `id`, its bytes verified the first time it is asked for (safely
  /// from several threads): a run uses a few of a schema's checks. Bytes
  /// that turn out not to be a check throw std::logic_error.
  [[nodiscard]] checks::CheckView check(checks::CheckId id) const {
    // Asked for at every step of every judgement: the test of one bit here,
    // the verifying out of line.
    const auto i = static_cast<std::uint32_t>(id);
    if (i >= bytes_.checks || (verified_[i / 64].load(std::memory_order_relaxed) & (std::uint64_t{1} << (i % 64))) == 0) {
      verify(i);
    }
    return checks::CheckView(bytes_, bytes_.records + std::size_t{i} * checks::kRecordWords * 4);
  }
  [[nodiscard]] std::size_t size() const { return bytes_.checks; }
  [[nodiscard]] checks::CheckId root() const { return bytes_.root; }
  [[nodiscard]] std::string_view pattern(std::size_t index) const { return bytes_.pattern(index); }
  [[nodiscard]] std::size_t pattern_count() const { return bytes_.patterns; }
  [[nodiscard]] std::string_view bytes() const { return bytes_.all; }

  std::vector<const LazyRegex*> regexes;  ///< the patterns, ready to search (link_regexes())

 private:
  void verify(std::uint32_t index) const;  // throws for bytes that are not a check

  std::shared_ptr<const std::string> owner_;
  checks::Bytes bytes_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> verified_;  // a bit per check
};

/// Compiles a draft 7 schema; nothing when it uses what the checks do not model.
[[nodiscard]] std::optional<checks::CheckSet> compile_schema_checks(const nlohmann::json& schema);

/// The checks as bytes, and back (nullptr for bytes that are not such).
/// open_checks verifies the bytes' layout and each check when it is first
/// asked for, so `bytes` must outlive the result (pipec's are built into the
/// binary); read_checks keeps a copy of the bytes and verifies every check.
/// unpack() reads every check back as compiled.
[[nodiscard]] std::string write_checks(const checks::CheckSet& compiled);
[[nodiscard]] std::shared_ptr<CompiledChecks> open_checks(std::string_view bytes);
[[nodiscard]] std::shared_ptr<CompiledChecks> read_checks(std::string bytes);
[[nodiscard]] checks::CheckSet unpack(const CompiledChecks& compiled);

/// Fills `regexes` from the patterns (validity.cc).
void link_regexes(CompiledChecks& compiled);

}  // namespace pipec::schema
