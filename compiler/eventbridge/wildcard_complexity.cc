#include "eventbridge/wildcard_complexity.h"

#include <algorithm>
#include <string_view>
#include <map>
#include <unordered_set>
#include <string>
#include <vector>

#include "eventbridge/case_table.h"

namespace pipec::eventbridge {

namespace {

constexpr int kStar = Wildcard::kStar;
constexpr int kQuote = '"';
// Past this many sets of states a machine counts as too complex: no pattern
// EventBridge accepts comes near it.
constexpr std::size_t kMaxStateSets = 50000;

// --- the machines a rule makes ---------------------------------------------

// What makes two matchers of one field the same pattern in a value machine.
struct Key {
  Op op;
  std::string text;
  std::vector<std::string> texts;
  friend auto operator<=>(const Key&, const Key&) = default;
};

// An anything-but's values are a set: repeating one changes nothing.
Key key_of(const Matcher& m) {
  Key key{m.op, m.text, m.texts};
  std::sort(key.texts.begin(), key.texts.end());
  key.texts.erase(std::unique(key.texts.begin(), key.texts.end()), key.texts.end());
  return key;
}

struct ValueMachine {
  std::map<Key, std::size_t> next;  ///< pattern -> name state
  std::vector<Key> added;           ///< every pattern as added, again when added again
  std::uint32_t field = 0;          ///< where one of its wildcards is, for messages
};

struct NameState {
  std::map<std::string, std::size_t> values;  ///< field path -> value machine
  std::map<std::string, std::map<Key, std::size_t>> absent;  ///< {"exists": false}: a name matcher
};

class Rule {
 public:
  explicit Rule(const CompiledPattern& pattern) : pattern_(pattern) {
    states_.emplace_back();
    for (const Branch& b : pattern.branches) add(b);
  }

  // The value machines the evaluator reaches: through value patterns only.
  [[nodiscard]] std::vector<std::size_t> reached() const {
    std::vector<std::size_t> out;
    std::vector<bool> seen(states_.size(), false);
    std::vector<std::size_t> pending{0};
    seen[0] = true;
    while (!pending.empty()) {
      const std::size_t s = pending.back();
      pending.pop_back();
      for (const auto& [path, machine] : states_[s].values) {
        out.push_back(machine);
        for (const auto& [key, next] : machines_[machine].next) {
          if (!seen[next]) {
            seen[next] = true;
            pending.push_back(next);
          }
        }
      }
    }
    return out;
  }

  [[nodiscard]] const ValueMachine& machine(std::size_t i) const { return machines_[i]; }

 private:
  // A sub-rule, field after field: each pattern of a field leads to the name
  // state it already leads to, else to the one the field's previous new
  // pattern made, else to a new one (GenericMachine.addStep).
  void add(const Branch& branch) {
    std::vector<std::size_t> at{0};
    for (const std::uint32_t index : branch.fields) {
      const Field& field = pattern_.fields[index];
      if (field.matchers.empty()) continue;  // refused (an empty array): measure the rest
      std::vector<std::size_t> next_states;
      for (const std::size_t s : at) {
        std::optional<std::size_t> last;
        for (const Matcher& m : field.matchers) {
          const bool absent = m.op == Op::not_exists;
          const std::size_t machine = absent ? 0 : machine_for(s, field.path, index);
          // Fetched anew each time: adding a state may move the tables.
          const auto table = [&]() -> std::map<Key, std::size_t>& {
            return absent ? states_[s].absent[field.path] : machines_[machine].next;
          };
          const Key key = key_of(m);
          std::size_t next = 0;
          if (const auto it = table().find(key); it != table().end()) {
            next = it->second;
            last = next;
          } else {
            if (!last) last = new_state();
            next = *last;
            table().emplace(key, next);
          }
          if (std::find(next_states.begin(), next_states.end(), next) == next_states.end()) next_states.push_back(next);
          if (m.op == Op::wildcard || m.op == Op::anything_but_wildcard) {
            machines_[machine].field = index;
            machines_[machine].added.push_back(key);
          }
        }
      }
      at = std::move(next_states);
    }
  }

