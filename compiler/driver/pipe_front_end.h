#pragma once
// The .pipe front end: parses and resolves a file (dsl/), and lowers it to
// the same model `pipec lint` checks through the documents of the API
// shapes the emitters write (emit/lint_document.h), every value carrying the
// span of what the DSL wrote, so every lint rule applies to .pipe files and
// what is linted is what is written. `pipec build` reads the resolved
// program from here.

#include <map>
#include <memory>
#include <string>

#include "dsl/ir.h"
#include "dsl/vars.h"
#include "model/front_end.h"

namespace pipec::driver {

/// What `pipec build` needs of a file once read.
struct Compiled {
  dsl::ir::Program program;
  std::map<std::string, dsl::ir::Json> pattern_files;  ///< patterns read from `pattern file`, by rule name
};

class PipeFrontEnd final : public model::FrontEnd {
 public:
  explicit PipeFrontEnd(dsl::Vars vars = {}) : vars_(std::move(vars)) {}

  [[nodiscard]] bool handles(std::string_view path) const override;
  [[nodiscard]] model::Kind kind() const override;
  /// A .pipe file compiles to CloudFormation and CodePipeline JSON that a
  /// build lints again: building seed 001 (836 bytes) wrote about 70 pages
  /// (280 KB) of heap after the loader readied it, about 335 bytes a byte.
  [[nodiscard]] std::uint64_t heap_per_byte() const override { return 320; }
  void read(model::Workspace& ws, model::LoadedFile& file, model::FileLoader& loader) override;

  /// The program read from `file`, if that file was a .pipe file.
  [[nodiscard]] const Compiled* compiled(source::FileId file) const;

 private:
  dsl::Vars vars_;
  std::map<source::FileId, std::unique_ptr<Compiled>> compiled_;
};

}  // namespace pipec::driver
