#include "eventbridge/branch_eval.h"

#include <algorithm>

namespace pipec::eventbridge {

namespace {

const Matcher* accepting(const Field& field, const EventValue& value) {
  for (const auto& m : field.matchers) {
    if (m.op != Op::not_exists && matches(m, value)) return &m;
  }
  return nullptr;
}

const Matcher* absence(const Field& field) {
  for (const auto& m : field.matchers) {
    if (m.op == Op::not_exists) return &m;
  }
  return nullptr;
}

}  // namespace

std::string BranchEvaluator::memo_key(std::uint32_t level, std::uint32_t begin, std::uint32_t end) const {
  // Only the arrays that later fields can see decide what can still happen.
  const auto& relevant = relevant_[level];
  std::vector<Entry> kept;
  for (std::uint32_t k = begin; k < end; ++k) {
    if (std::binary_search(relevant.begin(), relevant.end(), arena_[k].first)) kept.push_back(arena_[k]);
  }
  std::sort(kept.begin(), kept.end());
  std::string key(reinterpret_cast<const char*>(&level), sizeof level);
  key.append(reinterpret_cast<const char*>(kept.data()), kept.size() * sizeof(Entry));
  return key;
}

bool BranchEvaluator::evaluate(const CompiledPattern& pattern, const Branch& branch,
                               std::span<const PathTrie::NodeId> paths, const FlatEvent& event,
                               BranchOutcome* outcome) {
  const auto n = static_cast<std::uint32_t>(branch.fields.size());
  if (outcome) *outcome = {};
  if (!event.is_object()) return false;

  const bool memo = event.has_arrays_of_objects();
  if (memo) {
    failed_.clear();
    relevant_.assign(n + 1, {});
    for (std::uint32_t level = n; level-- > 0;) {
      auto& r = relevant_[level];
      r = relevant_[level + 1];
      for (const auto& f : event.at(paths[branch.fields[level]])) {
        for (const auto& [array, element] : event.membership(f.value)) r.push_back(array);
      }
      std::sort(r.begin(), r.end());
      r.erase(std::unique(r.begin(), r.end()), r.end());
    }
  }

  frames_.clear();
  arena_.clear();
  frames_.push_back(Frame{});
  std::uint32_t deepest = 0;
  while (!frames_.empty()) {
    Frame& f = frames_.back();
    deepest = std::max(deepest, f.level);
    if (f.level == n) {
      if (outcome) {
        outcome->matched = true;
        for (std::size_t k = 0; k + 1 < frames_.size(); ++k) {
          outcome->choices.push_back({branch.fields[k], frames_[k].matcher, frames_[k].chosen});
        }
      }
      return true;
    }
    const Field& field = pattern.fields[branch.fields[f.level]];
    const auto values = event.at(paths[branch.fields[f.level]]);
    const std::span<const Entry> chosen(arena_.data() + f.mem_begin, f.mem_end - f.mem_begin);

    // The next state to explore, if any: its membership range and whether it
    // was pushed onto the arena for it.
    bool found = false;
    Frame child;
    child.level = f.level + 1;
    if (!f.absence_done) {
      f.absence_done = true;
      if (const Matcher* m = absence(field)) {
        const bool present = std::any_of(values.begin(), values.end(), [&](const FlatField& v) {
          return consistent(chosen, event.membership(v.value));
        });
        if (!present) {
          f.unchanged_tried = true;
          f.chosen = nullptr;
          f.matcher = m;
          child.mem_begin = f.mem_begin;
          child.mem_end = f.mem_end;
          found = true;
        }
      }
    }
    while (!found && f.next < values.size()) {
      const FlatField& v = values[f.next++];
      const auto membership = event.membership(v.value);
      if (!consistent(chosen, membership)) continue;
      // Entries of this value's arrays that the choices so far do not fix.
      std::size_t added = 0;
      for (const auto& e : membership) {
        if (std::none_of(chosen.begin(), chosen.end(), [&](const Entry& c) { return c.first == e.first; })) ++added;
      }
      if (added == 0 && f.unchanged_tried) continue;  // same state as one already explored
      const Matcher* m = accepting(field, v.value);
      if (m == nullptr) continue;
      f.chosen = &v;
      f.matcher = m;
      if (added == 0) {
        f.unchanged_tried = true;
        child.mem_begin = f.mem_begin;
        child.mem_end = f.mem_end;
      } else {
        const auto begin = static_cast<std::uint32_t>(arena_.size());
        arena_.reserve(arena_.size() + (f.mem_end - f.mem_begin) + membership.size());
        for (std::uint32_t k = f.mem_begin; k < f.mem_end; ++k) arena_.push_back(arena_[k]);
        for (const auto& e : membership) {
          const bool known = std::any_of(arena_.begin() + begin, arena_.end(),
                                         [&](const Entry& c) { return c.first == e.first; });
          if (!known) arena_.push_back(e);
        }
        child.mem_begin = begin;
        child.mem_end = static_cast<std::uint32_t>(arena_.size());
        child.owns = true;
      }
      found = true;
    }
    if (found && memo && failed_.count(memo_key(child.level, child.mem_begin, child.mem_end))) {
      if (child.owns) arena_.resize(child.mem_begin);
      continue;  // known to fail: try the next choice
    }
    if (found) {
      frames_.push_back(child);  // may move f: not used after this
      continue;
    }
    // Every choice failed.
    if (memo) failed_.insert(memo_key(f.level, f.mem_begin, f.mem_end));
    if (f.owns) arena_.resize(f.mem_begin);
    frames_.pop_back();
  }
  if (outcome) outcome->failed = deepest;
  return false;
}

}  // namespace pipec::eventbridge
