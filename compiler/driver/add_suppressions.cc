#include "driver/add_suppressions.h"

#include <fmt/format.h>

#include <set>

#include "config/finder.h"
#include "driver/policy.h"
#include "emit/yaml_text.h"
#include "syntax/yaml/yaml_reader.h"

namespace pipec::driver {

namespace {

std::string indentation(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return std::string(line.substr(0, n));
}

// Where a new entry of `suppressions:` goes in a configuration's text, and
// with what indentation; nothing when the list is written in flow style.
struct Insertion {
  std::size_t at = 0;
  std::string indent;
  bool with_key = false;  ///< no `suppressions:` yet: write the key too
};

std::optional<Insertion> find_insertion(const std::string& text) {
  source::SourceSet sources;
  const source::FileId id = sources.add(".pipec.yaml", text);
  const auto yaml = syntax::read_yaml(sources, id);
  const auto& doc = yaml.document;
  const syntax::NodeId list = doc.get(doc.root(), "suppressions");
  if (list == syntax::kNoNode || doc.is(list, syntax::NodeKind::null)) {
    if (list != syntax::kNoNode) return std::nullopt;  // `suppressions:` with nothing: the user's to tidy
    Insertion in;
    in.at = text.size();
    in.indent = "  ";
    in.with_key = true;
    return in;
  }
  const auto items = doc.items(list);
  if (items.empty() || text[doc.node(list).span.begin] == '[') return std::nullopt;
  const auto& file = sources.file(id);
  const std::uint32_t last_line = sources.line_col(id, doc.node(list).span.end > 0 ? doc.node(list).span.end - 1 : 0).line;
  Insertion in;
  in.at = file.line_start(last_line) + file.line_text(last_line).size();
  in.indent = indentation(file.line_text(sources.line_col(id, doc.node(items.front()).span.begin).line));
  return in;
}

}  // namespace

AddedSuppressions add_suppressions(const LintRun& run, const source::FileSystem& fs, std::string_view reason) {
  AddedSuppressions result;
  const auto& ws = run.workspace;
  const auto& sources = ws.sources;
  // Comment lines by file and line: the rules to name there.
  std::map<source::FileId, std::map<std::uint32_t, std::set<std::string>>> comments;
  // Configuration entries by configuration path.
  std::map<std::string, std::string> entries;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  config::Finder* finder = run.configurations.get();
  for (const auto& d : run.report.diagnostics) {
    if (!d.span.valid()) continue;
    if (d.rule_id == kCommittedSecretRule) {
      ++result.skipped;
      continue;
    }
    const source::FileId file = sources.to_root(d.span).file;
    const auto& source = sources.file(file);
    if (holds_comments(source.path(), source.text())) {
      comments[file][suppression_line(ws, d.span)].insert(std::string(d.rule_id));
      ++result.added;
      continue;
    }
    const config::Placement* placed = finder != nullptr ? &finder->place(source.path()) : nullptr;
    const config::ConfigFile* governing = placed != nullptr ? placed->config : nullptr;
    const std::string config_path = governing != nullptr ? governing->path : std::string(config::kFileName);
    const std::string relative = governing != nullptr ? placed->relative : source.path();
    const std::string pointer = stable_location(ws, d.span);
    ++result.added;
    if (!seen.insert({relative, std::string(d.rule_id), pointer}).second) continue;
    std::string& entry = entries[config_path];
    entry += fmt::format("\n{{indent}}- path: {}\n{{indent}}  rule: {}\n", emit::yaml_quoted(relative), d.rule_id);
    if (!pointer.starts_with("line:")) entry += fmt::format("{{indent}}  pointer: {}\n", emit::yaml_quoted(pointer));
    entry += fmt::format("{{indent}}  reason: {}", emit::yaml_quoted(reason));
  }
  for (const auto& [file, lines] : comments) {
    const auto& source = sources.file(file);
    std::string text(source.text());
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      const auto& [line, rules] = *it;
      std::string names;
      for (const auto& r : rules) names += (names.empty() ? "" : ", ") + r;
      const std::string indent = indentation(source.line_text(line));
      text.insert(source.line_start(line), fmt::format("{}# pipec: ignore[{}] {}\n", indent, names, reason));
    }
    result.texts[source.path()] = std::move(text);
  }
  for (const auto& [path, entry] : entries) {
    const auto read = fs.read(path);
    std::string text = read.ok ? read.text : std::string();
    if (!text.empty() && text.back() != '\n') text.push_back('\n');
    const auto insertion = find_insertion(text);
    if (!insertion) {
      throw std::runtime_error(fmt::format(
          "{}: cannot add to its suppressions, written in flow style or empty; write them as a block list", path));
    }
    std::string block = entry;
    for (auto at = block.find("{indent}"); at != std::string::npos; at = block.find("{indent}")) block.replace(at, 8, insertion->indent);
    if (insertion->with_key) {
      text += "suppressions:" + block + "\n";
    } else {
      text.insert(insertion->at, block);
    }
    result.texts[path] = std::move(text);
  }
  return result;
}

}  // namespace pipec::driver
