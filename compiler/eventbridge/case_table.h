#pragma once
// Java's per-character case mappings (see case_table.py, which generates the
// table in case_table.cc).

namespace pipec::eventbridge {

struct CaseEntry {
  char16_t unit;
  const char* lower;  ///< UTF-8 of String.valueOf(unit).toLowerCase(Locale.ROOT)
  const char* upper;  ///< UTF-8 of ... toUpperCase(Locale.ROOT)
};

/// The entry of a UTF-16 code unit whose case mappings are not the unit
/// itself, or null.
[[nodiscard]] const CaseEntry* find_case_entry(char16_t unit);

}  // namespace pipec::eventbridge
