#pragma once
// Java's per-character case mappings, which event-ruler's equals-ignore-case
// uses. The table in case_table.cc is written by scripts/generate-case-table
// from the Unicode Character Database (pinned version; CTest
// generated-case-table fails when the committed table is not what it writes).

namespace pipec::eventbridge {

// The mappings are held in the entry, not pointed to: a table of pointers
// would be rewritten by the loader at every start (util/packed_strings.h).
// One character maps to at most three, of at most three bytes each; a
// mapping that did not fit with its terminating zero would not compile.
struct CaseEntry {
  char16_t unit;
  char lower[10];  ///< UTF-8 of String.valueOf(unit).toLowerCase(Locale.ROOT), zero-terminated
  char upper[10];  ///< UTF-8 of ... toUpperCase(Locale.ROOT), zero-terminated
};

/// The entry of a UTF-16 code unit whose case mappings are not the unit
/// itself, or null.
[[nodiscard]] const CaseEntry* find_case_entry(char16_t unit);

}  // namespace pipec::eventbridge
