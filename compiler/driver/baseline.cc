#include "driver/baseline.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "driver/policy.h"
#include "util/json_string.h"
#include "util/utf8.h"

namespace pipec::driver {

namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // path, rule, location

// How a run's findings are keyed against a baseline in `folder`: each file's
// path is resolved once, however many findings it holds.
class Keys {
 public:
  Keys(const LintRun& run, const source::FileSystem& fs, const std::string& baseline_path)
      : run_(run), fs_(fs), folder_(source::parent_folder(fs.real_path(baseline_path))) {}

  Key operator()(const diag::Diagnostic& d) {
    const source::FileId file = run_.workspace.sources.to_root(d.span).file;
    auto [at, fresh] = paths_.try_emplace(file);
    if (fresh) {
      // The file relative to the baseline's folder when under it; a baseline
      // is JSON, so a path or key that is not UTF-8 is recorded, and
      // compared, with U+FFFD for each ill-formed byte.
      const std::string real = fs_.real_path(run_.workspace.sources.file(file).path());
      at->second = util::valid_utf8(folder_ == "/" ? real : source::path_below(folder_, real).value_or(real));
    }
    return {at->second, std::string(d.rule_id), util::valid_utf8(stable_location(run_.workspace, d.span))};
  }

 private:
  const LintRun& run_;
  const source::FileSystem& fs_;
  std::string folder_;
  std::map<source::FileId, std::string> paths_;
};

}  // namespace

std::string write_baseline(const LintRun& run, const source::FileSystem& fs, const std::string& path) {
  Keys key_of(run, fs, path);
  std::map<Key, Baseline::Entry> entries;
  for (const auto& d : run.report.diagnostics) {
    if (d.rule_id == kCommittedSecretRule || !d.span.valid()) continue;
    const Key key = key_of(d);
    auto [at, fresh] = entries.try_emplace(key, Baseline::Entry{std::get<1>(key), std::get<0>(key), std::get<2>(key), util::valid_utf8(d.message), 0});
    ++at->second.count;
  }
  std::string out = "{\n  \"version\": 1,\n  \"findings\": [";
  bool first = true;
  for (const auto& [key, e] : entries) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"rule\": ";
    util::write_json_string(e.rule, out);
    out += ", \"path\": ";
    util::write_json_string(e.path, out);
    out += ", \"location\": ";
    util::write_json_string(e.location, out);
    out += fmt::format(", \"count\": {}, \"message\": ", e.count);
    util::write_json_string(e.message, out);
    out += "}";
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::optional<Baseline> read_baseline(std::string_view text, std::string& error) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    error = "not JSON";
    return std::nullopt;
  }
  if (!json.is_object() || json.value("version", 0) != 1 || !json.contains("findings") || !json["findings"].is_array()) {
    error = "expected {\"version\": 1, \"findings\": […]}, as --write-baseline writes it";
    return std::nullopt;
  }
  Baseline baseline;
  std::size_t index = 0;
  for (const auto& item : json["findings"]) {
    const auto text_of = [&](const char* key) -> const nlohmann::json* {
      if (!item.is_object() || !item.contains(key) || !item[key].is_string()) return nullptr;
      return &item[key];
    };
    const auto* rule = text_of("rule");
    const auto* path = text_of("path");
    const auto* location = text_of("location");
    if (rule == nullptr || path == nullptr || location == nullptr || !item.contains("count") ||
        !item["count"].is_number_unsigned()) {
      error = fmt::format("finding {} lacks rule, path, location or count", index);
      return std::nullopt;
    }
    baseline.entries.push_back({rule->get<std::string>(), path->get<std::string>(), location->get<std::string>(),
                                item.value("message", std::string()), item["count"].get<std::size_t>()});
    ++index;
  }
  return baseline;
}

std::size_t subtract_baseline(LintRun& run, const source::FileSystem& fs, const Baseline& baseline, const std::string& path) {
  Keys key_of(run, fs, path);
  std::map<Key, std::size_t> left;
  for (const auto& e : baseline.entries) left[{e.path, e.rule, e.location}] += e.count;
  std::size_t removed = 0;
  std::vector<diag::Diagnostic> kept;
  for (auto& d : run.report.diagnostics) {
    if (d.rule_id != kCommittedSecretRule && d.span.valid()) {
      const auto it = left.find(key_of(d));
      if (it != left.end() && it->second > 0) {
        --it->second;
        ++removed;
        continue;
      }
    }
    kept.push_back(std::move(d));
  }
  run.report.diagnostics = std::move(kept);
  return removed;
}

}  // namespace pipec::driver
