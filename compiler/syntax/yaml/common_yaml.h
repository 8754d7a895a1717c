#pragma once
// The YAML CloudFormation templates are written in, read at the speed of a
// scan: block mappings and sequences (indentless and compact ones included),
// one-line plain and quoted scalars, literal and folded block scalars, flow
// collections, comments, short-form tags and a leading "---".
//
// It hands `handler` exactly the events yaml-cpp 0.7 would for the same text
// (the same marks, tags, values and styles), so read_yaml builds the same
// Document and reports the same issues whichever parser read the file. Text
// outside that subset (anchors, aliases, complex keys, multi-line plain or
// quoted scalars, tabs, carriage returns, a byte order mark, directives,
// several documents) and any syntax error make it return false, perhaps after
// some events; the caller then starts over with yaml-cpp, whose errors are the
// ones explained. The differential fuzz harness (yaml_reader) holds it to
// this: whatever it accepts, yaml-cpp reads into the same events, without an
// error.
//
// Collections nested deeper than `max_depth` make it return false too, so
// that whatever it accepts, the caller's depth pre-scan (find_deep_regions,
// yaml_text.h) would have found nothing to cut: the pre-scan then runs only
// on the texts it declines.

#include <yaml-cpp/eventhandler.h>

#include <cstdint>
#include <string_view>

namespace pipec::syntax::yaml {

/// Where a one-line scalar lies in the text: from its first byte (after any
/// tag) to one past its last (its closing quote), and whether it is plain.
struct ScalarPlace {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool plain = false;
};

/// A handler that takes what the reader found anyway, rather than yaml-cpp's
/// events to the letter:
/// - each one-line scalar comes to OnPlacedScalar, not OnScalar, with its
///   place (it need not find it again from the mark), and with its tag and
///   value as views, into the text where the value is written as it reads
///   (no std::string for each);
/// - every mark carries the byte offset alone (line and column 0): counting
///   lines is a scan of the text that building a document does not need.
/// Block scalars still come to OnScalar.
class PlaceAwareHandler : public YAML::EventHandler {
 public:
  virtual void OnPlacedScalar(const YAML::Mark& mark, std::string_view tag, std::string_view value,
                              const ScalarPlace& place) = 0;
};

/// Reads `text` as one YAML document into `handler` (a PlaceAwareHandler as
/// said above); false when the text is not in the subset described above or
/// nests collections deeper than `max_depth` (the handler's state is then to
/// be discarded).
[[nodiscard]] bool read_common_yaml(std::string_view text, YAML::EventHandler& handler, std::uint32_t max_depth);

}  // namespace pipec::syntax::yaml
