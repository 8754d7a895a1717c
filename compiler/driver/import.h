#pragma once
// `pipec import`: existing pipelines into a .pipe file. CodePipeline JSON
// (get-pipeline output, create-pipeline input), CloudFormation templates
// with their AWS::Events::Rule resources, and PutRule/PutTargets input are
// read by the loaders every command uses; what they declare is written in
// the words of docs/dsl.md. What the language has no words for is written
// as a `# pipec import: not expressible: …` comment where it was, and
// reported as a warning at its place in the input.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "driver/lint.h"

namespace pipec::driver {

struct ImportRequest {
  std::vector<std::string> paths;
  std::uint64_t max_file_size = 8ull << 20;
};

struct Import {
  enum class Outcome {
    imported,    ///< `text` holds the .pipe file; the report may hold warnings
    unreadable,  ///< an input could not be read at all
    errors,      ///< an input has errors (syntax): nothing imported
    nothing,     ///< the inputs declare no pipeline
  };
  Outcome outcome = Outcome::imported;
  /// What was read; its report holds the inputs' errors and import's warnings.
  std::unique_ptr<LintRun> run;
  std::string text;
};

[[nodiscard]] Import import_pipelines(const source::FileSystem& fs, const ImportRequest& request);

}  // namespace pipec::driver
