// The compiled checks as bytes (layout: check_view.h), written at build time
// and read where they lie at run time. A fixed number of words per check,
// where an earlier layout packed numbers of varying length: reading one then
// meant decoding it into vectors and strings, which cost more than judging
// with it (8% of a `pipec build`).

#include <cstring>
#include <map>
#include <stdexcept>

#include "schema/checks.h"

namespace pipec::schema {

namespace {

using namespace checks;

class Writer {
 public:
  explicit Writer(const CheckSet& set) : set_(set) {}

  std::string write() {
    for (const auto& p : set_.patterns) text(patterns_, p);
    for (const auto& c : set_.checks) record(c);
    std::string out(kMagic);
    const std::uint32_t header[kHeaderWords] = {
        static_cast<std::uint32_t>(set_.root),
        static_cast<std::uint32_t>(set_.checks.size()),
        static_cast<std::uint32_t>(set_.patterns.size()),
        static_cast<std::uint32_t>(words_.size()),
        static_cast<std::uint32_t>(strings_.size()),
    };
    append(out, header, kHeaderWords);
    append(out, patterns_.data(), patterns_.size());
    append(out, records_.data(), records_.size());
    append(out, words_.data(), words_.size());
    return out + strings_;
  }

 private:
  static void append(std::string& out, const std::uint32_t* words, std::size_t n) {
    out.append(reinterpret_cast<const char*>(words), n * sizeof(std::uint32_t));
  }
  static std::uint32_t id(CheckId v) { return static_cast<std::uint32_t>(v + 1); }
  static void wide(std::uint32_t* at, const void* value) { std::memcpy(at, value, 8); }

  // Where a string is in the strings (each kept once), and its length.
  void text(std::vector<std::uint32_t>& out, const std::string& s) {
    auto [it, fresh] = placed_.try_emplace(s, static_cast<std::uint32_t>(strings_.size()));
    if (fresh) strings_ += s;
    out.push_back(it->second);
    out.push_back(static_cast<std::uint32_t>(s.size()));
  }

  // A list: in the record, where its items start in the list words and how
  // many there are; in the list words, the items.
  template <typename Items, typename Add>
  void list(std::uint32_t* at, const Items& items, const Add& add) {
    at[0] = static_cast<std::uint32_t>(words_.size());
    at[1] = static_cast<std::uint32_t>(items.size());
    for (const auto& item : items) add(item);
  }

  void record(const Check& c) {
    std::uint32_t r[kRecordWords] = {};
    const auto bit = [](bool on, Flag f) { return on ? std::uint32_t{f} : std::uint32_t{0}; };
    std::uint32_t flags = bit(c.never, kNever) | bit(c.has_enum, kHasEnum) | bit(c.enum_true, kEnumTrue) |
                          bit(c.enum_false, kEnumFalse) | bit(c.enum_null, kEnumNull) | bit(c.enum_other, kEnumOther) |
                          bit(c.no_additional, kNoAdditional) | bit(c.unique_items, kUniqueItems);
    // A count or a double, in two words, and the flag saying it is there.
    const auto optional = [&](const auto& v, Flag f, RecordWord w) {
      if (!v) return;
      flags |= f;
      wide(r + w, &*v);
    };
    optional(c.min_length, kHasMinLength, kMinLength);
    optional(c.max_length, kHasMaxLength, kMaxLength);
    optional(c.min_properties, kHasMinProperties, kMinProperties);
    optional(c.max_properties, kHasMaxProperties, kMaxProperties);
    optional(c.min_items, kHasMinItems, kMinItems);
    optional(c.max_items, kHasMaxItems, kMaxItems);
    optional(c.minimum, kHasMinimum, kMinimum);
    optional(c.maximum, kHasMaximum, kMaximum);
    r[kFlags] = flags;
    r[kTypes] = c.types;
    r[kPattern] = static_cast<std::uint32_t>(c.pattern + 1);
    r[kAdditional] = id(c.additional);
    r[kItems] = id(c.items);
    r[kNot] = id(c.not_check);
    r[kIf] = id(c.if_check);
    r[kThen] = id(c.then_check);
    r[kElse] = id(c.else_check);
    list(r + kEnumStrings, c.enum_strings, [&](const std::string& s) { text(words_, s); });
    list(r + kEnumNumbers, c.enum_numbers, [&](const std::pair<std::uint8_t, double>& n) {
      std::uint32_t item[3] = {n.first, 0, 0};
      wide(item + 1, &n.second);
      words_.insert(words_.end(), item, item + 3);
    });
    list(r + kProperties, c.properties, [&](const std::pair<std::string, CheckId>& p) {
      text(words_, p.first);
      words_.push_back(id(p.second));
    });
    list(r + kPatternProperties, c.pattern_properties, [&](const std::pair<int, CheckId>& p) {
      words_.push_back(static_cast<std::uint32_t>(p.first));
      words_.push_back(id(p.second));
    });
    list(r + kRequired, c.required, [&](const std::string& s) { text(words_, s); });
    for (const auto& [at, ids] : {std::pair{kAllOf, &c.all_of}, std::pair{kAnyOf, &c.any_of}, std::pair{kOneOf, &c.one_of}}) {
      list(r + at, *ids, [&](CheckId i) { words_.push_back(id(i)); });
    }
    records_.insert(records_.end(), r, r + kRecordWords);
  }

