// Fuzz harness: syntax::read_yaml, the CloudFormation YAML reader (yaml-cpp's
// event parser, pipec's scalar and extent scanner, short-form tags, aliases
// and merge keys, the depth pre-scan).
//
// Oracles: every value, key and issue span lies inside the file, and the
// tree is well formed (each child's parent and slot point back at it); and
// whatever the fast reader of common YAML (read_common_yaml) accepts, yaml-cpp
// reads into the same events, without an error, and the depth pre-scan finds
// nothing in it to cut; and read_yaml builds the same document (spans, texts,
// issues) whether it takes the scalars' places from the fast reader or finds
// them again in the text, and the same as from yaml-cpp's events alone.

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document_checks.h"
#include "fuzz_support.h"
#include "source/source_file.h"
#include "support/yaml_reads.h"
#include "syntax/yaml/common_yaml.h"
#include "syntax/yaml/yaml_reader.h"
#include "syntax/yaml/yaml_text.h"
#include "yaml_events.h"

using namespace pipec;

namespace {

// A depth limit that small fuzzed texts reach.
constexpr std::uint32_t kShallow = 3;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  source::SourceSet sources;
  const auto file = sources.add("fuzz.yaml", std::string(fuzz::as_text(data, size)));
  const auto result = syntax::read_yaml(sources, file);
  fuzz::check_document(result.document, result.issues, size);

  // The fast reader, with a depth limit small enough for fuzzed text to pass
  // it (then with the reader's own); whatever it accepts, the depth pre-scan
  // must find nothing to cut at that limit, since read_yaml then skips it.
  const std::string_view text = fuzz::as_text(data, size);
  // Accepted by the fast reader at some limit, so at read_yaml's own too:
  // read_yaml takes the fast path then, if the text is valid UTF-8 with no
  // byte order mark (otherwise both reads below go through yaml-cpp).
  bool fast_read = false;
  for (const std::uint32_t limit : {kShallow, syntax::YamlOptions{}.max_depth}) {
    testing::YamlEventLog fast;
    if (!syntax::yaml::read_common_yaml(text, fast, limit)) continue;
    fast_read = true;
    if (!syntax::yaml::find_deep_regions(text, limit).empty())
      fuzz::fail(fmt::format("read_common_yaml accepted text the depth pre-scan cuts at {} levels", limit));
    const auto reference = testing::yaml_cpp_events(text);
    if (!reference) fuzz::fail("read_common_yaml accepted text yaml-cpp rejects");
    if (*reference != fast.log) fuzz::fail(fmt::format("events differ\nfast:\n{}\nyaml-cpp:\n{}", fast.log, *reference));
    break;
  }
  if (fast_read) {
    if (const std::string differ = test::yaml_reads_differ(sources, file, result); !differ.empty()) fuzz::fail(differ);
  }
  return 0;
}
