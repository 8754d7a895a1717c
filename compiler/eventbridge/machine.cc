#include "eventbridge/machine.h"

#include <algorithm>
#include <bit>
#include <map>
#include <unordered_map>

#include "eventbridge/event_text.h"
#include "eventbridge/numeric_index.h"
#include "source/source_file.h"
#include "syntax/json/json_reader.h"

namespace pipec::eventbridge {

namespace {

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TextMap = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;

std::size_t literal_slot(std::string_view text) { return text == "null" ? 0 : text == "true" ? 1 : 2; }

bool indexed_exactly(Op op) {
  return op == Op::exact_string || op == Op::exact_number || op == Op::exact_literal || op == Op::prefix ||
         op == Op::suffix;
}

// What an exact, prefix or suffix matcher is counted under, to tell how many
// branches share it.
std::string share_key(PathTrie::NodeId path, const Matcher& m) {
  std::string key(reinterpret_cast<const char*>(&path), sizeof path);
  key.push_back(static_cast<char>(m.op));
  if (m.op == Op::exact_number && m.number) {
    const auto bits = std::bit_cast<std::uint64_t>(*m.number);
    key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
  } else {
    key += m.text;
  }
  return key;
}

}  // namespace

struct Machine::PathIndex {
  TextMap strings;        ///< exact strings
  TextMap number_texts;   ///< exact numbers compared by their text
  TextMap prefixes, suffixes;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> numbers;  ///< by the double's bits
  std::vector<std::uint32_t> literals[3];  ///< null, true, false
  std::vector<std::size_t> prefix_lengths, suffix_lengths;
  NumericIndex numeric;
  std::vector<std::pair<const Matcher*, std::uint32_t>> scan;  ///< checked against every value
};

Machine::Machine() = default;
Machine::Machine(Machine&&) noexcept = default;
Machine& Machine::operator=(Machine&&) noexcept = default;
Machine::~Machine() = default;

std::uint32_t MachineBuilder::add(std::string id, CompiledPattern pattern) {
  patterns_.emplace_back(std::move(id), std::move(pattern));
  return static_cast<std::uint32_t>(patterns_.size() - 1);
}

Machine MachineBuilder::build() && {
  Machine m;
  for (auto& [id, pattern] : patterns_) {
    Machine::Entry e{std::move(id), std::move(pattern), {}};
    for (const auto& f : e.pattern.fields) e.paths.push_back(m.trie_.add(f.segments));
    m.patterns_.push_back(std::move(e));
  }
  patterns_.clear();

  // How many branches share each exact value, prefix and suffix, and how
  // many matchers of each path have no index of their own.
  std::unordered_map<std::string, std::size_t> shared;
  std::map<PathTrie::NodeId, std::size_t> ranges, scanned;
  for (const auto& e : m.patterns_) {
    for (const auto& branch : e.pattern.branches) {
      for (const auto fi : branch.fields) {
        for (const auto& matcher : e.pattern.fields[fi].matchers) {
          if (indexed_exactly(matcher.op)) ++shared[share_key(e.paths[fi], matcher)];
          else if (matcher.op == Op::numeric) ++ranges[e.paths[fi]];
          else ++scanned[e.paths[fi]];
        }
      }
    }
  }
  const auto cost = [&](PathTrie::NodeId path, const Matcher& matcher) -> std::size_t {
    if (indexed_exactly(matcher.op)) return shared[share_key(path, matcher)];
    if (matcher.op == Op::numeric) return ranges[path];
    // Unindexed matchers cost every value of their path; anything-but and
    // exists select nearly every event that has the field at all.
    const bool broad = matcher.op == Op::exists || (matcher.op >= Op::anything_but_strings &&
                                                    matcher.op <= Op::anything_but_wildcard);
    return 4 * scanned[path] + (broad ? 1'000'000 : 0);
  };

  m.indexes_.resize(m.trie_.size());
  for (std::uint32_t p = 0; p < m.patterns_.size(); ++p) {
    const auto& e = m.patterns_[p];
    for (std::uint32_t b = 0; b < e.pattern.branches.size(); ++b) {
      const auto branch_id = static_cast<std::uint32_t>(m.branches_.size());
      m.branches_.push_back({p, b});
      // The field to index the branch under: one that no absence can satisfy,
      // cheapest first, the first of equals.
      std::optional<std::uint32_t> best;
      std::size_t best_cost = 0;
      for (const auto fi : e.pattern.branches[b].fields) {
        const auto& field = e.pattern.fields[fi];
        if (field.matchers.empty()) continue;
        std::size_t c = 0;
        bool usable = true;
        for (const auto& matcher : field.matchers) {
          if (matcher.op == Op::not_exists) usable = false;
          c += cost(e.paths[fi], matcher);
        }
        if (usable && (!best || c < best_cost)) {
          best = fi;
          best_cost = c;
        }
      }
      if (!best) {
        m.always_.push_back(branch_id);
        continue;
      }
      const auto path = e.paths[*best];
      auto& index = m.indexes_[path];
      if (!index) index = std::make_unique<Machine::PathIndex>();
      for (const auto& matcher : e.pattern.fields[*best].matchers) {
        switch (matcher.op) {
          case Op::exact_string: index->strings[matcher.text].push_back(branch_id); break;
          case Op::exact_number:
            if (matcher.number) index->numbers[std::bit_cast<std::uint64_t>(*matcher.number)].push_back(branch_id);
            else index->number_texts[matcher.text].push_back(branch_id);
            break;
          case Op::exact_literal: index->literals[literal_slot(matcher.text)].push_back(branch_id); break;
          case Op::prefix:
            index->prefixes[matcher.text].push_back(branch_id);
            index->prefix_lengths.push_back(matcher.text.size());
            break;
          case Op::suffix:
            index->suffixes[matcher.text].push_back(branch_id);
            index->suffix_lengths.push_back(matcher.text.size());
            break;
          case Op::numeric:
            index->numeric.add(matcher.low, matcher.open_low, matcher.high, matcher.open_high, branch_id);
            break;
          default: index->scan.emplace_back(&matcher, branch_id); break;
        }
      }
    }
  }
  for (auto& index : m.indexes_) {
    if (!index) continue;
    for (auto* lengths : {&index->prefix_lengths, &index->suffix_lengths}) {
      std::sort(lengths->begin(), lengths->end());
      lengths->erase(std::unique(lengths->begin(), lengths->end()), lengths->end());
    }
    index->numeric.build();
  }
  return m;
}

void Machine::candidates_for(const FlatField& field, const PathIndex& index, Scratch& s) const {
  const auto add = [&](const std::vector<std::uint32_t>& branches) {
    for (const auto b : branches) {
      if (s.branch_stamp[b] != s.stamp) {
        s.branch_stamp[b] = s.stamp;
        s.candidates.push_back(b);
      }
    }
  };
  const auto lookup = [&](const TextMap& map, std::string_view key) {
    if (const auto it = map.find(key); it != map.end()) add(it->second);
  };
  const EventValue& v = field.value;
  switch (v.kind) {
    case ValueKind::string: {
      lookup(index.strings, v.text);
      // A prefix sees the value and its closing quote; a suffix the opening
      // quote and the value (string_match.h).
      for (const auto length : index.prefix_lengths) {
        if (length > v.text.size() + 1) break;
        if (length <= v.text.size()) {
          lookup(index.prefixes, v.text.substr(0, length));
        } else {
          s.key.assign(v.text);
          s.key.push_back('"');
          lookup(index.prefixes, s.key);
        }
      }
      for (const auto length : index.suffix_lengths) {
        if (length > v.text.size() + 1) break;
        if (length <= v.text.size()) {
          lookup(index.suffixes, v.text.substr(v.text.size() - length));
        } else {
          s.key.assign("\"");
          s.key.append(v.text);
          lookup(index.suffixes, s.key);
        }
      }
      break;
    }
    case ValueKind::number:
      if (v.number) {
        if (const auto it = index.numbers.find(std::bit_cast<std::uint64_t>(*v.number)); it != index.numbers.end()) {
          add(it->second);
        }
        index.numeric.stab(*v.number, [&](std::uint32_t b) {
          if (s.branch_stamp[b] != s.stamp) {
            s.branch_stamp[b] = s.stamp;
            s.candidates.push_back(b);
          }
        });
      }
      // Exact numbers compared as text (the default, or ones no double holds).
      lookup(index.number_texts, v.text);
      break;
    case ValueKind::literal: add(index.literals[literal_slot(v.text)]); break;
  }
  for (const auto& [matcher, b] : index.scan) {
    if (s.branch_stamp[b] != s.stamp && matches(*matcher, v)) {
      s.branch_stamp[b] = s.stamp;
      s.candidates.push_back(b);
    }
  }
}

void Machine::prepare(std::vector<std::uint32_t>& out, Scratch& s) const {
  out.clear();
  s.candidates.clear();
  if (s.branch_stamp.size() != branches_.size() || s.pattern_stamp.size() != patterns_.size() ||
      s.stamp == UINT32_MAX) {
    s.branch_stamp.assign(branches_.size(), 0);
    s.pattern_stamp.assign(patterns_.size(), 0);
    s.stamp = 0;
  }
  ++s.stamp;
}

void Machine::match_flat(std::vector<std::uint32_t>& out, Scratch& s) const {
  if (!s.event.is_object()) return;
  for (const auto& field : s.event.fields()) {
    if (const auto& index = indexes_[field.path]) candidates_for(field, *index, s);
  }
  for (const auto b : always_) {
    if (s.branch_stamp[b] != s.stamp) {
      s.branch_stamp[b] = s.stamp;
      s.candidates.push_back(b);
    }
  }
  for (const auto b : s.candidates) {
    const auto& ref = branches_[b];
    if (s.pattern_stamp[ref.pattern] == s.stamp) continue;
    const auto& e = patterns_[ref.pattern];
    if (s.evaluator.evaluate(e.pattern, e.pattern.branches[ref.branch], e.paths, s.event)) {
      s.pattern_stamp[ref.pattern] = s.stamp;
      out.push_back(ref.pattern);
    }
  }
  std::sort(out.begin(), out.end());
}

void Machine::match(const syntax::Document& event, std::vector<std::uint32_t>& out, Scratch& s) const {
  prepare(out, s);
  flatten(event, trie_, s.event);
  match_flat(out, s);
}

bool Machine::match_text(std::string_view json, std::vector<std::uint32_t>& out, Scratch& s, TextKeys keys) const {
  prepare(out, s);
  if (!flatten_text(json, trie_, s.event, keys)) return false;
  match_flat(out, s);
  return true;
}

void Machine::match(std::string_view json, std::vector<std::uint32_t>& out, Scratch& s) const {
  if (match_text(json, out, s)) return;
  source::SourceSet sources;
  const auto file = sources.add("event.json", std::string(json));
  const auto read = syntax::read_json(sources, file);
  match(read.document, out, s);
}

std::vector<std::uint32_t> Machine::match(const syntax::Document& event) const {
  Scratch scratch;
  std::vector<std::uint32_t> out;
  match(event, out, scratch);
  return out;
}

}  // namespace pipec::eventbridge