  std::size_t machine_for(std::size_t state, const std::string& path, std::uint32_t field) {
    const auto it = states_[state].values.find(path);
    if (it != states_[state].values.end()) return it->second;
    machines_.push_back({{}, {}, field});
    states_[state].values.emplace(path, machines_.size() - 1);
    return machines_.size() - 1;
  }

  std::size_t new_state() {
    states_.emplace_back();
    return states_.size() - 1;
  }

  const CompiledPattern& pattern_;
  std::vector<NameState> states_;
  std::vector<ValueMachine> machines_;
};

// --- one value machine -------------------------------------------------------

// The states of a machine's wildcard patterns: a trie per pattern, whose
// root (the start) counts nothing and every other state counts one.
struct State {
  int token = 0;                 ///< consumed to get here: a byte, or kStar
  std::vector<std::size_t> children;
  std::optional<std::size_t> star;  ///< the child reached by '*' (also by nothing)
};

// Whether the character whose UTF-8 starts at tokens[i] has distinct lower-
// and upper-case forms (Java's, as event-ruler's equals-ignore-case parser
// reads them): after a wildcard, event-ruler does not share the state that
// follows such a character.
bool cased(const std::vector<int>& tokens, std::size_t i) {
  const int lead = tokens[i];
  std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || length == 4 || i + length > tokens.size()) return false;  // no character of the BMP
  char32_t cp = length == 1 ? static_cast<char32_t>(lead) : static_cast<char32_t>(lead & (0xFF >> (length + 1)));
  for (std::size_t k = 1; k < length; ++k) {
    if (tokens[i + k] < 0x80 || tokens[i + k] >= 0xC0) return false;
    cp = (cp << 6) | static_cast<char32_t>(tokens[i + k] & 0x3F);
  }
  const CaseEntry* entry = find_case_entry(static_cast<char16_t>(cp));
  return entry != nullptr && std::string_view(entry->lower) != std::string_view(entry->upper);
}

class Automaton {
 public:
  // One pattern: its values, as tokens with the quotes, each time it is
  // added (a pattern added twice may make states twice).
  void add_pattern(const std::vector<std::vector<int>>& values) {
    const std::size_t root = add_state(0);
    roots_.push_back(root);
    std::optional<std::size_t> matched;
    for (const auto& value : values) add_value(root, value, matched);
  }

  [[nodiscard]] int evaluate(int cap) const {
    std::vector<int> bytes;
    for (std::size_t s = 0; s < states_.size(); ++s) {
      if (states_[s].token != kStar && std::find(roots_.begin(), roots_.end(), s) == roots_.end()) {
        bytes.push_back(states_[s].token);
      }
    }
    std::sort(bytes.begin(), bytes.end());
    bytes.erase(std::unique(bytes.begin(), bytes.end()), bytes.end());
    // One byte that no pattern names stands for all of them.
    for (int b = 0; b < 256; ++b) {
      if (!std::binary_search(bytes.begin(), bytes.end(), b)) {
        bytes.push_back(b);
        break;
      }
    }

    using Set = std::vector<std::size_t>;
    // Hashed, and looked up once per set: this search is most of the cost of
    // compiling a pattern with many wildcards.
    struct Hash {
      std::size_t operator()(const Set& set) const noexcept {
        std::size_t h = set.size();
        for (const std::size_t s : set) h ^= s + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
      }
    };
    std::unordered_set<Set, Hash> seen;
    std::vector<Set> pending{roots_};
    seen.insert(roots_);
    int best = 0;
    while (!pending.empty()) {
      const Set current = std::move(pending.back());
      pending.pop_back();
      for (const int b : bytes) {
        Set next = step(current, b);
        if (next.empty()) continue;
        const auto [at, added] = seen.insert(next);
        if (!added) continue;
        const int size = static_cast<int>(next.size());  // no root survives a step
        if (size >= cap) return cap;
        best = std::max(best, size);
        if (seen.size() - 1 >= kMaxStateSets) return cap;  // as many as before this one was added
        pending.push_back(std::move(next));
      }
    }
    return best;
  }

