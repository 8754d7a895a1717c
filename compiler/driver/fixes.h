#pragma once
// Applying the fixes findings carry (`pipec lint --fix`): each finding's
// edits, mapped from the document they were found in to the file it was read
// from, all or none; a fix that overlaps one already taken waits for the
// next pass, on the text the first has changed.

#include <map>
#include <string>

#include "diag/report.h"

namespace pipec::driver {

struct FixPass {
  std::map<std::string, std::string> texts;  ///< path -> its text with the fixes applied
  std::size_t applied = 0;                   ///< findings fixed
};

/// The texts of the files `report`'s findings are in, after their fixes.
/// Fixes in a .pipe file, or inside an escaped string they cannot be mapped
/// to byte for byte, are left out.
[[nodiscard]] FixPass apply_fixes(const diag::Report& report);

}  // namespace pipec::driver
