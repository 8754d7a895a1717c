#pragma once
// `pipec lint --add-suppressions`: a suppression for each finding of a run,
// where it is: a comment above its line in YAML and .pipe files, an entry in
// the governing .pipec.yaml (created in the working folder if there is none)
// for JSON files. Committed secrets get none: a key is removed, not silenced.

#include <map>
#include <string>

#include "driver/lint.h"

namespace pipec::driver {

struct AddedSuppressions {
  std::map<std::string, std::string> texts;  ///< path -> its new text
  std::size_t added = 0;                     ///< findings suppressed
  std::size_t skipped = 0;                   ///< findings left as they are (secrets)
};

[[nodiscard]] AddedSuppressions add_suppressions(const LintRun& run, const source::FileSystem& fs, std::string_view reason);

}  // namespace pipec::driver
