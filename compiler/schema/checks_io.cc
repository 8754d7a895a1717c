// The compiled checks as bytes: unsigned LEB128 numbers (indices stored
// plus one, so "none" is 0), length-prefixed strings, doubles as their 8
// bytes. Written at build time and read on the same machine, so byte order
// is the machine's. The reader checks every length and index.
//
// Layout: the magic, the root, the patterns, the number of checks, then
// where each check starts (4 bytes each, from the first check's start), then
// the checks: so one check can be read without those before it.

#include <atomic>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "schema/checks.h"

namespace pipec::schema {

namespace {

using namespace checks;

constexpr std::string_view kMagic = "pipec-checks-3";

class Writer {
 public:
  std::string out;

  void number(std::uint64_t v) {
    do {
      const auto byte = static_cast<std::uint8_t>(v & 0x7F);
      v >>= 7;
      out.push_back(static_cast<char>(v != 0 ? byte | 0x80 : byte));
    } while (v != 0);
  }
  void id(CheckId v) { number(static_cast<std::uint64_t>(v + 1)); }
  void text(const std::string& s) {
    number(s.size());
    out += s;
  }
  void count(const std::optional<std::uint64_t>& v) {
    number(v ? 1 : 0);
    if (v) number(*v);
  }
  void real(const std::optional<double>& v) {
    number(v ? 1 : 0);
    if (!v) return;
    char bytes[sizeof(double)];
    std::memcpy(bytes, &*v, sizeof(double));
    out.append(bytes, sizeof(double));
  }
  void ids(const std::vector<CheckId>& v) {
    number(v.size());
    for (const CheckId i : v) id(i);
  }
  void offset(std::uint32_t v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out.append(bytes, sizeof v);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok = true;

  std::uint64_t number() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= in_.size()) return fail();
      const auto byte = static_cast<std::uint8_t>(in_[at_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return fail();
  }
  CheckId id() {
    const std::uint64_t v = number();
    if (v > 0x7FFF'FFFF) return fail();
    return static_cast<CheckId>(v) - 1;
  }
  std::string text() {
    const std::uint64_t n = number();
    if (n > in_.size() - at_) {
      fail();
      return {};
    }
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::optional<std::uint64_t> count() {
    if (number() == 0) return std::nullopt;
    return number();
  }
  std::optional<double> real() {
    if (number() == 0) return std::nullopt;
    if (in_.size() - at_ < sizeof(double)) {
      fail();
      return std::nullopt;
    }
    double v = 0;
    std::memcpy(&v, in_.data() + at_, sizeof(double));
    at_ += sizeof(double);
    return v;
  }
  std::vector<CheckId> ids() {
    std::vector<CheckId> v(size());
    for (auto& i : v) i = id();
    return v;
  }
  // A count of things that follow, each at least a byte.
  std::size_t size() {
    const std::uint64_t n = number();
    if (n > in_.size() - at_) return static_cast<std::size_t>(fail());
    return static_cast<std::size_t>(n);
  }
  std::uint32_t offset() {
    std::uint32_t v = 0;
    if (in_.size() - at_ < sizeof v) return static_cast<std::uint32_t>(fail());
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string_view rest() const { return in_.substr(at_); }
  bool done() const { return at_ == in_.size(); }

 private:
  std::uint64_t fail() {
    ok = false;
    at_ = in_.size();
    return 0;
  }

  std::string_view in_;
  std::size_t at_ = 0;
};

enum Flag : std::uint8_t {
  kNever = 1,
  kHasEnum = 2,
  kEnumTrue = 4,
  kEnumFalse = 8,
  kEnumNull = 16,
  kEnumOther = 32,
  kNoAdditional = 64,
  kUniqueItems = 128,
};

void write_check(Writer& w, const Check& c) {
  w.number((c.never ? kNever : 0) | (c.has_enum ? kHasEnum : 0) | (c.enum_true ? kEnumTrue : 0) |
           (c.enum_false ? kEnumFalse : 0) | (c.enum_null ? kEnumNull : 0) | (c.enum_other ? kEnumOther : 0) |
           (c.no_additional ? kNoAdditional : 0) | (c.unique_items ? kUniqueItems : 0));
  w.number(c.types);
  w.number(c.enum_strings.size());
  for (const auto& s : c.enum_strings) w.text(s);
  w.number(c.enum_numbers.size());
  for (const auto& [type, value] : c.enum_numbers) {
    w.number(type);
    w.real(value);
  }
  w.count(c.min_length);
  w.count(c.max_length);
  w.number(static_cast<std::uint64_t>(c.pattern + 1));
  w.number(c.properties.size());
  for (const auto& [key, check] : c.properties) {
    w.text(key);
    w.id(check);
  }
  w.number(c.pattern_properties.size());
  for (const auto& [pattern, check] : c.pattern_properties) {
    w.number(static_cast<std::uint64_t>(pattern + 1));
    w.id(check);
  }
  w.id(c.additional);
  w.number(c.required.size());
  for (const auto& r : c.required) w.text(r);
  w.count(c.min_properties);
  w.count(c.max_properties);
  w.id(c.items);
  w.count(c.min_items);
  w.count(c.max_items);
  w.real(c.minimum);
  w.real(c.maximum);
  w.ids(c.all_of);
  w.ids(c.any_of);
  w.ids(c.one_of);
  w.id(c.not_check);
  w.id(c.if_check);
  w.id(c.then_check);
  w.id(c.else_check);
}

// One check from its bytes, every index within the tables; false when the
// bytes are not exactly one such check.
bool read_check(std::string_view record, std::size_t checks, std::size_t patterns, Check& c) {
  Reader r(record);
  const auto flags = r.number();
  c.never = (flags & kNever) != 0;
  c.has_enum = (flags & kHasEnum) != 0;
  c.enum_true = (flags & kEnumTrue) != 0;
  c.enum_false = (flags & kEnumFalse) != 0;
  c.enum_null = (flags & kEnumNull) != 0;
  c.enum_other = (flags & kEnumOther) != 0;
  c.no_additional = (flags & kNoAdditional) != 0;
  c.unique_items = (flags & kUniqueItems) != 0;
  c.types = static_cast<std::uint8_t>(r.number());
  c.enum_strings.resize(r.size());
  for (auto& s : c.enum_strings) s = r.text();
  c.enum_numbers.resize(r.size());
  for (auto& [type, value] : c.enum_numbers) {
    type = static_cast<std::uint8_t>(r.number());
    value = r.real().value_or(0);
  }
  c.min_length = r.count();
  c.max_length = r.count();
  c.pattern = static_cast<int>(r.id());
  c.properties.resize(r.size());
  for (auto& [key, check] : c.properties) {
    key = r.text();
    check = r.id();
  }
  c.pattern_properties.resize(r.size());
  for (auto& [pattern, check] : c.pattern_properties) {
    pattern = static_cast<int>(r.id());
    check = r.id();
  }
  c.additional = r.id();
  c.required.resize(r.size());
  for (auto& s : c.required) s = r.text();
  c.min_properties = r.count();
  c.max_properties = r.count();
  c.items = r.id();
  c.min_items = r.count();
  c.max_items = r.count();
  c.minimum = r.real();
  c.maximum = r.real();
  c.all_of = r.ids();
  c.any_of = r.ids();
  c.one_of = r.ids();
  c.not_check = r.id();
  c.if_check = r.id();
  c.then_check = r.id();
  c.else_check = r.id();
  if (!r.ok || !r.done()) return false;
  const auto check_ok = [&](CheckId id) { return id >= kNone && id < static_cast<CheckId>(checks); };
  const auto pattern_ok = [&](int p) { return p >= -1 && p < static_cast<int>(patterns); };
  bool ok = pattern_ok(c.pattern) && check_ok(c.additional) && check_ok(c.items) && check_ok(c.not_check) &&
            check_ok(c.if_check) && check_ok(c.then_check) && check_ok(c.else_check);
  for (const auto& [key, check] : c.properties) ok = ok && check_ok(check);
  for (const auto& [pattern, check] : c.pattern_properties) ok = ok && pattern >= 0 && pattern_ok(pattern) && check_ok(check);
  for (const auto* list : {&c.all_of, &c.any_of, &c.one_of}) {
    for (const CheckId id : *list) ok = ok && id != kNone && check_ok(id);
  }
  return ok;
}

// The bytes' layout: the root, the patterns, and each check's bytes (not
// read). Nothing when it does not hold together.
struct Layout {
  CheckId root = kNone;
  std::vector<std::string> patterns;
  std::vector<std::string_view> records;
};

std::optional<Layout> read_layout(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Reader r(bytes.substr(kMagic.size()));
  Layout out;
  out.root = r.id();
  out.patterns.resize(r.size());
  for (auto& p : out.patterns) p = r.text();
  const std::size_t count = r.size();
  std::vector<std::uint32_t> offsets(count);
  for (auto& o : offsets) o = r.offset();
  if (!r.ok) return std::nullopt;
  const std::string_view area = r.rest();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t end = i + 1 < count ? offsets[i + 1] : area.size();
    // In order, each at least a byte, the last ending with the bytes.
    if (offsets[i] >= end || end > area.size() || (i == 0 && offsets[i] != 0)) return std::nullopt;
    out.records.push_back(area.substr(offsets[i], end - offsets[i]));
  }
  if (count == 0 && !area.empty()) return std::nullopt;
  if (out.root == kNone || out.root >= static_cast<CheckId>(count)) return std::nullopt;
  return out;
}

}  // namespace

std::string write_checks(const CompiledChecks& compiled) {
  Writer w;
  w.out = kMagic;
  w.id(compiled.root);
  w.number(compiled.patterns.size());
  for (const auto& p : compiled.patterns) w.text(p);
  w.number(compiled.size());
  Writer records;
  std::vector<std::uint32_t> offsets;
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    offsets.push_back(static_cast<std::uint32_t>(records.out.size()));
    write_check(records, compiled.check(static_cast<CheckId>(i)));
  }
  for (const std::uint32_t o : offsets) w.offset(o);
  return w.out + records.out;
}

// The checks of open_checks, each read on first use. A check is asked for
// at every step of every judgement, so a read one costs one acquire load
// (std::call_once cost a hundred instructions each time).
struct CompiledChecks::Unread {
  std::vector<std::string_view> records;
  // Each check once read, allocated then: a run reads a few of a schema's
  // checks, and room for all of them up front was 200 KB of memory to fault
  // in for every process.
  std::unique_ptr<std::atomic<const Check*>[]> read;
  std::vector<std::unique_ptr<Check>> owned;
  std::mutex reading;
};

CompiledChecks::CompiledChecks() = default;
CompiledChecks::~CompiledChecks() = default;

std::size_t CompiledChecks::size() const { return unread_ ? unread_->records.size() : checks.size(); }

const Check& CompiledChecks::check(CheckId id) const {
  const auto i = static_cast<std::size_t>(id);
  if (!unread_) return checks[i];
  Unread& u = *unread_;
  if (const Check* done = u.read[i].load(std::memory_order_acquire)) return *done;
  const std::lock_guard lock(u.reading);
  if (const Check* done = u.read[i].load(std::memory_order_relaxed)) return *done;
  auto fresh = std::make_unique<Check>();
  if (!read_check(u.records[i], u.records.size(), patterns.size(), *fresh)) {
    throw std::logic_error("pipec's compiled schema checks are damaged; rebuild pipec");
  }
  const Check* done = fresh.get();
  u.owned.push_back(std::move(fresh));
  u.read[i].store(done, std::memory_order_release);
  return *done;
}

std::shared_ptr<CompiledChecks> open_checks(std::string_view bytes) {
  auto layout = read_layout(bytes);
  if (!layout) return nullptr;
  auto out = std::make_shared<CompiledChecks>();
  out->root = layout->root;
  out->patterns = std::move(layout->patterns);
  auto unread = std::make_unique<CompiledChecks::Unread>();
  unread->read = std::make_unique<std::atomic<const Check*>[]>(layout->records.size());
  unread->records = std::move(layout->records);
  out->unread_ = std::move(unread);
  return out;
}

std::shared_ptr<CompiledChecks> read_checks(std::string_view bytes) {
  const auto opened = open_checks(bytes);
  if (!opened) return nullptr;
  auto out = std::make_shared<CompiledChecks>();
  out->root = opened->root;
  out->patterns = opened->patterns;
  try {
    for (std::size_t i = 0; i < opened->size(); ++i) out->checks.push_back(opened->check(static_cast<CheckId>(i)));
  } catch (const std::logic_error&) {
    return nullptr;  // a check whose bytes are not one
  }
  return out;
}

}  // namespace pipec::schema
