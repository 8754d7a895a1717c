// The one translation unit that includes valijson: schemas are compiled
// here and values evaluated against them; what their errors mean is
// explain.cc's business. valijson's errors become exceptions (the CMake
// target sets this too), caught where schemas load.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include "schema/validator.h"

#include <fmt/format.h>

#include <cstdlib>
#include <locale>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/bundled.h"
#include "schema/compiled.h"
#include "schema/explain.h"
#include "schema/instance.h"
#include "schema/raw_error.h"
#include "schema/validity.h"

namespace pipec::schema {

using syntax::Document;
using syntax::NodeId;

namespace {

// A bundled schema: the checks that say a value is valid without valijson
// (compiled at build time), and, only once a value is not known valid, its
// JSON (explain() reads it) and valijson's schema (for the errors).
struct Compiled {
  std::string_view text;
  std::shared_ptr<const CompiledChecks> checks;
  std::once_flag valijson_once;
  json raw;
  valijson::Schema schema;

  // Parsed and compiled on first use, once for all threads.
  void prepare() {
    std::call_once(valijson_once, [this] {
      raw = json::parse(text);
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(raw), schema);
    });
  }
};

}  // namespace

// What one thread needs: valijson's Validator keeps a cache of compiled
// regular expressions that it writes while validating.
struct Validator::Impl {
  valijson::Validator validator{valijson::Validator::kStrongTypes};
};

// The compiled schemas are shared by every thread (valijson only reads a
// Schema while validating), so each is parsed and compiled once.
struct Validator::Impls {
  std::mutex mutex;  ///< guards by_thread
  std::map<std::thread::id, std::unique_ptr<Impl>> by_thread;
  // Every value a rule judges looks its schema up here, from every thread
  // at once: a lookup shares the lock (an exclusive one made the threads of
  // a large lint queue in the kernel, a tenth of its futex calls), and only
  // a schema's first use takes it alone.
  std::shared_mutex schemas_mutex;
  std::map<std::string, std::unique_ptr<Compiled>, std::less<>> schemas;

  Compiled& compiled(std::string_view name) {
    {
      const std::shared_lock lock(schemas_mutex);
      if (const auto it = schemas.find(name); it != schemas.end()) return *it->second;
    }
    const std::lock_guard lock(schemas_mutex);
    if (const auto it = schemas.find(name); it != schemas.end()) return *it->second;
    const auto text = bundled_schema(name);
    if (!text) throw std::logic_error(fmt::format("no bundled schema named {}", name));
    auto c = std::make_unique<Compiled>();
    c->text = *text;
    if (const auto* compiled = util::find_embedded(compiled_schema_checks(), name)) c->checks = load_checks(compiled->text);
    return *schemas.emplace(std::string(name), std::move(c)).first->second;
  }
};

namespace {

// valijson compiles a std::regex for each pattern it checks, and compiling
// one narrows characters through the global locale's ctype<char>, whose
// cache libstdc++ fills a byte at a time from whichever thread asks first:
// threads that check patterns at once write it together (ThreadSanitizer
// reports it, linting samples/). Filled whole here, before any thread
// validates, the cache is only read from then on.
void fill_narrow_cache() {
  static std::once_flag once;
  std::call_once(once, [] {
    char from[256];
    char to[256];
    for (int i = 0; i < 256; ++i) from[i] = static_cast<char>(i);
    std::use_facet<std::ctype<char>>(std::locale()).narrow(from, from + 256, '\0', to);
  });
}

}  // namespace

Validator::Validator() : impls_(std::make_unique<Impls>()) { fill_narrow_cache(); }
Validator::~Validator() = default;

Validator::Impl& Validator::for_this_thread() {
  const std::lock_guard lock(impls_->mutex);
  auto& impl = impls_->by_thread[std::this_thread::get_id()];
  if (!impl) impl = std::make_unique<Impl>();
  return *impl;
}

namespace {

// PIPEC_CROSS_CHECK_SCHEMAS=1 (the test suite and the lint fuzz harness set
// it): a value validity.h calls valid is shown to valijson as well, and a
// disagreement stops pipec, since it would be an error pipec fails to report;
// errors said to be all dropped come back for the caller to hold.
bool cross_checking() {
  static const bool on = [] {
    const char* v = std::getenv("PIPEC_CROSS_CHECK_SCHEMAS");
    return v != nullptr && std::string_view(v) == "1";
  }();
  return on;
}

}  // namespace

std::vector<SchemaError> Validator::validate(std::string_view name, const Document& document, NodeId node,
                                             const Unknowable* unknowable, bool* all_dropped) {
  Compiled& c = impls_->compiled(name);
  const Validity validity = c.checks ? judge(*c.checks, document, node, unknowable) : Validity::not_known;
  const bool valid = validity == Validity::valid;
  if (validity == Validity::errors_dropped && all_dropped != nullptr) *all_dropped = true;
  if (validity != Validity::not_known && !cross_checking()) return {};
  Impl& impl = for_this_thread();
  c.prepare();
  const valijson::Schema& schema = c.schema;
  const Instance instance = to_instance(document, node);
  // Valid documents are the common case: a first pass that stops at the
  // first failure and records nothing, and the full pass only when needed.
  const valijson::adapters::NlohmannJsonAdapter adapter(instance.value);
  const bool valijson_valid = instance.cut.empty() && impl.validator.validate(schema, adapter, nullptr);
  if (valid && !valijson_valid && instance.cut.empty()) {
    fmt::print(stderr, "pipec: internal error: the validity checks call a value valid against {} that valijson does not\n{}\n",
               name, instance.value.dump(2));
    std::abort();
  }
  if (valijson_valid) return {};
  valijson::ValidationResults results;
  impl.validator.validate(schema, adapter, &results);

  std::vector<RawError> raw;
  for (const auto& e : results) {
    RawError r = classify(e.description, e.context);
    // Lengths of cut strings are judged on their real length (explain()).
    if ((r.kind == ErrorKind::max_length || r.kind == ErrorKind::min_length) && instance.cut.contains(path_key(r.path))) continue;
    raw.push_back(std::move(r));
  }
  return explain(std::move(raw), document, node, c.raw, instance);
}

}  // namespace pipec::schema
