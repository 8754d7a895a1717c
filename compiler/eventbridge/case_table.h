#pragma once
// Java's per-character case mappings, which event-ruler's equals-ignore-case
// uses. The table in case_table.cc is written by scripts/generate-case-table
// from the Unicode Character Database (pinned version; CTest
// generated-case-table fails when the committed table is not what it writes).

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
