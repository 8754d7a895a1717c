// The one translation unit that includes valijson: schemas are compiled
// here and values evaluated against them; what their errors mean is
// explain.cc's business. valijson's errors become exceptions (the CMake
// target sets this too), caught where schemas load.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include "schema/validator.h"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/bundled.h"
#include "schema/explain.h"
#include "schema/instance.h"
#include "schema/raw_error.h"

namespace pipec::schema {

using syntax::Document;
using syntax::NodeId;

namespace {

struct Compiled {
  json raw;
  valijson::Schema schema;
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
  std::mutex mutex;
  std::map<std::thread::id, std::unique_ptr<Impl>> by_thread;
  std::map<std::string, std::unique_ptr<Compiled>, std::less<>> schemas;

  const Compiled& compiled(std::string_view name) {
    const std::lock_guard lock(mutex);
    if (const auto it = schemas.find(name); it != schemas.end()) return *it->second;
    const auto text = bundled_schema(name);
    if (!text) throw std::logic_error(fmt::format("no bundled schema named {}", name));
    auto c = std::make_unique<Compiled>();
    c->raw = json::parse(*text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(c->raw), c->schema);
    return *schemas.emplace(std::string(name), std::move(c)).first->second;
  }
};

Validator::Validator() : impls_(std::make_unique<Impls>()) {}
Validator::~Validator() = default;

Validator::Impl& Validator::for_this_thread() {
  const std::lock_guard lock(impls_->mutex);
  auto& impl = impls_->by_thread[std::this_thread::get_id()];
  if (!impl) impl = std::make_unique<Impl>();
  return *impl;
}

std::vector<SchemaError> Validator::validate(std::string_view name, const Document& document, NodeId node) {
  Impl& impl = for_this_thread();
  const Compiled& c = impls_->compiled(name);
  const Instance instance = to_instance(document, node);
  // Valid documents are the common case: a first pass that stops at the
  // first failure and records nothing, and the full pass only when needed.
  const valijson::adapters::NlohmannJsonAdapter adapter(instance.value);
  if (instance.cut.empty() && impl.validator.validate(c.schema, adapter, nullptr)) return {};
  valijson::ValidationResults results;
  impl.validator.validate(c.schema, adapter, &results);

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
