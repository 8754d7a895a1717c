#pragma once
// Validates part of a document against a bundled JSON Schema (with valijson,
// kept out of this header) and turns each error into a message a person
// understands, at the exact key or value: a JSON Pointer from valijson, a
// span from the document.

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

/// Compiles schemas on first use and keeps them for the run. Not thread-safe.
class Validator {
 public:
  Validator();
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Validates `node` of `document` against the bundled schema `name`.
  [[nodiscard]] std::vector<SchemaError> validate(std::string_view name, const syntax::Document& document,
                                                  syntax::NodeId node);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pipec::schema