  const CheckSet& set_;
  std::vector<std::uint32_t> patterns_, records_, words_;
  std::string strings_;
  std::map<std::string, std::uint32_t> placed_;
};

// The parts of the bytes, when they hold together: the sizes the header
// gives add up to the bytes' size, the root is a check, and every pattern
// lies within the strings.
std::optional<Bytes> find_parts(std::string_view all) {
  constexpr std::size_t kWord = sizeof(std::uint32_t);
  if (all.size() < kMagic.size() + kHeaderWords * kWord || all.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  const char* header = all.data() + kMagic.size();
  Bytes b;
  b.all = all;
  b.checks = word_at(header + kCheckCount * kWord);
  b.patterns = word_at(header + kPatternCount * kWord);
  b.word_count = word_at(header + kWordCount * kWord);
  b.string_size = word_at(header + kStringSize * kWord);
  const std::uint32_t root = word_at(header + kRoot * kWord);
  const std::uint64_t size = kMagic.size() + std::uint64_t{kHeaderWords} * kWord + std::uint64_t{b.patterns} * 2 * kWord +
                             std::uint64_t{b.checks} * kRecordWords * kWord + std::uint64_t{b.word_count} * kWord +
                             b.string_size;
  if (size != all.size() || root >= b.checks) return std::nullopt;
  b.root = static_cast<CheckId>(root);
  b.patterns_at = header + kHeaderWords * kWord;
  b.records = b.patterns_at + std::size_t{b.patterns} * 2 * kWord;
  b.words = b.records + std::size_t{b.checks} * kRecordWords * kWord;
  b.strings = b.words + std::size_t{b.word_count} * kWord;
  for (std::uint32_t i = 0; i < b.patterns; ++i) {
    const char* at = b.patterns_at + std::size_t{i} * 2 * kWord;
    if (std::uint64_t{word_at(at)} + word_at(at + kWord) > b.string_size) return std::nullopt;
  }
  return b;
}

// Whether check `index`'s words are one check: known flags and types, every
// index within its table, every list within the list words, and every item
// of a list one of its kind (check_view.h says what each must be).
bool verify_check(const Bytes& bytes, std::uint32_t index) {
  const char* record = bytes.records + std::size_t{index} * kRecordWords * 4;
  const auto word = [&](std::uint32_t i) { return word_at(record + i * 4); };
  if ((word(kFlags) & ~std::uint32_t{kAllFlags}) != 0 || word(kTypes) > kAnyType || word(kPattern) > bytes.patterns) {
    return false;
  }
  for (const auto i : {kAdditional, kItems, kNot, kIf, kThen, kElse}) {
    if (!bytes.check_or_none(word(i))) return false;
  }
  const auto items = [&]<typename Item>(Item, RecordWord at) {
    const std::uint64_t first = word(at), count = word(at + 1);
    if (first + count * Item::kWords > bytes.word_count) return false;
    for (std::uint64_t i = 0; i < count; ++i) {
      if (!Item::valid(bytes, bytes.words + (first + i * Item::kWords) * 4)) return false;
    }
    return true;
  };
  return items(StringItem{}, kEnumStrings) && items(NumberItem{}, kEnumNumbers) && items(PropertyItem{}, kProperties) &&
         items(PatternPropertyItem{}, kPatternProperties) && items(StringItem{}, kRequired) &&
         items(IdItem{}, kAllOf) && items(IdItem{}, kAnyOf) && items(IdItem{}, kOneOf);
}

}  // namespace

CompiledChecks::CompiledChecks(const Bytes& bytes, std::shared_ptr<const std::string> owner)
    : owner_(std::move(owner)),
      bytes_(bytes),
      verified_(std::make_unique<std::atomic<std::uint64_t>[]>((bytes.checks + 63) / 64)) {}

void CompiledChecks::verify(std::uint32_t index) const {
  if (index >= bytes_.checks) throw std::logic_error("no check with this index");
  if (!verify_check(bytes_, index)) throw std::logic_error("pipec's compiled schema checks are damaged; rebuild pipec");
  // The bytes never change, so a bit set by any thread, in any order, only
  // says what every thread would find.
  verified_[index / 64].fetch_or(std::uint64_t{1} << (index % 64), std::memory_order_relaxed);
}

std::string write_checks(const CheckSet& compiled) { return Writer(compiled).write(); }

std::shared_ptr<CompiledChecks> open_checks(std::string_view bytes) {
  const auto parts = find_parts(bytes);
  if (!parts) return nullptr;
  return std::make_shared<CompiledChecks>(*parts);
}

std::shared_ptr<CompiledChecks> read_checks(std::string bytes) {
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  const auto parts = find_parts(*owner);
  if (!parts) return nullptr;
  auto out = std::make_shared<CompiledChecks>(*parts, std::move(owner));
  // Each check verified now, and marked so, as a run would on first use.
  try {
    for (std::uint32_t i = 0; i < parts->checks; ++i) (void)out->check(static_cast<CheckId>(i));
  } catch (const std::logic_error&) {
    return nullptr;
  }
  return out;
}

CheckSet unpack(const CompiledChecks& compiled) {
  CheckSet out;
  out.root = compiled.root();
  for (std::size_t i = 0; i < compiled.pattern_count(); ++i) out.patterns.emplace_back(compiled.pattern(i));
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    const CheckView v = compiled.check(static_cast<CheckId>(i));
    Check& c = out.checks.emplace_back();
    c.never = v.never();
    c.types = v.types();
    c.has_enum = v.has_enum();
    for (const auto s : v.enum_strings()) c.enum_strings.emplace_back(s);
    for (const auto n : v.enum_numbers()) c.enum_numbers.push_back(n);
    c.enum_true = v.enum_true();
    c.enum_false = v.enum_false();
    c.enum_null = v.enum_null();
    c.enum_other = v.enum_other();
    c.min_length = v.min_length();
    c.max_length = v.max_length();
    c.pattern = v.pattern();
    for (const auto [key, check] : v.properties()) c.properties.emplace_back(key, check);
    for (const auto p : v.pattern_properties()) c.pattern_properties.push_back(p);
    c.additional = v.additional();
    c.no_additional = v.no_additional();
    for (const auto s : v.required()) c.required.emplace_back(s);
    c.min_properties = v.min_properties();
    c.max_properties = v.max_properties();
    c.items = v.items();
    c.min_items = v.min_items();
    c.max_items = v.max_items();
    c.unique_items = v.unique_items();
    c.minimum = v.minimum();
    c.maximum = v.maximum();
    for (const auto id : v.all_of()) c.all_of.push_back(id);
    for (const auto id : v.any_of()) c.any_of.push_back(id);
    for (const auto id : v.one_of()) c.one_of.push_back(id);
    c.not_check = v.not_check();
    c.if_check = v.if_check();
    c.then_check = v.then_check();
    c.else_check = v.else_check();
  }
  return out;
}

}  // namespace pipec::schema
