#pragma once
// Validates part of a document against a bundled JSON Schema (with valijson,
// kept out of this header) and turns each error into a message a person
// understands, at the exact key or value: a JSON Pointer from valijson, a
// span from the document.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "source/span.h"
#include "syntax/document.h"

namespace pipec::schema {

struct SchemaError {
  source::Span span;
  std::string message;
  std::string label;
  std::vector<std::string> help;
};

/// Values whose errors the caller drops, as a CloudFormation template's
/// intrinsic functions ({"Ref": …}), whose values only a deployment knows:
/// every error inside such a value, and a missing required key reported at
/// its key (a label "needs …"). Errors around it are not dropped.
using Unknowable = std::function<bool(syntax::NodeId)>;

/// Compiles schemas on first use and keeps them for the run. Safe to call
/// from several threads: the compiled schemas are shared; each thread has
/// its own valijson validator (which caches regular expressions as it goes).
/// A value the checks of validity.h find valid is not shown to valijson.
class Validator {
 public:
  Validator();
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Validates `node` of `document` against the bundled schema `name`.
  /// With `unknowable`: when the checks find that every error would be
  /// dropped, nothing is returned and `*all_dropped` is set; under
  /// PIPEC_CROSS_CHECK_SCHEMAS the errors are returned all the same, for the
  /// caller to hold the claim to them once it has dropped its own.
  [[nodiscard]] std::vector<SchemaError> validate(std::string_view name, const syntax::Document& document,
                                                  syntax::NodeId node, const Unknowable* unknowable = nullptr,
                                                  bool* all_dropped = nullptr);

 private:
  struct Impl;
  struct Impls;
  Impl& for_this_thread();
  std::unique_ptr<Impls> impls_;
};

}  // namespace pipec::schema
