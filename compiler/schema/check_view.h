#pragma once
// Internal to schema/: one compiled check read where its bytes lie
// (checks.h). The bytes are 32-bit words in the machine's byte order (they
// are written at build time for the same machine) and strings; every word
// is read with memcpy, so the bytes need no alignment.
//
// Layout, after the magic: a header (kHeaderWords words); the patterns, two
// words each (where in the strings, length); the checks, kRecordWords words
// each; the words that lists point into; the strings.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

namespace pipec::schema::checks {

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

constexpr std::string_view kMagic = "pipec-checks-4";

// The header's words.
enum HeaderWord : std::uint32_t { kRoot, kCheckCount, kPatternCount, kWordCount, kStringSize, kHeaderWords };

// A check's words. A check or pattern index that may be none is stored plus
// one, so that 0 is "none" (the root, and a pattern property's pattern, are
// stored as they are); a list is where its first word is in the list words,
// and how many items it has; a 64-bit count or a double is two words, read
// when its flag is set.
enum RecordWord : std::uint32_t {
  kFlags,
  kTypes,
  kPattern,
  kAdditional,
  kItems,
  kNot,
  kIf,
  kThen,
  kElse,
  kMinLength,
  kMaxLength = kMinLength + 2,
  kMinProperties = kMaxLength + 2,
  kMaxProperties = kMinProperties + 2,
  kMinItems = kMaxProperties + 2,
  kMaxItems = kMinItems + 2,
  kMinimum = kMaxItems + 2,
  kMaximum = kMinimum + 2,
  kEnumStrings = kMaximum + 2,
  kEnumNumbers = kEnumStrings + 2,
  kProperties = kEnumNumbers + 2,
  kPatternProperties = kProperties + 2,
  kRequired = kPatternProperties + 2,
  kAllOf = kRequired + 2,
  kAnyOf = kAllOf + 2,
  kOneOf = kAnyOf + 2,
  kRecordWords = kOneOf + 2,
};

enum Flag : std::uint32_t {
  kNever = 1u << 0,
  kHasEnum = 1u << 1,
  kEnumTrue = 1u << 2,
  kEnumFalse = 1u << 3,
  kEnumNull = 1u << 4,
  kEnumOther = 1u << 5,
  kNoAdditional = 1u << 6,
  kUniqueItems = 1u << 7,
  kHasMinLength = 1u << 8,
  kHasMaxLength = 1u << 9,
  kHasMinProperties = 1u << 10,
  kHasMaxProperties = 1u << 11,
  kHasMinItems = 1u << 12,
  kHasMaxItems = 1u << 13,
  kHasMinimum = 1u << 14,
  kHasMaximum = 1u << 15,
  kAllFlags = (1u << 16) - 1,
};

inline std::uint32_t word_at(const char* at) {
  std::uint32_t v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

// The bytes of a schema's checks, their parts found (checks_io.cc).
struct Bytes {
  std::string_view all;
  const char* patterns_at = nullptr;
  const char* records = nullptr;
  const char* words = nullptr;
  const char* strings = nullptr;
  std::uint32_t checks = 0, patterns = 0, word_count = 0, string_size = 0;
  CheckId root = kNone;

  std::string_view text(const char* at) const { return {strings + word_at(at), word_at(at + 4)}; }
  std::string_view pattern(std::size_t index) const { return text(patterns_at + index * 8); }

  // What verifying asks of the words (checks_io.cc).
  bool holds_text(const char* at) const { return std::uint64_t{word_at(at)} + word_at(at + 4) <= string_size; }
  bool check_or_none(std::uint32_t stored) const { return stored <= checks; }  // stored plus one: 0 is none
};

// The items of a list: how many words each takes, what it reads as, and
// whether its words are one (verified before it is read).
struct IdItem {
  using value_type = CheckId;
  static constexpr std::size_t kWords = 1;
  static CheckId read(const Bytes&, const char* at) { return static_cast<CheckId>(word_at(at)) - 1; }
  static bool valid(const Bytes& b, const char* at) { return word_at(at) != 0 && b.check_or_none(word_at(at)); }
};
struct StringItem {
  using value_type = std::string_view;
  static constexpr std::size_t kWords = 2;
  static std::string_view read(const Bytes& b, const char* at) { return b.text(at); }
  static bool valid(const Bytes& b, const char* at) { return b.holds_text(at); }
};
struct NumberItem {  // (kInteger or kDouble, value)
  using value_type = std::pair<std::uint8_t, double>;
  static constexpr std::size_t kWords = 3;
  static value_type read(const Bytes&, const char* at) {
    double v;
    std::memcpy(&v, at + 4, sizeof v);
    return {static_cast<std::uint8_t>(word_at(at)), v};
  }
  static bool valid(const Bytes&, const char* at) { return word_at(at) == kInteger || word_at(at) == kDouble; }
};
struct PropertyItem {  // (key, check)
  using value_type = std::pair<std::string_view, CheckId>;
  static constexpr std::size_t kWords = 3;
  static value_type read(const Bytes& b, const char* at) { return {b.text(at), static_cast<CheckId>(word_at(at + 8)) - 1}; }
  static bool valid(const Bytes& b, const char* at) { return b.holds_text(at) && b.check_or_none(word_at(at + 8)); }
};
struct PatternPropertyItem {  // (pattern index, check)
  using value_type = std::pair<int, CheckId>;
  static constexpr std::size_t kWords = 2;
  static value_type read(const Bytes&, const char* at) {
    return {static_cast<int>(word_at(at)), static_cast<CheckId>(word_at(at + 4)) - 1};
  }
  static bool valid(const Bytes& b, const char* at) { return word_at(at) < b.patterns && b.check_or_none(word_at(at + 4)); }
};

template <typename Item>
class List {
 public:
  using value_type = typename Item::value_type;
  static constexpr std::size_t kBytes = Item::kWords * 4;

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = typename Item::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = value_type;
    iterator() = default;
    iterator(const Bytes* bytes, const char* at) : bytes_(bytes), at_(at) {}
    value_type operator*() const { return Item::read(*bytes_, at_); }
    iterator& operator++() {
      at_ += kBytes;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      at_ += kBytes;
      return before;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    const Bytes* bytes_ = nullptr;
    const char* at_ = nullptr;
  };

  List(const Bytes& bytes, const char* first, std::size_t size) : bytes_(&bytes), first_(first), size_(size) {}
  iterator begin() const { return {bytes_, first_}; }
  iterator end() const { return {bytes_, first_ + size_ * kBytes}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  value_type operator[](std::size_t i) const { return Item::read(*bytes_, first_ + i * kBytes); }

 private:
  const Bytes* bytes_;
  const char* first_;
  std::size_t size_;
};

// One check. CompiledChecks::check() verified its words and those of its
// lists, so nothing here checks a range.
class CheckView {
 public:
  CheckView(const Bytes& bytes, const char* record) : bytes_(&bytes), record_(record), flags_(word(kFlags)) {}

  bool never() const { return has(kNever); }
  std::uint8_t types() const { return static_cast<std::uint8_t>(word(kTypes)); }
  bool has_enum() const { return has(kHasEnum); }
  List<StringItem> enum_strings() const { return list<StringItem>(kEnumStrings); }
  List<NumberItem> enum_numbers() const { return list<NumberItem>(kEnumNumbers); }
  bool enum_true() const { return has(kEnumTrue); }
  bool enum_false() const { return has(kEnumFalse); }
  bool enum_null() const { return has(kEnumNull); }
  bool enum_other() const { return has(kEnumOther); }
  std::optional<std::uint64_t> min_length() const { return wide<std::uint64_t>(kHasMinLength, kMinLength); }
  std::optional<std::uint64_t> max_length() const { return wide<std::uint64_t>(kHasMaxLength, kMaxLength); }
  int pattern() const { return static_cast<int>(word(kPattern)) - 1; }
  List<PropertyItem> properties() const { return list<PropertyItem>(kProperties); }
  List<PatternPropertyItem> pattern_properties() const { return list<PatternPropertyItem>(kPatternProperties); }
  CheckId additional() const { return id(kAdditional); }
  bool no_additional() const { return has(kNoAdditional); }
  List<StringItem> required() const { return list<StringItem>(kRequired); }
  std::optional<std::uint64_t> min_properties() const { return wide<std::uint64_t>(kHasMinProperties, kMinProperties); }
  std::optional<std::uint64_t> max_properties() const { return wide<std::uint64_t>(kHasMaxProperties, kMaxProperties); }
  CheckId items() const { return id(kItems); }
  std::optional<std::uint64_t> min_items() const { return wide<std::uint64_t>(kHasMinItems, kMinItems); }
  std::optional<std::uint64_t> max_items() const { return wide<std::uint64_t>(kHasMaxItems, kMaxItems); }
  bool unique_items() const { return has(kUniqueItems); }
  std::optional<double> minimum() const { return wide<double>(kHasMinimum, kMinimum); }
  std::optional<double> maximum() const { return wide<double>(kHasMaximum, kMaximum); }
  List<IdItem> all_of() const { return list<IdItem>(kAllOf); }
  List<IdItem> any_of() const { return list<IdItem>(kAnyOf); }
  List<IdItem> one_of() const { return list<IdItem>(kOneOf); }
  CheckId not_check() const { return id(kNot); }
  CheckId if_check() const { return id(kIf); }
  CheckId then_check() const { return id(kThen); }
  CheckId else_check() const { return id(kElse); }

  /// The check `properties` names for `key` (they are sorted), or kNone.
  CheckId property(std::string_view key) const {
    const char* first = bytes_->words + std::size_t{word(kProperties)} * 4;
    std::size_t low = 0, high = word(kProperties + 1);
    while (low < high) {
      const std::size_t mid = low + (high - low) / 2;
      const auto [name, check] = PropertyItem::read(*bytes_, first + mid * PropertyItem::kWords * 4);
      const int order = name.compare(key);
      if (order == 0) return check;
      if (order < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return kNone;
  }

 private:
  std::uint32_t word(std::uint32_t i) const { return word_at(record_ + i * 4); }
  bool has(Flag f) const { return (flags_ & f) != 0; }
  CheckId id(std::uint32_t i) const { return static_cast<CheckId>(word(i)) - 1; }
  // A count or a double in words i and i + 1, when flag `f` says it is there.
  template <typename T>
  std::optional<T> wide(Flag f, std::uint32_t i) const {
    static_assert(sizeof(T) == 8);
    if (!has(f)) return std::nullopt;
    T v;
    std::memcpy(&v, record_ + i * 4, sizeof v);
    return v;
  }
  template <typename Item>
  List<Item> list(std::uint32_t i) const {
    return List<Item>(*bytes_, bytes_->words + std::size_t{word(i)} * 4, word(i + 1));
  }

  const Bytes* bytes_;
  const char* record_;
  std::uint32_t flags_;  // read once: most accessors ask it
};

}  // namespace pipec::schema::checks
