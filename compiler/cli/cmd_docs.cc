#include <fmt/format.h>

#include <map>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "docs/rule_page.h"
#include "rules/registry.h"
#include "source/write_file.h"

namespace pipec::cli {

int run_docs(const DocsOptions& options, Output& output) {
  std::map<std::string, std::string> pages;
  for (const auto* rule : rules::registry()) pages[docs::rule_page_name(*rule)] = docs::rule_page(*rule);
  pages["README.md"] = docs::rules_index();

  const source::DiskFileSystem fs;
  if (fs.stat(options.directory).type != source::EntryType::directory) {
    output.err += fmt::format("pipec: {} is not a folder\n", options.directory);
    return kExitUsage;
  }
  int stale = 0;
  for (const auto& [name, text] : pages) {
    const std::string path = source::join_path(options.directory, name);
    const auto current = fs.read(path);
    if (current.ok && current.text == text) continue;
    if (options.check) {
      output.err += fmt::format("{}: {}\n", path, current.ok ? "out of date" : "missing");
      ++stale;
    } else if (const auto error = source::write_file_atomically(path, text)) {
      output.err += fmt::format("pipec: {}\n", *error);
      return kExitUsage;
    } else {
      output.out += fmt::format("wrote {}\n", path);
    }
  }
  for (const auto& name : fs.list(options.directory)) {
    if (!name.ends_with(".md") || pages.contains(name)) continue;
    const std::string path = source::join_path(options.directory, name);
    if (options.check) {
      output.err += fmt::format("{}: no rule has this page\n", path);
      ++stale;
    } else if (const auto error = source::remove_file(path)) {
      output.err += fmt::format("pipec: {}\n", *error);
      return kExitUsage;
    } else {
      output.out += fmt::format("removed {}\n", path);
    }
  }
  if (stale > 0) {
    output.err += fmt::format("{} page{} out of date; run `pipec docs --write {}`\n", stale, stale == 1 ? " is" : "s are",
                              options.directory);
    return kExitFindings;
  }
  return kExitClean;
}

}  // namespace pipec::cli