 private:
  std::size_t add_state(int token) {
    states_.push_back({token, {}, std::nullopt});
    return states_.size() - 1;
  }

  // A value's states reuse those of an earlier value of the same pattern for
  // as long as event-ruler would: always before the first '*', after it only
  // for a '*' or a byte that is neither a cased letter nor next to another
  // wildcard's state. Once a new state is made, the rest are new, but for the
  // last: the values of one pattern all end in one match (`matched`).
  void add_value(std::size_t root, const std::vector<int>& tokens, std::optional<std::size_t>& matched) {
    std::size_t at = root;
    bool shared = true;
    bool after_star = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const int token = tokens[i];
      if (i + 1 == tokens.size() && matched) {
        if (std::find(states_[at].children.begin(), states_[at].children.end(), *matched) == states_[at].children.end()) {
          states_[at].children.push_back(*matched);
        }
        return;
      }
      std::optional<std::size_t> reuse;
      if (shared) {
        for (const std::size_t c : states_[at].children) {
          if (states_[c].token != token) continue;
          const bool indeterminate = after_star || token == kStar;
          const bool lead = token != kStar && (token < 0x80 || token >= 0xC0);
          const bool converge = lead && (states_[at].star.has_value() || cased(tokens, i));
          if (!indeterminate || !converge) reuse = c;
          break;
        }
      }
      if (reuse) {
        at = *reuse;
      } else {
        shared = false;
        const std::size_t s = add_state(token);
        states_[at].children.push_back(s);
        if (token == kStar) states_[at].star = s;
        at = s;
      }
      after_star = after_star || token == kStar;
    }
    matched = at;
  }

  // The states after reading byte `b` from `from`, closed over '*' matching
  // nothing.
  [[nodiscard]] std::vector<std::size_t> step(const std::vector<std::size_t>& from, int b) const {
    std::vector<std::size_t> out;
    const auto enter = [&](std::size_t s) {
      out.push_back(s);
      if (states_[s].star) out.push_back(*states_[s].star);
    };
    for (const std::size_t s : from) {
      if (states_[s].token == kStar) enter(s);  // a '*' state takes any byte and stays
      for (const std::size_t c : states_[s].children) {
        if (states_[c].token == b) enter(c);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::vector<State> states_;
  std::vector<std::size_t> roots_;
};

std::vector<int> quoted_tokens(const std::string& operand) {
  std::vector<int> out{kQuote};
  const Wildcard wildcard(operand);
  out.insert(out.end(), wildcard.tokens().begin(), wildcard.tokens().end());
  out.push_back(kQuote);
  return out;
}

int machine_complexity(const ValueMachine& machine, int cap) {
  if (machine.added.empty()) return 0;
  // One trie per pattern, its values added in order, once per addition.
  std::vector<Key> patterns;
  for (const Key& key : machine.added) {
    if (std::find(patterns.begin(), patterns.end(), key) == patterns.end()) patterns.push_back(key);
  }
  Automaton automaton;
  for (const Key& pattern : patterns) {
    std::vector<std::vector<int>> values;
    for (const Key& added : machine.added) {
      if (added != pattern) continue;
      if (added.op == Op::wildcard) {
        values.push_back(quoted_tokens(added.text));
      } else {
        for (const auto& t : added.texts) values.push_back(quoted_tokens(t));
      }
    }
    automaton.add_pattern(values);
  }
  return automaton.evaluate(cap);
}

}  // namespace

WildcardComplexity wildcard_complexity(const CompiledPattern& pattern, int cap) {
  WildcardComplexity out;
  const Rule rule(pattern);
  for (const std::size_t m : rule.reached()) {
    const int value = machine_complexity(rule.machine(m), cap);
    if (value > out.value) {
      out.value = value;
      out.field = rule.machine(m).field;
    }
    if (out.value >= cap) break;
  }
  return out;
}

}  // namespace pipec::eventbridge
